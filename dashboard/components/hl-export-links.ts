import { css, html, LitElement } from "lit";
import { exportLinks } from "../api/endpoints.ts";
import { day } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import type { ViewState } from "../state/view-state.ts";
import { shared } from "./styles.ts";

/** Links to the CSV exports, for the same scope and period as the screen. */
export class HlExportLinks extends LitElement {
  static override properties = { state: { attribute: false }, unitName: {}, lang: {} };
  declare state: ViewState;
  declare unitName: string;
  declare lang: Lang;
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

  override render() {
    const s = strings(this.lang);
    const links = exportLinks(this.state);
    return html`<section class="card" aria-labelledby="export-title">
      <h2 id="export-title">${s.exportTitle}</h2>
      <p class="summary">${s.exportNote(this.unitName, day(this.state.from, this.lang), day(this.state.to, this.lang))}</p>
      <div class="links">
        <a class="button secondary" href=${links.responses} download data-export="responses"><span aria-hidden="true">↓</span> ${s.exportAnswers} (CSV)</a>
        <a class="button secondary" href=${links.trend} download data-export="trend"><span aria-hidden="true">↓</span> ${s.exportTrend} (CSV)</a>
      </div>
    </section>`;
  }
}

customElements.get("hl-export-links") ?? customElements.define("hl-export-links", HlExportLinks);
