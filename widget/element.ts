import { render, type TemplateResult } from "lit/html.js";

type Fields = Record<string | symbol, unknown>;

/**
 * The widget's element base: Lit's templates (lit-html) rendered into an open shadow root,
 * as LitElement does, without ReactiveElement's machinery (attribute converters, reflection,
 * controllers, polyfill hooks), which cost 2.5 KB gzipped of widget.js's 12 KB for a few
 * string attributes and some state. Setting a reactive property renders again, once, in a
 * microtask, and only while the element is connected.
 */
export abstract class RenderedElement extends HTMLElement {
  /** The reactive properties, each with the attribute that sets it, or null for none. */
  static reactive: Record<string, string | null>;

  /** Read once, by customElements.define: the moment to give the reactive properties their accessors. */
  static get observedAttributes() {
    for (const name of Object.keys(this.reactive)) {
      const key = Symbol(name);
      Object.defineProperty(this.prototype, name, {
        get(this: Fields) {
          return this[key];
        },
        set(this: RenderedElement & Fields, value: unknown) {
          if (this[key] === value) return;
          this[key] = value;
          this.requestUpdate(name);
        },
      });
    }
    return Object.values(this.reactive).filter(Boolean);
  }

  readonly renderRoot = this.attachShadow({ mode: "open" });
  #changed = new Set<string>();
  #pending = false;

  constructor(css: string) {
    super();
    const fields = this as unknown as Fields;
    // A value the page set before the element was defined hides the accessor: pass it on.
    for (const name of Object.keys((this.constructor as typeof RenderedElement).reactive)) {
      // (Object.hasOwn is newer than the browsers the widget supports: Chrome 93, Safari 15.4.)
      if (!Object.prototype.hasOwnProperty.call(this, name)) continue;
      const value = fields[name];
      delete fields[name];
      fields[name] = value;
    }
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      this.renderRoot.adoptedStyleSheets = [sheet];
    } catch {
      // Safari before 16.4 constructs no stylesheet: a <style> then, with the nonce a page
      // under a nonce CSP gives Lit's styles (the hosted page does).
      const nonce = (globalThis as { litNonce?: string }).litNonce;
      this.renderRoot.append(Object.assign(document.createElement("style"), { textContent: css }, nonce && { nonce }));
    }
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null) {
    const { reactive } = this.constructor as typeof RenderedElement;
    (this as unknown as Fields)[Object.keys(reactive).find((name) => reactive[name] === attribute)!] = value;
  }

  connectedCallback() {
    this.requestUpdate();
  }

  /** Renders again soon; `changed` names the property that asks. */
  requestUpdate(changed?: string) {
    if (changed) this.#changed.add(changed);
    if (this.#pending || !this.isConnected) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      const changed = this.#changed;
      this.#changed = new Set();
      this.willUpdate(changed);
      render(this.render(), this.renderRoot, { host: this });
      this.updated();
    });
  }

  /** Before each render, with the names of the properties set since the last one. */
  protected willUpdate(_changed: Set<string>) {}

  protected abstract render(): TemplateResult;

  /** After each render. */
  protected updated() {}
}
