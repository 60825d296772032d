import { css, html, LitElement, nothing } from "lit";
import type { ExportStatusView } from "../../worker/jobs/export-job.ts";
import { api, ApiFailure, read } from "../api/client.ts";
import { exportLinks } from "../api/endpoints.ts";
import { day } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import type { ViewState } from "../state/view-state.ts";
import { shared } from "./styles.ts";

/** Starts a download the way a link with `download` would. */
function download(url: string): void {
  const link = document.createElement("a");
  link.href = url;
  link.download = "";
  link.click();
}

/**
 * The CSV exports, for the same scope and period as the screen. The trend is a link; the
 * answers are asked for first: a small export downloads at once, a large one is prepared in
 * the background and followed by <hl-export-job>, loaded only then.
 */
export class HlExportLinks extends LitElement {
  static override properties = { state: { attribute: false }, unitName: {}, lang: {}, asking: { state: true }, job: { state: true }, failure: { state: true } };
  declare state: ViewState;
  declare unitName: string;
  declare lang: Lang;
  declare asking: boolean;
  /** The job of a large export, with the view (unit and period) it was asked for: it is shown only there. */
  declare job: { view: string; status: ExportStatusView } | null;
  declare failure: ApiFailure | null;
  static override styles = [
    shared,
    css`
      .links {
        display: flex;
        gap: 0.75rem;
        flex-wrap: wrap;
        margin-top: 0.5rem;
      }
    `,
  ];

  constructor() {
    super();
    this.asking = false;
    this.job = null;
    this.failure = null;
  }

  #view = () => `${this.state.unit}|${this.state.from}|${this.state.to}`;

  async #exportAnswers(): Promise<void> {
    const view = this.#view();
    this.asking = true;
    this.failure = null;
    try {
      const status = await read(api.exports.$post({ json: { unit: this.state.unit, from: this.state.from, to: this.state.to } }));
      if (!status.id) return download(status.url!);
      await import("./hl-export-job.ts");
      this.job = { view, status };
    } catch (failure) {
      if (!(failure instanceof ApiFailure)) throw failure;
      this.failure = failure;
    } finally {
      this.asking = false;
    }
  }

  override render() {
    const s = strings(this.lang);
    const job = this.job?.view === this.#view() ? this.job.status : null;
    return html`<section class="card" aria-labelledby="export-title">
      <h2 id="export-title">${s.exportTitle}</h2>
      <p class="summary">${s.exportNote(this.unitName, day(this.state.from, this.lang), day(this.state.to, this.lang))}</p>
      <div class="links">
        <button type="button" class="secondary" data-export="responses" ?disabled=${this.asking} @click=${() => this.#exportAnswers()}>
          <span aria-hidden="true">↓</span> ${s.exportAnswers} (CSV)
        </button>
        <a class="button secondary" href=${exportLinks(this.state).trend} download data-export="trend"><span aria-hidden="true">↓</span> ${s.exportTrend} (CSV)</a>
      </div>
      <p role="alert" class="note">${this.failure?.text(this.lang) ?? ""}</p>
      ${job ? html`<hl-export-job .status=${job} lang=${this.lang}></hl-export-job>` : nothing}
    </section>`;
  }
}

customElements.get("hl-export-links") ?? customElements.define("hl-export-links", HlExportLinks);
