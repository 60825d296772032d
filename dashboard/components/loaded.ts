import { html, type TemplateResult } from "lit";
import { ApiFailure } from "../api/client.ts";
import { strings, type Lang } from "../i18n/strings.ts";

/** A figure set being fetched (undefined), fetched (the value) or refused (the failure). */
export type Loaded<T> = T | ApiFailure | undefined;

/** Turns a request into Loaded values: the failure becomes a value a page can show. */
export function settle<T>(pending: Promise<T>): Promise<T | ApiFailure> {
  return pending.catch((err: unknown) => (err instanceof ApiFailure ? err : new ApiFailure(0, "client", { vi: String(err), en: String(err) })));
}

/** Renders a section once its data is there, a quiet placeholder before, the API's own words on failure. */
export function whenLoaded<T>(value: Loaded<T>, lang: Lang, show: (value: T) => TemplateResult, retry?: () => void): TemplateResult {
  const s = strings(lang);
  if (value === undefined) return html`<div class="card placeholder" aria-busy="true"><p class="summary">${s.loading}</p></div>`;
  if (value instanceof ApiFailure) {
    return html`<div class="card" role="alert">
      <p class="error">${value.text(lang)}</p>
      ${retry ? html`<button type="button" class="secondary" @click=${retry}>${s.retry}</button>` : ""}
    </div>`;
  }
  return show(value);
}
