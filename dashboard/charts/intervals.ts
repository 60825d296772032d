/**
 * A horizontal interval plot: one row per unit or element, a dot at the share and a bar over
 * its Wilson interval, with a dashed line at the whole scope's share. Rows without enough
 * answers are left out of the drawing (the table beside it names them).
 */
import type { ChartConfiguration, Plugin } from "chart.js";
import { interval, percent } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { PALETTE } from "./palette.ts";

export interface IntervalRow {
  label: string;
  share: number;
  lower: number;
  upper: number;
}

/** The height that gives each row room to breathe. */
export function intervalChartHeight(rows: number): number {
  return Math.max(160, rows * 28 + 70);
}

function referenceLine(share: number | null): Plugin<"bar"> {
  return {
    id: "scopeReference",
    afterDatasetsDraw(chart) {
      if (share === null) return;
      const x = chart.scales.x!.getPixelForValue(share * 100);
      const { top, bottom } = chart.chartArea;
      const ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = PALETTE.reference;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.restore();
    },
  };
}

/** Interval plot config, rows in the given order; `onPick` gets the index of a clicked row. */
export function intervalChart(rows: IntervalRow[], reference: number | null, lang: Lang, onPick?: (index: number) => void): ChartConfiguration<"bar"> {
  const s = strings(lang);
  const config: ChartConfiguration<"bar" | "line"> = {
    type: "bar",
    data: {
      labels: rows.map((r) => r.label),
      datasets: [
        {
          type: "line",
          label: s.satisfiedShare,
          data: rows.map((r) => r.share * 100),
          showLine: false,
          pointRadius: 5,
          pointHoverRadius: 7,
          pointBackgroundColor: PALETTE.line,
          pointBorderColor: "#fff",
          borderColor: PALETTE.line,
          indexAxis: "y",
        },
        {
          type: "bar",
          label: s.interval,
          data: rows.map((r) => [r.lower * 100, r.upper * 100] as unknown as number),
          backgroundColor: PALETTE.interval,
          barThickness: 8,
          borderRadius: 4,
          borderSkipped: false,
        },
      ],
    },
    options: {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` }, grid: { color: PALETTE.grid }, position: "top" },
        y: { grid: { display: false }, ticks: { autoSkip: false } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) => {
              const r = rows[item.dataIndex]!;
              return `${percent(r.share, lang)} (${interval(r.lower, r.upper, lang)})`;
            },
          },
        },
      },
      onClick: (_event, elements) => {
        const hit = elements[0];
        if (hit && onPick) onPick(hit.index);
      },
      onHover: (event, elements) => {
        const target = event.native?.target;
        if (onPick && target instanceof HTMLElement) target.style.cursor = elements.length ? "pointer" : "default";
      },
    },
    plugins: [referenceLine(reference) as Plugin<"bar" | "line">],
  };
  return config as unknown as ChartConfiguration<"bar">;
}
