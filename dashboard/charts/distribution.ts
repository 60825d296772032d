/** The distribution chart: how many answers at each level, best level first. */
import type { ChartConfiguration } from "chart.js";
import type { Distribution } from "../api/types.ts";
import { count } from "../i18n/format.ts";
import type { Lang } from "../i18n/strings.ts";
import { PALETTE } from "./palette.ts";

/** Horizontal bars coloured from satisfied (green) to not satisfied (red). */
export function distributionChart(dist: Distribution, lang: Lang): ChartConfiguration<"bar"> {
  const colours = dist.scale === 5 ? PALETTE.levels5 : PALETTE.levels3;
  return {
    type: "bar",
    data: {
      labels: dist.levels.map((l) => l.label[lang]),
      datasets: [{ label: "n", data: dist.levels.map((l) => l.count ?? 0), backgroundColor: [...colours], borderRadius: 4, barThickness: 22 }],
    },
    options: {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { beginAtZero: true, ticks: { precision: 0, maxRotation: 0, maxTicksLimit: 5 }, grid: { color: PALETTE.grid } }, y: { grid: { display: false } } },
      plugins: { tooltip: { callbacks: { label: (item) => count(item.parsed.x ?? 0, lang) } } },
    },
  };
}
