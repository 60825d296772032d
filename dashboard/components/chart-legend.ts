import { css, html, unsafeCSS } from "lit";
import { PALETTE } from "../charts/palette.ts";

/** The marks the charts use, drawn in CSS with the charts' colours. */
export type Mark = "line" | "band" | "dot" | "bar" | "reference" | "limit95" | "limit998" | "parent";

/** A chart's legend as HTML: part of the page's text, so it zooms, translates and reads aloud. */
export function chartLegend(items: [Mark, string][]) {
  return html`<ul class="legend">
    ${items.map(([mark, label]) => html`<li><span class="mark ${mark}" aria-hidden="true"></span>${label}</li>`)}
  </ul>`;
}

export const legendStyles = css`
  .legend {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
    margin: 0.5rem 0 0;
    padding: 0;
    font-size: 0.8rem;
    color: var(--hl-muted);
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  .mark {
    display: inline-block;
    width: 1.4rem;
    height: 0.7rem;
  }
  .mark.line {
    height: 0;
    border-top: 3px solid ${unsafeCSS(PALETTE.line)};
  }
  .mark.band {
    background: ${unsafeCSS(PALETTE.band)};
  }
  .mark.dot {
    width: 0.7rem;
    border-radius: 50%;
    background: ${unsafeCSS(PALETTE.line)};
  }
  .mark.bar {
    height: 0.45rem;
    border-radius: 4px;
    background: ${unsafeCSS(PALETTE.interval)};
  }
  .mark.reference {
    height: 0;
    border-top: 2px dashed ${unsafeCSS(PALETTE.reference)};
  }
  .mark.limit95,
  .mark.parent {
    height: 0;
    border-top: 2px dashed ${unsafeCSS(PALETTE.limit)};
  }
  .mark.limit998 {
    height: 0;
    border-top: 2px dotted ${unsafeCSS(PALETTE.limit)};
  }
`;
