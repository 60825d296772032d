import type { ChartConfiguration } from "chart.js";
import { css, html, LitElement, type PropertyValues } from "lit";
import { Chart } from "../charts/register.ts";

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
    if (changed.has("config") || changed.has("height")) this.draw();
  }

  override connectedCallback() {
    super.connectedCallback();
    if (this.hasUpdated) this.draw();
  }

  /** A new figure set is a new chart: simpler and safer than patching datasets in place. */
  private draw() {
    this.chart?.destroy();
    const canvas = this.renderRoot.querySelector("canvas");
    this.chart = this.config && canvas ? new Chart(canvas, this.config) : undefined;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = undefined;
  }
}

customElements.get("hl-chart") ?? customElements.define("hl-chart", HlChart);
