/**
 * The trend chart: "% hài lòng" per period as a line, its Wilson interval as a band, and for
 * reference the parent unit's share as a dashed grey line.
 */
import type { ChartConfiguration } from "chart.js";
import type { TrendPoint } from "../api/types.ts";
import { bucketLabel, count, interval, percent, type Bucket } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { PALETTE } from "./palette.ts";

const pct = (value: number | null) => (value === null ? null : value * 100);

/** The axis starts at a round number below the lowest value drawn, so that changes stay visible. */
function floor(lows: (number | null)[]): number {
  const drawn = lows.filter((low) => low !== null);
  return drawn.length === 0 ? 0 : Math.max(0, Math.floor((Math.min(...drawn) * 100 - 5) / 10) * 10);
}

/** The parent unit's line: its name and its share per period, aligned with the unit's periods. */
export interface ParentLine {
  label: string;
  shares: (number | null)[];
}

/** A point with no shown neighbour has no band to sit in: its interval is drawn as a bar. */
function isolatedIntervals(points: TrendPoint[]): ([number, number] | null)[] {
  const shown = (i: number) => points[i]?.share != null;
  return points.map((p, i) => (shown(i) && !shown(i - 1) && !shown(i + 1) ? [p.lower! * 100, p.upper! * 100] : null));
}

/**
 * Line chart config; a period below the minimum sample is a gap, never a point. `fullAxis`
 * fixes the axis at 0–100 % instead of fitting it to the figures.
 */
export function trendChart(points: TrendPoint[], bucket: Bucket, lang: Lang, parent?: ParentLine, fullAxis = false): ChartConfiguration<"line", (number | null)[], string[]> {
  const s = strings(lang);
  const band = { borderWidth: 0, pointRadius: 0, pointHitRadius: 0, backgroundColor: PALETTE.band };
  return {
    type: "line",
    data: {
      // Two-line labels: the period, then its n.
      labels: points.map((p) => [bucketLabel(p.start, bucket, lang), `n=${count(p.n, lang)}`]),
      datasets: [
        { ...band, label: s.interval, data: points.map((p) => pct(p.lower)), fill: false },
        { ...band, label: s.interval, data: points.map((p) => pct(p.upper)), fill: "-1" },
        {
          label: s.satisfiedShare,
          data: points.map((p) => pct(p.share)),
          borderColor: PALETTE.line,
          backgroundColor: PALETTE.line,
          borderWidth: 2.5,
          pointRadius: 3.5,
          spanGaps: false,
        },
        {
          type: "bar",
          label: s.interval,
          data: isolatedIntervals(points) as unknown as number[],
          backgroundColor: PALETTE.band,
          barThickness: 14,
        } as never,
        ...(parent
          ? [{ label: parent.label, data: parent.shares.map(pct), borderColor: PALETTE.limit, backgroundColor: PALETTE.limit, borderWidth: 1.5, borderDash: [6, 4], pointRadius: 2, spanGaps: false }]
          : []),
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        y: { min: fullAxis ? 0 : floor([...points.map((p) => p.lower), ...(parent?.shares ?? [])]), max: 100, ticks: { callback: (v) => `${v} %` }, grid: { color: PALETTE.grid } },
        x: { grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0 } },
      },
      plugins: {
        tooltip: {
          filter: (item) => item.datasetIndex === 2 || item.datasetIndex === 4,
          callbacks: {
            label: (item) => {
              if (item.datasetIndex === 4) return `${parent!.label}: ${percent(parent!.shares[item.dataIndex] ?? null, lang)}`;
              const p = points[item.dataIndex]!;
              return `${percent(p.share, lang)} (${interval(p.lower, p.upper, lang)}), n=${count(p.n, lang)}`;
            },
          },
        },
      },
    },
  };
}
