import { html, LitElement } from "lit";
import type { Distribution } from "../api/types.ts";
import { distributionChart } from "../charts/distribution.ts";
import { count, percent } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { dataTable } from "./data-table.ts";
import "./hl-chart.ts";
import { shared } from "./styles.ts";

/** How the answers spread over the levels of the scale; below the minimum sample, no counts. */
export class HlDistributionPanel extends LitElement {
  static override properties = { distribution: { attribute: false }, lang: {} };
  declare distribution: Distribution;
  declare lang: Lang;
  static override styles = shared;

  override render() {
    const s = strings(this.lang);
    const d = this.distribution;
    const shown = d.n > 0 && d.levels.every((l) => l.count !== null);
    const top = [...d.levels].sort((a, b) => (b.count ?? 0) - (a.count ?? 0))[0];
    const summary =
      d.n === 0 ? s.distributionEmpty : !shown || !top ? s.headlineSuppressed(s.distributionTitle, count(d.n, this.lang)) : s.distributionSummary(count(d.n, this.lang), top.label[this.lang], percent(top.count! / d.n, this.lang));
    return html`<section class="card" aria-labelledby="distribution-title">
      <h2 id="distribution-title">${s.distributionTitle}</h2>
      <p class="summary" data-summary>${summary}</p>
      ${shown ? html`<hl-chart .config=${distributionChart(d, this.lang)} .label=${summary} .height=${d.levels.length * 40 + 50}></hl-chart>` : ""}
      ${dataTable(
        s.showTable,
        s.distributionTitle,
        [{ label: s.colLevel }, { label: s.colCount, num: true }, { label: s.colPercent, num: true }],
        d.levels.map((l) => {
          const known = shown && l.count !== null;
          return [
            l.label[this.lang],
            { value: known ? count(l.count!, this.lang) : s.notEnough, num: true, suppressed: !known },
            { value: known ? percent(l.count! / d.n, this.lang) : s.notEnough, num: true, suppressed: !known },
          ];
        }),
      )}
    </section>`;
  }
}

customElements.get("hl-distribution-panel") ?? customElements.define("hl-distribution-panel", HlDistributionPanel);
