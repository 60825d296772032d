import { css, html, LitElement, type PropertyValues } from "lit";
import { compareExportLinks } from "../api/endpoints.ts";
import type { Compare, FunnelUnit } from "../api/types.ts";
import { intervalChart, intervalChartHeight, type IntervalRow } from "../charts/intervals.ts";
import { compareStrings } from "../i18n/compare-strings.ts";
import { count, day, interval, percent, pointsChange } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { navigateEvent, type ViewState } from "../state/view-state.ts";
import { chartLegend, legendStyles } from "./chart-legend.ts";
import { dataTable, sortedBy, sortStyles, type SortKey, type SortOrder } from "./data-table.ts";
import "./hl-chart.ts";
import { shared } from "./styles.ts";
import { viewLink } from "./unit-link.ts";

type Child = Compare["children"][number];

/** How many of the highest and of the lowest units the folded chart shows. */
const ENDS = 8;

/** The table's columns: unit, share, interval, n, change on the previous period, funnel label. */
const SHARE_COLUMN = 1;
/** The table's first order: a ranking, by the shrunk estimate. */
const RANKED: SortOrder = { column: SHARE_COLUMN, direction: "descending" };
/** The funnel labels from lowest to highest, so that sorting by the label sorts like the share. */
const LABEL_RANK = { below: 0, within: 1, above: 2 };

/** A table row: the unit and where the funnel puts it (code and n only when its figure is not shown). */
type Row = Child & { funnel?: FunnelUnit };

/** Each column's sort key; the share ranks by the shrunk estimate, not the raw share of few answers. */
const SORT_KEYS: ((row: Row) => SortKey)[] = [
  (r) => r.unit.name,
  (r) => r.funnel?.shrunk ?? r.share,
  (r) => r.lower,
  (r) => r.n,
  (r) => r.change,
  (r) => (r.funnel?.label ? LABEL_RANK[r.funnel.label] : null),
];

/**
 * The units under the scope side by side: each with its interval, not just a rank, so that
 * overlapping units are not read as different, and where the funnel puts it. Units below the
 * minimum sample are rows "chưa đủ mẫu" with their n, drawn nowhere. The table sorts by any
 * column. A unit's row includes the units merged into it, named below the chart; they are not
 * listed again on their own.
 */
export class HlComparePanel extends LitElement {
  static override properties = { compare: { attribute: false }, state: { attribute: false }, lang: {}, expanded: { state: true }, order: { state: true } };
  declare compare: Compare;
  declare state: ViewState;
  declare lang: Lang;
  /** Whether the chart shows every unit rather than the highest and lowest few. */
  declare expanded: boolean;
  /** The table's order. */
  declare order: SortOrder;
  static override styles = [
    shared,
    legendStyles,
    sortStyles,
    css`
      .links {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
      }
    `,
  ];

  constructor() {
    super();
    this.expanded = false;
    this.order = RANKED;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has("compare")) this.expanded = false;
  }

  /** Enough answers first, best share first; then the rest by n. */
  private sorted(): Child[] {
    return [...this.compare.children].sort((a, b) => {
      if (a.share === null || b.share === null) return a.share === null ? (b.share === null ? b.n - a.n : 1) : -1;
      return b.share - a.share || b.n - a.n;
    });
  }

  override render() {
    const s = strings(this.lang);
    const children = this.sorted();
    if (children.length === 0) {
      return html`<section class="card"><h2>${s.compareTitle}</h2><p class="summary">${s.noChildren}</p></section>`;
    }
    const drawn = children.filter((c): c is Child & { share: number; lower: number; upper: number } => c.share !== null);
    const guarded = children.some((c) => c.protected);
    // A province has a hundred communes or more: by default, the highest and the lowest.
    const folded = !this.expanded && drawn.length > 2 * ENDS + 4;
    const shown = folded ? [...drawn.slice(0, ENDS), ...drawn.slice(-ENDS)] : drawn;
    const rows: IntervalRow[] = shown.map((c) => ({ label: `${c.unit.name} (n=${count(c.n, this.lang)})`, share: c.share, lower: c.lower, upper: c.upper }));
    const summary =
      drawn.length === 0
        ? s.compareNone(children.length)
        : s.compareSummary(children.length, drawn.length, `${drawn[0]!.unit.name} ${percent(drawn[0]!.share, this.lang)}`, `${drawn.at(-1)!.unit.name} ${percent(drawn.at(-1)!.share, this.lang)}`);
    const pick = (i: number) => this.dispatchEvent(navigateEvent({ unit: shown[i]!.unit.code }));
    return html`<section class="card" aria-labelledby="compare-title">
      <h2 id="compare-title">${s.compareTitle}</h2>
      <p class="summary" data-summary>${summary}</p>
      ${drawn.length > 0
        ? html`<hl-chart .config=${intervalChart(rows, this.compare.total.share, this.lang, pick)} .label=${summary} .height=${intervalChartHeight(rows.length)}></hl-chart>
            ${drawn.length > 2 * ENDS + 4
              ? html`<p class="note">${folded ? s.folded(ENDS, drawn.length) : ""}</p>
                <p>
                  <button type="button" class="secondary" aria-expanded=${this.expanded ? "true" : "false"} @click=${() => (this.expanded = !this.expanded)}>
                    ${this.expanded ? s.showEnds(ENDS) : s.showAll(drawn.length)}
                  </button>
                </p>`
              : ""}
            ${chartLegend([
              ["dot", s.satisfiedShare],
              ["bar", s.interval],
              ["reference", s.wholeScope],
            ])}
            <p class="note">${s.compareNote}</p>`
        : ""}
      ${guarded ? html`<p class="note" data-field="protected">${s.protectedNote}</p>` : ""}
      ${children
        .filter((c) => c.predecessors.length > 0)
        .map((c) => html`<p class="note" data-field="predecessors">${this.merged(c)}</p>`)}
      ${this.table(children)}
    </section>`;
  }

  /** Every unit as a row with its funnel label, in the order asked; a ranking by the shrunk estimate says so. */
  private table(children: Child[]) {
    const s = strings(this.lang);
    const cs = compareStrings(this.lang);
    const funnel = new Map(this.compare.funnel.units.map((u) => [u.code, u]));
    const rows = sortedBy<Row>(
      children.map((c) => ({ ...c, funnel: funnel.get(c.unit.code) })),
      SORT_KEYS,
      this.order,
    );
    const table = dataTable(
      s.showTable,
      this.order.column === SHARE_COLUMN ? `${s.compareTitle}. ${s.rankedCaption}` : s.compareTitle,
      [
        ...[{ label: s.colUnit }, { label: s.colShare, num: true }, { label: s.colInterval, num: true }, { label: s.colN, num: true }],
        ...[{ label: cs.colChange, num: true }, { label: s.colFunnel }],
      ],
      rows.map((c) => [
        viewLink(this.state, { unit: c.unit.code }, c.unit.name, { label: s.openUnit(c.unit.name) }),
        { value: c.protected ? s.protectedCell : percent(c.share, this.lang), num: true, suppressed: c.share === null },
        { value: c.protected ? s.protectedCell : interval(c.lower, c.upper, this.lang), num: true, suppressed: c.share === null },
        { value: count(c.n, this.lang), num: true },
        { value: this.change(c), num: true, suppressed: c.change === null },
        c.funnel?.label ? s.funnelLabels[c.funnel.label] : "",
      ]),
      // Open: only the table has the funnel labels and every unit, in the order the reader picks.
      true,
      { order: this.order, change: (order) => (this.order = order) },
    );
    const { from, to } = this.compare.previous;
    const links = compareExportLinks(this.state);
    return html`${table}
      <p class="note">${s.funnelNote}</p>
      <p class="note" data-field="change">${cs.changeNote(day(from, this.lang), day(to, this.lang))}</p>
      <p class="links">
        <a class="button secondary" href=${links.csv} download data-export="compare"><span aria-hidden="true">↓</span> ${cs.exportCompare} (CSV)</a>
        <a class="button secondary" href=${links.xlsx} download data-export="compare-xlsx"><span aria-hidden="true">↓</span> ${cs.exportCompare} (XLSX)</a>
      </p>`;
  }

  /** The change in share, with the previous period's figure on hover. */
  private change(c: Row) {
    const text = pointsChange(c.change, this.lang);
    if (!c.previous || c.previous.share === null) return text;
    return html`<span title=${compareStrings(this.lang).previousTitle(percent(c.previous.share, this.lang), count(c.previous.n, this.lang))}>${text}</span>`;
  }

  /** Which merged units a row includes, each a link to its own figures (it is no longer listed or found by search). */
  private merged(c: Child) {
    const s = strings(this.lang);
    const links = c.predecessors.map((p, i) => html`${i ? ", " : ""}${viewLink(this.state, { unit: p.code }, `${p.name} (${p.code})`, { label: s.openUnit(p.name) })}`);
    return html`${s.compareMerged(c.unit.name)} ${links}.`;
  }
}

customElements.get("hl-compare-panel") ?? customElements.define("hl-compare-panel", HlComparePanel);
