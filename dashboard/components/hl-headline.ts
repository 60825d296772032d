import { css, html, LitElement } from "lit";
import type { Figure } from "../api/types.ts";
import { count, interval, percent } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { shared } from "./styles.ts";

/** The headline: "% hài lòng" for the scope and period, its 95% interval and n. */
export class HlHeadline extends LitElement {
  static override properties = { figure: { attribute: false }, unitName: {}, minSample: { type: Number }, lang: {} };
  declare figure: Figure;
  declare unitName: string;
  declare minSample: number;
  declare lang: Lang;

  static override styles = [
    shared,
    css`
      .card {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.5rem 2rem;
      }
      .value {
        font-size: 2.6rem;
        font-weight: 700;
        color: var(--hl-primary);
        line-height: 1.1;
        font-variant-numeric: tabular-nums;
      }
      .value.suppressed {
        font-size: 1.6rem;
        color: var(--hl-muted);
      }
      dl {
        display: flex;
        gap: 2rem;
        margin: 0;
      }
      dt {
        font-size: 0.8rem;
        color: var(--hl-muted);
      }
      dd {
        margin: 0;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  override render() {
    const s = strings(this.lang);
    const f = this.figure;
    const n = count(f.n, this.lang);
    const summary =
      f.share === null
        ? s.headlineSuppressed(this.unitName, n)
        : s.headlineSummary(this.unitName, percent(f.share, this.lang), percent(f.lower, this.lang), percent(f.upper, this.lang), n);
    return html`<section class="card" aria-labelledby="headline">
      <div>
        <h2 id="headline">${s.satisfiedShare}</h2>
        <div class="value ${f.share === null ? "suppressed" : ""}" data-figure="share">${percent(f.share, this.lang)}</div>
      </div>
      <dl>
        <div>
          <dt>${s.interval}</dt>
          <dd data-figure="interval">${interval(f.lower, f.upper, this.lang)}</dd>
        </div>
        <div>
          <dt>${s.colN}</dt>
          <dd data-figure="n">${s.answers(n)}</dd>
        </div>
      </dl>
      <p class="summary visually-hidden">${summary}</p>
      ${f.share === null ? html`<p class="summary">${s.notEnoughLong(f.n, this.minSample)}</p>` : ""}
    </section>`;
  }
}

customElements.get("hl-headline") ?? customElements.define("hl-headline", HlHeadline);
