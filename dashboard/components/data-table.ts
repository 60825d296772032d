import { css, html, nothing, type TemplateResult } from "lit";

export type Cell = string | TemplateResult | { value: string | TemplateResult; num?: boolean; suppressed?: boolean };

export interface Header {
  label: string;
  num?: boolean;
}

/** The column a sortable table is ordered by, and which way. */
export interface SortOrder {
  column: number;
  direction: "ascending" | "descending";
}

/** A sortable table's order and what to do when a header asks for another. */
export interface Sorting {
  order: SortOrder;
  change: (order: SortOrder) => void;
}

/** A sort key: figures compare as numbers, names as Vietnamese text; null (no figure) always last. */
export type SortKey = string | number | null;

function cell(c: Cell, header: boolean) {
  const { value, num, suppressed } = typeof c === "object" && "value" in c ? c : { value: c, num: false, suppressed: false };
  const cls = [num ? "num" : "", suppressed ? "suppressed" : ""].join(" ").trim() || nothing;
  return header ? html`<th scope="row" class=${cls}>${value}</th>` : html`<td class=${cls}>${value}</td>`;
}

/** A column header; in a sortable table, a button that orders by it (figures high first, names A first, again to reverse). */
function header(h: Header, column: number, sorting?: Sorting) {
  const cls = h.num ? "num" : nothing;
  if (!sorting) return html`<th scope="col" class=${cls}>${h.label}</th>`;
  const current = sorting.order.column === column ? sorting.order.direction : undefined;
  const next = current ? (current === "ascending" ? "descending" : "ascending") : h.num ? "descending" : "ascending";
  return html`<th scope="col" class=${cls} aria-sort=${current ?? nothing}>
    <button type="button" class="sort" @click=${() => sorting.change({ column, direction: next })}>
      ${h.label}<span aria-hidden="true">${current === "ascending" ? "▲" : current === "descending" ? "▼" : "↕"}</span>
    </button>
  </th>`;
}

/**
 * A chart's numbers as a table inside a disclosure: the first cell of each row heads it.
 * Open by default when `open` is set (e.g. when there is no chart to look at). With
 * `sorting`, every header is a button that orders the rows by its column. The table scrolls
 * within its frame when it is wider or longer than it, so the frame takes the keyboard focus
 * (arrow keys scroll it) and is named by the caption.
 */
export function dataTable(toggle: string, caption: string, headers: Header[], rows: Cell[][], open = false, sorting?: Sorting) {
  return html`<details ?open=${open}>
    <summary>${toggle}</summary>
    <div class="table-wrap" tabindex="0" role="group" aria-label=${caption}>
      <table>
        <caption>${caption}</caption>
        <thead>
          <tr>
            ${headers.map((h, i) => header(h, i, sorting))}
          </tr>
        </thead>
        <tbody>
          ${rows.map((row) => html`<tr>${row.map((c, i) => cell(c, i === 0))}</tr>`)}
        </tbody>
      </table>
    </div>
  </details>`;
}

/** Items in a sortable table's order, each column's key given by `keys`; ties keep the items' own order. */
export function sortedBy<T>(items: T[], keys: ((item: T) => SortKey)[], { column, direction }: SortOrder): T[] {
  const key = keys[column]!;
  const sign = direction === "ascending" ? 1 : -1;
  return [...items].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    return sign * (typeof x === "string" ? x.localeCompare(String(y), "vi") : x - (y as number));
  });
}

/** Header buttons that read as the header's text. */
export const sortStyles = css`
  button.sort {
    background: none;
    border: 0;
    color: inherit;
    font-weight: inherit;
    font-size: inherit;
    padding: 0;
    min-height: 1.5rem;
    text-align: inherit;
  }
`;
