import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import type { ExportStatusView } from "../../worker/jobs/export-job.ts";
import { api, ApiFailure, read } from "../api/client.ts";
import { count } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { shared } from "./styles.ts";

/** How often a job under way is asked how far it is. */
const POLL_MS = 2000;

const underWay = (s: ExportStatusView) => s.status === "queued" || s.status === "running";

/**
 * A large answers export being prepared in the background: how many answer sets are written
 * of how many, asked again every few seconds, then the link to its file, or why there is none.
 */
export class HlExportJob extends LitElement {
  static override properties = { status: { attribute: false }, lang: {}, failure: { state: true } };
  declare status: ExportStatusView;
  declare lang: Lang;
  declare failure: ApiFailure | null;
  #poll?: ReturnType<typeof setTimeout>;
  static override styles = [
    shared,
    css`
      .progress {
        display: flex;
        gap: 0.75rem;
        align-items: center;
        flex-wrap: wrap;
        margin-top: 0.5rem;
      }
      progress {
        width: min(20rem, 100%);
        height: 0.75rem;
      }
    `,
  ];

  constructor() {
    super();
    this.failure = null;
  }

  override updated(changed: PropertyValues<this>): void {
    if (!changed.has("status")) return;
    clearTimeout(this.#poll);
    if (underWay(this.status)) this.#poll = setTimeout(() => this.#ask(), POLL_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#poll);
  }

  async #ask(): Promise<void> {
    try {
      this.status = await read(api.exports[":id"].$get({ param: { id: this.status.id! } }));
      this.failure = null;
    } catch (failure) {
      if (!(failure instanceof ApiFailure)) throw failure;
      // Shown, and asked again: a lost connection should not end the wait.
      this.failure = failure;
      this.#poll = setTimeout(() => this.#ask(), POLL_MS);
    }
  }

  override render() {
    const s = strings(this.lang);
    const { status, rows, total, url, error } = this.status;
    const message =
      this.failure?.text(this.lang) ??
      (status === "failed" ? (this.lang === "vi" ? error?.messageVi : error?.message) : status === "ready" ? s.exportReady : s.exportPreparing);
    return html`<p role="status" class="note">${message}</p>
      <div class="progress">
        ${status === "ready"
          ? html`<a class="button" href=${url!} download data-export="responses-file"><span aria-hidden="true">↓</span> ${s.exportDownload(count(rows, this.lang))}</a>`
          : underWay(this.status)
            ? html`<progress max=${Math.max(total, rows, 1)} value=${rows} aria-label=${s.exportPreparing}></progress>
                <span data-field="export-progress">${s.exportProgress(count(rows, this.lang), count(total, this.lang))}</span>`
            : nothing}
      </div>`;
  }
}

customElements.get("hl-export-job") ?? customElements.define("hl-export-job", HlExportJob);
