/**
 * The embed script, /widget.js: `<script src="https://HOST/widget.js" defer></script>` then
 * `<hailong-survey unit="00004"></hailong-survey>`. Loading it twice is harmless: the first
 * copy defines the element and starts the outbox, any later copy does nothing.
 */
import { chunksFrom } from "./chunks.ts";
import { startOutbox } from "./outbox.ts";
import { HailongSurvey, TAG } from "./survey-element.ts";

// Only readable now, while this classic script runs for the first time.
const script = document.currentScript as HTMLScriptElement | null;

if (!customElements.get(TAG)) {
  if (script?.src) {
    // The chunks come from where the script came from; so does the API, unless `api` says otherwise.
    const { origin } = new URL(script.src);
    HailongSurvey.defaultApi = origin;
    chunksFrom(origin);
  }
  customElements.define(TAG, HailongSurvey);
  startOutbox();
}
