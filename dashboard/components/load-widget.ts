/** Loads the widget's script once, from this host, as a ward portal would: for the previews. */
export function loadWidget() {
  if (customElements.get("hailong-survey") || document.querySelector("script[data-hailong-preview]")) return;
  const script = document.createElement("script");
  script.src = `${location.origin}/widget.js`;
  script.dataset.hailongPreview = "";
  document.head.appendChild(script);
}
