import { css, html, LitElement } from "lit";
import { MAX_SEARCH } from "../../worker/domain/search.ts";
import type { ManagedUnit } from "../api/types.ts";
import { complaintStrings } from "../i18n/complaint-strings.ts";
import type { Lang } from "../i18n/strings.ts";
import { LEVELS, navigateEvent, QUEUE_FILTER_STATUSES, QUEUE_SORTS, type QueueFilter, type ViewState } from "../state/view-state.ts";
import { shared } from "./styles.ts";

/**
 * The queue's filters beside the scope and period: status, the official named (given only to
 * those who may see officials), the overall level, a text search sent on Enter or its button,
 * and the order. Each change becomes the view's, so the URL keeps it.
 */
export class HlQueueFilters extends LitElement {
  static override properties = { state: { attribute: false }, officials: { attribute: false }, lang: {} };
  declare state: ViewState;
  /** The officials of the scope to filter by; undefined for an account that may not see them. */
  declare officials: ManagedUnit[] | undefined;
  declare lang: Lang;

  static override styles = [
    shared,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1rem;
        align-items: end;
      }
      form {
        display: flex;
        gap: 0.4rem;
        align-items: end;
        flex: 1 1 18rem;
      }
      form div {
        flex: 1;
      }
      input[type="search"] {
        width: 100%;
      }
    `,
  ];

  private set(change: Partial<QueueFilter>) {
    this.dispatchEvent(navigateEvent(change));
  }

  private pick = (key: "status" | "official" | "level" | "sort") => (event: Event) => this.set({ [key]: (event.target as HTMLSelectElement).value });

  private search(event: SubmitEvent) {
    event.preventDefault();
    this.set({ q: String(new FormData(event.target as HTMLFormElement).get("q") ?? "").trim() });
  }

  override render() {
    const s = complaintStrings(this.lang);
    const v = this.state;
    return html`<div class="filters" role="group" aria-label=${s.filtersLabel}>
      <div>
        <label for="status">${s.statusFilter}</label>
        <select id="status" @change=${this.pick("status")}>
          ${QUEUE_FILTER_STATUSES.map((st) => html`<option value=${st} ?selected=${st === v.status}>${s.queueStatuses[st]}</option>`)}
        </select>
      </div>
      ${this.officials
        ? html`<div>
            <label for="official">${s.officialFilter}</label>
            <select id="official" @change=${this.pick("official")}>
              <option value="" ?selected=${!v.official}>${s.anyOfficial}</option>
              ${this.officials.map((o) => html`<option value=${o.code} ?selected=${o.code === v.official}>${o.name} (${o.code})</option>`)}
            </select>
          </div>`
        : ""}
      <div>
        <label for="level">${s.levelFilter}</label>
        <select id="level" @change=${this.pick("level")}>
          <option value="" ?selected=${!v.level}>${s.anyLevel}</option>
          ${LEVELS.map((level) => html`<option value=${level} ?selected=${level === v.level}>${s.overallLevels[Number(level)]}</option>`)}
        </select>
      </div>
      <div>
        <label for="sort">${s.sortLabel}</label>
        <select id="sort" @change=${this.pick("sort")}>
          ${QUEUE_SORTS.map((sort) => html`<option value=${sort} ?selected=${sort === v.sort}>${s.sorts[sort]}</option>`)}
        </select>
      </div>
      <form role="search" @submit=${this.search}>
        <div>
          <label for="q">${s.searchText}</label>
          <input id="q" name="q" type="search" maxlength=${MAX_SEARCH} placeholder=${s.searchHint} .value=${v.q} />
        </div>
        <button type="submit">${s.find}</button>
      </form>
    </div>`;
  }
}

customElements.get("hl-queue-filters") ?? customElements.define("hl-queue-filters", HlQueueFilters);
