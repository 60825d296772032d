import { html, LitElement } from "lit";
import type { Compare } from "../api/types.ts";
import { funnelChart, type FunnelPoint } from "../charts/funnel.ts";
import { FUNNEL_LABELS, type FunnelLabel } from "../../worker/domain/funnel-limits.ts";
import { count, interval, percent } from "../i18n/format.ts";
import { funnelStrings } from "../i18n/funnel-strings.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { navigateEvent } from "../state/view-state.ts";
import { chartLegend, legendStyles } from "./chart-legend.ts";
import { dataTable } from "./data-table.ts";
import "./hl-chart.ts";
import { shared } from "./styles.ts";

/** τ̂² as a standard deviation in percentage points, the way a reader can picture it. */
const tauPoints = (tau2: number, lang: Lang) => new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 1 }).format(Math.sqrt(tau2) * 100);

/**
 * The comparison as a funnel plot: every unit below the scope with enough answers, its share
 * against its n, inside or outside the control limits around the scope's own share, with the
 * limits and labels as a table. Clicking a unit opens it. A chunk of its own, loaded with the
 * comparison (dashboard/pages/hl-unit-view.ts).
 */
export class HlFunnelPanel extends LitElement {
  static override properties = { compare: { attribute: false }, tableOpen: { type: Boolean }, lang: {} };
  declare compare: Compare;
  /** Whether the table of limits shows without being opened, as the printed report wants it. */
  declare tableOpen: boolean;
  declare lang: Lang;
  static override styles = [shared, legendStyles];

  constructor() {
    super();
    this.tableOpen = false;
  }

  override render() {
    const s = strings(this.lang);
    const f = funnelStrings(this.lang);
    const { p0, tau2, units } = this.compare.funnel;
    const names = new Map(this.compare.children.map((c) => [c.unit.code, c.unit.name]));
    const drawn = units.filter((u): u is typeof u & { share: number; label: FunnelLabel } => u.share !== undefined && u.label !== undefined);
    if (p0 === null || tau2 === null || drawn.length === 0) {
      return html`<section class="card" aria-labelledby="funnel-title"><h2 id="funnel-title">${f.funnelTitle}</h2><p class="summary">${f.funnelNone}</p></section>`;
    }
    const points: FunnelPoint[] = drawn.map((u) => ({ name: names.get(u.code) ?? u.code, n: u.n, share: u.share, label: u.label }));
    const counts = Object.fromEntries(FUNNEL_LABELS.map((label) => [label, drawn.filter((u) => u.label === label).length])) as Record<FunnelLabel, number>;
    const summary = f.funnelSummary(counts, drawn.length, percent(p0, this.lang));
    const open = (index: number) => this.dispatchEvent(navigateEvent({ view: "unit", unit: drawn[index]!.code }));
    const config = funnelChart(points, p0, tau2, { p0: f.p0, limit95: f.limit95, limit998: f.limit998 }, this.lang, open);
    const notDrawn = units.length - drawn.length;
    return html`<section class="card" aria-labelledby="funnel-title">
      <h2 id="funnel-title">${f.funnelTitle}</h2>
      <p class="summary" data-summary>${summary}</p>
      <hl-chart .config=${config} .label=${summary} .height=${320}></hl-chart>
      ${chartLegend([
        ["dot", s.colUnit],
        ["reference", f.p0],
        ["limit95", f.limit95],
        ["limit998", f.limit998],
      ])}
      <p class="note">${f.funnelNote}</p>
      ${tau2 > 0 ? html`<p class="note" data-field="tau">${f.funnelWidened(tauPoints(tau2, this.lang))}</p>` : ""}
      ${notDrawn > 0 ? html`<p class="note">${f.funnelBelowMin(notDrawn)}</p>` : ""}
      ${dataTable(
        s.showTable,
        f.funnelTitle,
        [{ label: s.colUnit }, { label: s.colN, num: true }, { label: s.colShare, num: true }, { label: f.col95, num: true }, { label: f.col998, num: true }, { label: f.colLabel }],
        drawn.map((u, i) => [
          points[i]!.name,
          { value: count(u.n, this.lang), num: true },
          { value: percent(u.share, this.lang), num: true },
          { value: interval(u.lower95 ?? null, u.upper95 ?? null, this.lang), num: true },
          { value: interval(u.lower998 ?? null, u.upper998 ?? null, this.lang), num: true },
          html`<span data-label=${u.label}>${s.funnelLabels[u.label]}</span>`,
        ]),
        this.tableOpen,
      )}
    </section>`;
  }
}

customElements.get("hl-funnel-panel") ?? customElements.define("hl-funnel-panel", HlFunnelPanel);
