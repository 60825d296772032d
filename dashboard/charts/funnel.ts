/**
 * The funnel plot: each unit's share against its n, around the parent's share p0, with the
 * 95 % and 99.8 % control limits drawn as the curves the API labels units by (the same
 * funnelLimits, τ̂² included). Units below the minimum sample have no share and are not drawn.
 */
import type { ChartConfiguration } from "chart.js";
import { funnelLimits, Z998, type FunnelLabel } from "../../worker/domain/funnel-limits.ts";
import { Z95 } from "../../worker/domain/wilson.ts";
import { count, percent } from "../i18n/format.ts";
import type { Lang } from "../i18n/strings.ts";
import { FUNNEL_COLOURS, PALETTE } from "./palette.ts";

/** A unit as the funnel draws it. */
export interface FunnelPoint {
  name: string;
  n: number;
  share: number;
  label: FunnelLabel;
}

/** The names of the centre line and the limit curves, as the tooltip and screen readers give them. */
export interface FunnelChartText {
  p0: string;
  limit95: string;
  limit998: string;
}

/** Where the curves are evaluated: from the smallest n drawn to the largest, evenly on a log scale. */
const CURVE_POINTS = 60;

function curveNs(points: FunnelPoint[]): number[] {
  const ns = points.map((p) => p.n);
  const low = Math.max(1, Math.min(...ns) * 0.8);
  const high = Math.max(...ns) * 1.1;
  const step = Math.log(high / low) / (CURVE_POINTS - 1);
  return Array.from({ length: CURVE_POINTS }, (_, i) => low * Math.exp(i * step));
}

/** The lowest y worth showing: a round number below the lowest point and the 99.8 % limit where the points start. */
function floor(points: FunnelPoint[], lowest99: number): number {
  const low = Math.min(lowest99, ...points.map((p) => p.share)) * 100;
  return Math.max(0, Math.floor((low - 5) / 10) * 10);
}

/** Chart config for a funnel around `p0` with between-unit variance `tau2`; `onPick` gets a clicked point's index. */
export function funnelChart(
  points: FunnelPoint[],
  p0: number,
  tau2: number,
  text: FunnelChartText,
  lang: Lang,
  onPick?: (index: number) => void,
): ChartConfiguration<"line", { x: number; y: number }[]> {
  const ns = curveNs(points);
  const curve = (z: number, side: "lower" | "upper") => ns.map((n) => ({ x: n, y: funnelLimits(p0, n, tau2, z)[side] * 100 }));
  const limit = (label: string, z: number, side: "lower" | "upper", dash: number[]) => ({
    label,
    data: curve(z, side),
    borderColor: PALETTE.limit,
    borderWidth: 1.5,
    borderDash: dash,
    pointRadius: 0,
    pointHitRadius: 0,
  });
  return {
    type: "line",
    data: {
      datasets: [
        {
          label: "units",
          data: points.map((p) => ({ x: p.n, y: p.share * 100 })),
          showLine: false,
          pointRadius: 5,
          pointHoverRadius: 7,
          pointBackgroundColor: points.map((p) => FUNNEL_COLOURS[p.label]),
          pointBorderColor: "#fff",
          borderColor: PALETTE.line,
        },
        {
          label: text.p0,
          data: [ns[0]!, ns.at(-1)!].map((n) => ({ x: n, y: p0 * 100 })),
          borderColor: PALETTE.reference,
          borderWidth: 1.5,
          borderDash: [5, 4],
          pointRadius: 0,
          pointHitRadius: 0,
        },
        limit(text.limit95, Z95, "lower", [6, 4]),
        limit(text.limit95, Z95, "upper", [6, 4]),
        limit(text.limit998, Z998, "lower", [2, 3]),
        limit(text.limit998, Z998, "upper", [2, 3]),
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { type: "linear", title: { display: true, text: "n" }, ticks: { callback: (v) => count(Number(v), lang) }, grid: { color: PALETTE.grid } },
        y: {
          min: floor(points, funnelLimits(p0, ns[0]!, tau2, Z998).lower),
          max: 100,
          ticks: { callback: (v) => `${v} %` },
          grid: { color: PALETTE.grid },
        },
      },
      plugins: {
        tooltip: {
          filter: (item) => item.datasetIndex === 0,
          callbacks: {
            label: (item) => {
              const p = points[item.dataIndex]!;
              return `${p.name}: ${percent(p.share, lang)}, n=${count(p.n, lang)}`;
            },
          },
        },
      },
      onClick: (_event, elements) => {
        const hit = elements.find((e) => e.datasetIndex === 0);
        if (hit && onPick) onPick(hit.index);
      },
    },
  };
}
