import type { Chart, ChartConfiguration } from "chart.js";
import { css, html, LitElement, type PropertyValues } from "lit";

/**
 * Chart.js is a chunk of its own, fetched with the first chart (scripts/build.ts): the page
 * shows its figures and tables while it arrives.
 */
const chartJs = () => import("../charts/register.ts");

/**
 * One Chart.js canvas. The canvas is an image whose text alternative is the chart's one-line
 * summary; the numbers themselves are in the table next to it.
 */
export class HlChart extends LitElement {
  static override properties = {
    config: { attribute: false },
    label: {},
    height: { type: Number },
  };
  declare config: ChartConfiguration | undefined;
  declare label: string;
  declare height: number;
  private chart: Chart | undefined;

  static override styles = css`
    :host {
      display: block;
    }
    div {
      position: relative;
      height: var(--hl-chart-height, 280px);
    }
  `;

  constructor() {
    super();
    this.label = "";
    this.height = 280;
  }

  override render() {
    return html`<div><canvas role="img" aria-label=${this.label}></canvas></div>`;
  }

  protected override updated(changed: PropertyValues<this>) {
    // Through CSSOM rather than a style attribute, so a strict style-src still holds.
    if (changed.has("height")) this.style.setProperty("--hl-chart-height", `${this.height}px`);
    if (changed.has("config") || changed.has("height")) void this.draw();
  }

  override connectedCallback() {
    super.connectedCallback();
    if (this.hasUpdated) void this.draw();
  }

  /** A new figure set is a new chart: simpler and safer than patching datasets in place. */
  private async draw() {
    const { Chart } = await chartJs();
    this.chart?.destroy();
    const canvas = this.renderRoot.querySelector("canvas");
    // Draws resolve in the order they were asked for, so the last figure set is the one drawn.
    this.chart = this.config && canvas && this.isConnected ? new Chart(canvas, this.config) : undefined;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = undefined;
  }
}

customElements.get("hl-chart") ?? customElements.define("hl-chart", HlChart);
