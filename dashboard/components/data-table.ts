import { html, nothing, type TemplateResult } from "lit";

export type Cell = string | TemplateResult | { value: string | TemplateResult; num?: boolean; suppressed?: boolean };

function cell(c: Cell, header: boolean) {
  const { value, num, suppressed } = typeof c === "object" && "value" in c ? c : { value: c, num: false, suppressed: false };
  const cls = [num ? "num" : "", suppressed ? "suppressed" : ""].join(" ").trim() || nothing;
  return header ? html`<th scope="row" class=${cls}>${value}</th>` : html`<td class=${cls}>${value}</td>`;
}

/**
 * A chart's numbers as a table inside a disclosure: the first cell of each row heads it.
 * Open by default when `open` is set (e.g. when there is no chart to look at).
 */
export function dataTable(toggle: string, caption: string, headers: { label: string; num?: boolean }[], rows: Cell[][], open = false) {
  return html`<details ?open=${open}>
    <summary>${toggle}</summary>
    <div class="table-wrap">
      <table>
        <caption>${caption}</caption>
        <thead>
          <tr>
            ${headers.map((h) => html`<th scope="col" class=${h.num ? "num" : nothing}>${h.label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map((row) => html`<tr>${row.map((c, i) => cell(c, i === 0))}</tr>`)}
        </tbody>
      </table>
    </div>
  </details>`;
}
