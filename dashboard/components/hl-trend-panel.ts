import { html, LitElement } from "lit";
import type { Trend } from "../api/types.ts";
import { trendChart, type ParentLine } from "../charts/trend.ts";
import { chartStrings } from "../i18n/chart-strings.ts";
import { bucketLabel, count, day, interval, percent, type Bucket } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { chartLegend, legendStyles, type Mark } from "./chart-legend.ts";
import { dataTable } from "./data-table.ts";
import "./hl-chart.ts";
import { shared } from "./styles.ts";

type Predecessor = Trend["predecessors"][number];

/** The parent unit's trend, drawn for reference beside the unit's own. */
export interface ParentTrend {
  name: string;
  trend: Trend;
}

/** Units named with the days they stop (merged) or start (split) counting here: one entry per day. */
function byDay(units: Predecessor[]): [string, string][] {
  const days = new Map<string, string[]>();
  for (const u of units) days.set(u.until, [...(days.get(u.until) ?? []), `${u.name} (${u.code})`]);
  return [...days].map(([until, names]) => [until, names.join(", ")]);
}

/**
 * The trend of "% hài lòng" with its band, a one-line summary and the numbers as a table.
 * Periods that include the answers of units merged into this one are marked and the units
 * named; a unit that continues part of a split one says that its history stays there.
 * With `parent`, the parent unit's share is a secondary line and a column of the table.
 */
export class HlTrendPanel extends LitElement {
  static override properties = { trend: { attribute: false }, parent: { attribute: false }, fullAxis: { type: Boolean }, tableOpen: { type: Boolean }, lang: {} };
  declare trend: Trend;
  /** The parent unit's trend over the same periods; null when the account may not see it. */
  declare parent: ParentTrend | null;
  /** Whether the axis is fixed at 0–100 % rather than fitted to the figures. */
  declare fullAxis: boolean;
  /** Whether the table of numbers shows without being opened, as the printed report wants it. */
  declare tableOpen: boolean;
  declare lang: Lang;
  static override styles = [shared, legendStyles];

  constructor() {
    super();
    this.parent = null;
    this.fullAxis = false;
    this.tableOpen = false;
  }

  /** The parent's line, its share in each of the unit's periods (null where it has none). */
  private parentLine(): ParentLine | undefined {
    if (!this.parent) return undefined;
    const shares = new Map(this.parent.trend.points.map((p) => [p.start, p.share]));
    return { label: chartStrings(this.lang).parentLine(this.parent.name), shares: this.trend.points.map((p) => shares.get(p.start) ?? null) };
  }

  private summary(): string {
    const s = strings(this.lang);
    const { points } = this.trend;
    const bucket = this.trend.bucket as Bucket;
    const total = count(points.reduce((sum, p) => sum + p.n, 0), this.lang);
    const enough = points.filter((p) => p.share !== null);
    const first = enough[0];
    const last = enough.at(-1);
    if (!first || !last || points.length === 0) return s.trendEmpty(points.length, total);
    const label = (start: string) => bucketLabel(start, bucket, this.lang);
    return s.trendSummary(label(points[0]!.start), label(points.at(-1)!.start), percent(first.share, this.lang), percent(last.share, this.lang), enough.length, points.length, total);
  }

  override render() {
    const s = strings(this.lang);
    const bucket = this.trend.bucket as Bucket;
    const summary = this.summary();
    const parent = this.parentLine();
    return html`<section class="card" aria-labelledby="trend-title">
      <h2 id="trend-title">${s.trendTitle}</h2>
      <p class="summary" data-summary>${summary}</p>
      <hl-chart .config=${this.chart(parent)} .label=${summary} .height=${300}></hl-chart>
      ${chartLegend([["line", s.satisfiedShare], ["band", s.interval], ...(parent ? [["parent", parent.label] as [Mark, string]] : [])])}
      <p class="note">${s.trendNote}</p>
      ${byDay(this.trend.predecessors).map(([until, names]) => html`<p class="note" data-field="predecessors">${s.mergedBefore(names, day(until, this.lang))}</p>`)}
      ${byDay(this.trend.partOf).map(([until, names]) => html`<p class="note" data-field="part-of">${s.partOfSince(names, day(until, this.lang))}</p>`)}
      ${this.table(parent)}
    </section>`;
  }

  /** The chart, each period that includes merged units' answers marked ⁺ on the axis as in the table. */
  private chart(parent?: ParentLine) {
    const config = trendChart(this.trend.points, this.trend.bucket as Bucket, this.lang, parent, this.fullAxis);
    const points = this.trend.points;
    config.data.labels = config.data.labels?.map(([period, ...rest], i) => [`${period}${points[i]?.includes ? " ⁺" : ""}`, ...rest]);
    return config;
  }

  /** The numbers per period; the parent's share; with merged units, which of them each period includes. */
  private table(parent?: ParentLine) {
    const s = strings(this.lang);
    const bucket = this.trend.bucket as Bucket;
    const merged = this.trend.predecessors.length > 0;
    const names = new Map(this.trend.predecessors.map((p) => [p.code, p.name]));
    return dataTable(
      s.showTable,
      s.trendTitle,
      [{ label: s.colPeriod }, { label: s.colShare, num: true }, { label: s.colInterval, num: true }, { label: s.colN, num: true }, ...(parent ? [{ label: parent.label, num: true }] : []), ...(merged ? [{ label: s.colMerged }] : [])],
      this.trend.points.map((p, i) => [
        `${bucketLabel(p.start, bucket, this.lang)}${p.includes ? " ⁺" : ""}`,
        { value: percent(p.share, this.lang), num: true, suppressed: p.share === null },
        { value: interval(p.lower, p.upper, this.lang), num: true, suppressed: p.share === null },
        { value: count(p.n, this.lang), num: true },
        ...(parent ? [{ value: percent(parent.shares[i]!, this.lang), num: true, suppressed: parent.shares[i] === null }] : []),
        ...(merged ? [(p.includes ?? []).map((code) => names.get(code) ?? code).join(", ")] : []),
      ]),
      this.tableOpen,
    );
  }
}

customElements.get("hl-trend-panel") ?? customElements.define("hl-trend-panel", HlTrendPanel);
