/**
 * Chart.js with only the parts the dashboard draws (tree-shaken): line charts with a filled
 * interval band, horizontal bars, category and linear axes, and tooltips. Legends are HTML
 * next to the canvas (chart-legend.ts): readable by everyone and lighter than the plugin.
 */
import { BarController, BarElement, CategoryScale, Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js";

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Filler, Tooltip);
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue("--hl-font").trim() || "system-ui, sans-serif";
Chart.defaults.color = "#334155";
Chart.defaults.animation = false;

export { Chart };
