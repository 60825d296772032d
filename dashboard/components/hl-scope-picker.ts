import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { searchUnits } from "../api/endpoints.ts";
import type { UnitDetail, UnitMatch } from "../api/types.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { navigateEvent, type ViewState } from "../state/view-state.ts";
import { shared } from "./styles.ts";
import { viewLink } from "./unit-link.ts";

/** Where a found unit lies, its commune first: "Phường Hoa Lư, Tỉnh Ninh Bình"; "" for the country and provinces. */
const placeOf = (u: UnitMatch) => [u.commune?.name, u.province?.name].filter(Boolean).join(", ");

/**
 * The scope: where we are (country → province → commune → desk → official) as a breadcrumb,
 * a list of the units right below, and a search by name or code over the account's whole
 * scope, the unit being viewed first among equal matches.
 */
export class HlScopePicker extends LitElement {
  static override properties = {
    detail: { attribute: false },
    state: { attribute: false },
    home: {},
    lang: {},
    results: { state: true },
    active: { state: true },
    query: { state: true },
  };
  declare detail: UnitDetail;
  declare state: ViewState;
  /** The user's own unit: nothing above it can be opened. */
  declare home: string;
  declare lang: Lang;
  declare results: UnitMatch[] | undefined;
  /** The result highlighted with the arrow keys; -1 until the user moves to one. */
  declare active: number;
  declare query: string;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private searchTicket = 0;

  static override styles = [
    shared,
    css`
      .picker {
        display: grid;
        grid-template-columns: minmax(0, 1.4fr) minmax(0, 1fr) minmax(0, 1.2fr);
        gap: 0.75rem 1rem;
        align-items: end;
      }
      @media (max-width: 900px) {
        .picker {
          grid-template-columns: 1fr 1fr;
        }
        nav {
          grid-column: 1 / -1;
        }
      }
      ol {
        list-style: none;
        padding: 0;
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        align-items: center;
        font-size: 0.95rem;
      }
      ol li + li::before {
        content: "›";
        color: var(--hl-muted);
        margin-right: 0.25rem;
      }
      [aria-current] {
        font-weight: 700;
      }
      .kind {
        display: block;
        font-size: 0.75rem;
        color: var(--hl-muted);
      }
      select,
      input {
        width: 100%;
      }
      .search {
        position: relative;
      }
      [role="listbox"] {
        position: absolute;
        z-index: 10;
        top: 100%;
        left: 0;
        right: 0;
        margin: 0.25rem 0 0;
        padding: 0.25rem 0;
        list-style: none;
        background: #fff;
        border: 1px solid var(--hl-border-strong);
        border-radius: 8px;
        box-shadow: 0 8px 24px rgba(15, 23, 42, 0.15);
        max-height: 20rem;
        overflow: auto;
      }
      [role="option"] {
        padding: 0.45rem 0.75rem;
        cursor: pointer;
        display: flex;
        justify-content: space-between;
        gap: 1rem;
      }
      [role="option"][aria-selected="true"],
      [role="option"]:hover {
        background: var(--hl-subtle);
      }
      .about {
        color: var(--hl-muted);
        font-size: 0.85rem;
      }
      .code {
        color: var(--hl-muted);
        font-variant-numeric: tabular-nums;
        font-size: 0.85rem;
        white-space: nowrap;
      }
      .empty {
        padding: 0.5rem 0.75rem;
        color: var(--hl-muted);
      }
    `,
  ];

  constructor() {
    super();
    this.active = -1;
    this.query = "";
  }

  private go(code: string) {
    this.results = undefined;
    this.query = "";
    this.dispatchEvent(navigateEvent({ unit: code }));
  }

  private onInput(event: InputEvent) {
    this.query = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    const q = this.query.trim();
    if (q.length < 2) {
      this.results = undefined;
      return;
    }
    this.searchTimer = setTimeout(async () => {
      const ticket = ++this.searchTicket;
      const found = await searchUnits(q, this.detail.unit.code).catch(() => ({ units: [] }));
      if (ticket !== this.searchTicket) return;
      this.results = found.units;
      this.active = -1;
    }, 200);
  }

  /** Closes the list, and keeps a search still on its way from opening it again. */
  private close() {
    clearTimeout(this.searchTimer);
    this.searchTicket++;
    this.results = undefined;
  }

  private onKeydown(event: KeyboardEvent) {
    const list = this.results;
    if (event.key === "Escape") {
      this.close();
      return;
    }
    if (!list || list.length === 0) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      this.active = (this.active + 1) % list.length;
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      this.active = this.active <= 0 ? list.length - 1 : this.active - 1;
    } else if (event.key === "Enter") {
      // Before the user moves to a result, Enter opens the best match.
      event.preventDefault();
      this.go(list[Math.max(0, this.active)]!.code);
    }
  }

  override updated(changed: PropertyValues<this>) {
    if (changed.has("active")) this.renderRoot.querySelector('[role="option"][aria-selected="true"]')?.scrollIntoView({ block: "nearest" });
  }

  override render() {
    const s = strings(this.lang);
    const { unit, children } = this.detail;
    const path = this.detail.path;
    // Only the part of the path at or below the user's own unit can be opened.
    const start = Math.max(0, path.findIndex((u) => u.code === this.home));
    const crumbs = [...path.slice(start), unit].filter((u, i, all) => all.findIndex((x) => x.code === u.code) === i);
    const list = this.results;
    const optionId = (i: number) => `unit-option-${i}`;
    return html`<div class="picker">
      <nav aria-label=${s.scopePath}>
        <span class="kind">${s.scope} · ${s.kinds[unit.kind] ?? unit.kind}</span>
        <ol>
          ${crumbs.map((u) =>
            u.code === unit.code ? html`<li><span aria-current="page">${u.name}</span></li>` : html`<li>${viewLink(this.state, { unit: u.code }, u.name)}</li>`,
          )}
        </ol>
      </nav>
      <div>
        <label for="child">${s.childUnit}</label>
        <select id="child" ?disabled=${children.length === 0} @change=${(e: Event) => this.go((e.target as HTMLSelectElement).value)}>
          <option value="">${s.chooseChild}</option>
          ${children.map((c) => html`<option value=${c.code}>${c.name} (${c.code})</option>`)}
        </select>
      </div>
      <div class="search">
        <label for="search">${s.searchUnits}</label>
        <input
          id="search"
          type="search"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-controls="unit-results"
          aria-expanded=${list ? "true" : "false"}
          aria-activedescendant=${list && this.active >= 0 ? optionId(this.active) : nothing}
          placeholder=${s.searchPlaceholder}
          .value=${this.query}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @blur=${() => setTimeout(() => this.close(), 150)}
        />
        ${list
          ? html`<ul id="unit-results" role="listbox" aria-label=${s.searchUnits}>
              ${list.length === 0 ? html`<li class="empty" role="presentation">${s.noUnitsFound}</li>` : ""}
              ${list.map(
                (u, i) => html`<li id=${optionId(i)} role="option" aria-selected=${i === this.active ? "true" : "false"} @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.go(u.code)}>
                  <span>${u.name} <span class="about">${[s.kinds[u.kind] ?? u.kind, placeOf(u)].filter(Boolean).join(" · ")}</span></span>
                  <span class="code">${u.code}</span>
                </li>`,
              )}
            </ul>`
          : ""}
      </div>
    </div>`;
  }
}

customElements.get("hl-scope-picker") ?? customElements.define("hl-scope-picker", HlScopePicker);
