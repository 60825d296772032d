import { html, LitElement } from "lit";
import type { Elements, Figure } from "../api/types.ts";
import { intervalChart, intervalChartHeight } from "../charts/intervals.ts";
import { chartStrings } from "../i18n/chart-strings.ts";
import { count, interval, mean, percent } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { chartLegend, legendStyles } from "./chart-legend.ts";
import { dataTable, type Cell } from "./data-table.ts";
import "./hl-chart.ts";
import { shared } from "./styles.ts";

/**
 * The SIPAS element scores with their intervals, statements listed under each element. The
 * overall rating is a line of text of its own, never a mark on the elements' axis: it is asked
 * on 3 levels, the statements on 5, and their shares satisfied do not compare.
 */
export class HlElementsPanel extends LitElement {
  static override properties = { elements: { attribute: false }, overall: { attribute: false }, tableOpen: { type: Boolean }, lang: {} };
  declare elements: Elements;
  /** The scope's overall share (the 3-level question), stated beside the chart; null when suppressed. */
  declare overall: number | null;
  /** Whether the table of numbers shows without being opened, as the printed report wants it. */
  declare tableOpen: boolean;
  declare lang: Lang;
  static override styles = [shared, legendStyles];

  constructor() {
    super();
    this.overall = null;
    this.tableOpen = false;
  }

  private figureCells(f: Figure): Cell[] {
    const suppressed = f.share === null;
    return [
      { value: percent(f.share, this.lang), num: true, suppressed },
      { value: interval(f.lower, f.upper, this.lang), num: true, suppressed },
      { value: mean(f.mean, this.lang), num: true, suppressed },
      { value: count(f.n, this.lang), num: true },
    ];
  }

  override render() {
    const s = strings(this.lang);
    const c = chartStrings(this.lang);
    const list = this.elements.elements;
    if (list.length === 0) return html`<section class="card"><h2>${s.elementsTitle}</h2><p class="summary">${s.elementsNone}</p></section>`;
    const drawn = list.filter((e) => e.share !== null).sort((a, b) => b.share! - a.share!);
    const label = (e: (typeof list)[number]) => `${e.name[this.lang]} ${percent(e.share, this.lang)}`;
    const summary = drawn.length === 0 ? s.compareNone(list.length) : s.elementsSummary(list.length, label(drawn[0]!), label(drawn.at(-1)!));
    const rows = drawn.map((e) => ({ label: `${e.name[this.lang]} (n=${count(e.n, this.lang)})`, share: e.share!, lower: e.lower!, upper: e.upper! }));
    return html`<section class="card" aria-labelledby="elements-title">
      <h2 id="elements-title">${s.elementsTitle}</h2>
      <p class="summary" data-summary>${summary}</p>
      <p class="summary" data-field="overall">${c.overallSeparate(percent(this.overall, this.lang))}</p>
      ${rows.length > 0
        ? html`<hl-chart .config=${intervalChart(rows, null, this.lang)} .label=${summary} .height=${intervalChartHeight(rows.length)}></hl-chart>
            ${chartLegend([
              ["dot", s.satisfiedShare],
              ["bar", s.interval],
            ])}
            <p class="note">${c.elementsScaleNote}</p>`
        : ""}
      ${dataTable(
        s.showTable,
        s.elementsTitle,
        [{ label: s.colElement }, { label: s.colShare, num: true }, { label: s.colInterval, num: true }, { label: s.colMean, num: true }, { label: s.colN, num: true }],
        list.flatMap((e) => [
          [html`<strong>${e.name[this.lang]}</strong>`, ...this.figureCells(e)],
          ...e.statements.map((st) => [html`<span class="statement">— ${st.text[this.lang]}</span>`, ...this.figureCells(st)]),
        ]),
        this.tableOpen || drawn.length === 0,
      )}
    </section>`;
  }
}

customElements.get("hl-elements-panel") ?? customElements.define("hl-elements-panel", HlElementsPanel);
