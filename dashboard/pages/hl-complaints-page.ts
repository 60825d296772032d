import { css, html, LitElement, type PropertyValues } from "lit";
import { ApiFailure } from "../api/client.ts";
import { assignees, complaintExportLinks, desks, queuePage, queueSummary } from "../api/endpoints.ts";
import type { Assignee, FeedbackItem, FeedbackPage, ManagedUnit, QueueSummary, UnitDetail, User } from "../api/types.ts";
import { FEEDBACK_CHANGED, FEEDBACK_SELECTED } from "../components/hl-complaint.ts";
import { FEEDBACK_MOVED } from "../components/hl-queue-bulk.ts";
import "../components/hl-queue-counts.ts";
import "../components/hl-queue-filters.ts";
import { settle, whenLoaded, type Loaded } from "../components/loaded.ts";
import { shared } from "../components/styles.ts";
import { viewLink } from "../components/unit-link.ts";
import { complaintStrings } from "../i18n/complaint-strings.ts";
import { day } from "../i18n/format.ts";
import type { Lang } from "../i18n/strings.ts";
import type { QueueFilter, ViewState } from "../state/view-state.ts";

/** The queue's tabs: complaints, feedback (never counted as complaints), and the account's own items. */
const TABS: { key: "complaints" | "feedback" | "mine"; change: Pick<QueueFilter, "kind" | "assignee">; editorsOnly?: true }[] = [
  { key: "complaints", change: { kind: "complaint", assignee: "" } },
  { key: "feedback", change: { kind: "feedback", assignee: "" } },
  { key: "mine", change: { kind: "", assignee: "me" }, editorsOnly: true },
];

/**
 * The complaints queue: counts and measures at the top, filters, the total and exports of the
 * filter, and the items, oldest open complaint first, each moved along with a note, several
 * at once for editors.
 */
export class HlComplaintsPage extends LitElement {
  static override properties = {
    state: { attribute: false },
    detail: { attribute: false },
    user: { attribute: false },
    lang: {},
    list: { state: true },
    more: { state: true },
    summary: { state: true },
    assignable: { state: true },
    officials: { state: true },
    selected: { state: true },
  };
  declare state: ViewState;
  declare detail: UnitDetail;
  declare user: User;
  declare lang: Lang;
  declare list: Loaded<FeedbackPage>;
  /** The next page while it loads, or why it failed. */
  declare more: Loaded<true>;
  declare summary: Loaded<QueueSummary>;
  /** Whom the scope's items may be given to (editors only). */
  declare assignable: Assignee[] | undefined;
  /** The officials of the scope, to filter by (editors only). */
  declare officials: ManagedUnit[] | undefined;
  /** The ids of the items selected for a bulk move. */
  declare selected: ReadonlySet<string>;
  private listKey = "";
  private summaryKey = "";
  private unitKey = "";
  private ticket = 0;
  private summaryTicket = 0;

  static override styles = [
    shared,
    css`
      :host {
        display: grid;
        gap: 1rem;
      }
      nav ul {
        list-style: none;
        display: flex;
        gap: 0.25rem;
        margin: 0.75rem 0 0;
        padding: 0;
        border-bottom: 1px solid var(--hl-border);
      }
      nav a {
        display: inline-block;
        padding: 0.5rem 0.9rem;
        text-decoration: none;
        color: var(--hl-text);
        border-bottom: 3px solid transparent;
        font-weight: 500;
      }
      nav a[aria-current="page"] {
        border-bottom-color: var(--hl-primary);
        color: var(--hl-primary);
        font-weight: 700;
      }
      .listbar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: center;
        justify-content: space-between;
        margin-bottom: 0.75rem;
      }
      .total {
        font-weight: 700;
      }
      .exports {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        flex-wrap: wrap;
      }
      .items {
        display: grid;
        gap: 0.75rem;
      }
    `,
  ];

  constructor() {
    super();
    this.selected = new Set();
    this.addEventListener(FEEDBACK_CHANGED, (e) => this.changed(e.detail));
    this.addEventListener(FEEDBACK_SELECTED, (e) => this.select(e.detail));
    this.addEventListener(FEEDBACK_MOVED, (e) => this.moved(e.detail));
  }

  private get editable() {
    return this.user.role !== "viewer";
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has("state")) return;
    const { unit, from, to, kind, assignee, official, level, q, status, sort } = this.state;
    const summaryKey = [unit, from, to, kind, assignee, official, level, q].join("|");
    const listKey = [summaryKey, status, sort].join("|");
    if (unit !== this.unitKey) {
      this.unitKey = unit;
      this.loadUnitLists();
    }
    if (summaryKey !== this.summaryKey) {
      this.summaryKey = summaryKey;
      this.loadSummary();
    }
    if (listKey !== this.listKey) {
      this.listKey = listKey;
      this.loadList();
    }
  }

  /** The scope's assignees and officials, which only editors are given. */
  private loadUnitLists() {
    this.assignable = undefined;
    this.officials = undefined;
    if (!this.editable) return;
    const unit = this.state.unit;
    void settle(assignees(unit)).then((found) => {
      if (unit === this.state.unit && !(found instanceof ApiFailure)) this.assignable = found.accounts;
    });
    void settle(desks(unit)).then((found) => {
      if (unit === this.state.unit && !(found instanceof ApiFailure)) this.officials = found.units.filter((u) => u.kind === "official");
    });
  }

  private loadSummary() {
    const ticket = ++this.summaryTicket;
    void settle(queueSummary(this.state)).then((value) => {
      if (ticket === this.summaryTicket) this.summary = value;
    });
  }

  private loadList() {
    const ticket = ++this.ticket;
    this.list = undefined;
    this.more = true;
    this.selected = new Set();
    void settle(queuePage(this.state)).then((value) => {
      if (ticket === this.ticket) this.list = value;
    });
  }

  /** Appends the next page to the list. */
  private async loadMore(current: FeedbackPage) {
    const ticket = this.ticket;
    this.more = undefined;
    const page = await settle(queuePage(this.state, current.next ?? undefined));
    if (ticket !== this.ticket) return;
    if (page instanceof ApiFailure) {
      this.more = page;
      return;
    }
    this.more = true;
    this.list = { ...page, items: [...current.items, ...page.items] };
  }

  /** An item a card changed takes its place in the list (which would otherwise give the card the old one back); the counts are read again. */
  private changed(item: FeedbackItem) {
    const list = this.list;
    if (list && !(list instanceof ApiFailure)) this.list = { ...list, items: list.items.map((it) => (it.id === item.id ? item : it)) };
    this.loadSummary();
  }

  private select({ id, selected }: { id: string; selected: boolean }) {
    const next = new Set(this.selected);
    if (selected) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  /** After a bulk move the list and the counts are read again; 0 only clears the selection. */
  private moved(count: number) {
    this.selected = new Set();
    if (count === 0) return;
    this.loadSummary();
    this.loadList();
  }

  override render() {
    const s = complaintStrings(this.lang);
    const v = this.state;
    const editable = this.editable;
    const current = v.assignee === "me" ? "mine" : v.kind === "feedback" ? "feedback" : v.kind === "complaint" ? "complaints" : "";
    const exports = complaintExportLinks(v);
    return html`<section class="card" aria-labelledby="inbox-title">
        <h2 id="inbox-title">${s.complaintsTitle}</h2>
        <p class="summary">${this.detail.unit.name} · ${day(v.from, this.lang)} – ${day(v.to, this.lang)}</p>
        ${editable ? "" : html`<p class="note">${s.readOnly}</p>`}
        <nav aria-label=${s.queueTabs}>
          <ul>
            ${TABS.filter((t) => editable || !t.editorsOnly).map((t) => html`<li>${viewLink(v, t.change, s.tabs[t.key], { current: t.key === current })}</li>`)}
          </ul>
        </nav>
      </section>
      <section class="card" aria-label=${s.countsLabel}>
        ${whenLoaded(this.summary, this.lang, (summary) => html`<hl-queue-counts .summary=${summary} .status=${v.status} .lang=${this.lang}></hl-queue-counts>`, () => this.loadSummary())}
      </section>
      <section class="card" aria-label=${s.filtersLabel}>
        <hl-queue-filters .state=${v} .officials=${editable ? (this.officials ?? []) : undefined} .lang=${this.lang}></hl-queue-filters>
      </section>
      ${editable ? html`<hl-queue-bulk .ids=${[...this.selected]} .lang=${this.lang}></hl-queue-bulk>` : ""}
      ${whenLoaded(
        this.list,
        this.lang,
        (f) => html`<section class="card" aria-labelledby="total">
          <div class="listbar">
            <h3 id="total" class="total" data-field="total">${s.total(f.total, v.kind)}</h3>
            <p class="exports">
              ${s.exportFiltered}:
              <a class="button secondary" href=${exports.csv} download data-export="complaints-csv">CSV</a>
              <a class="button secondary" href=${exports.xlsx} download data-export="complaints-xlsx">XLSX</a>
            </p>
          </div>
          ${f.items.length === 0 ? html`<p class="summary">${s.noItems}</p>` : ""}
          <div class="items">
            ${f.items.map(
              (item) =>
                html`<hl-complaint
                  .item=${item}
                  .assignees=${this.assignable}
                  ?editable=${editable}
                  ?selectable=${editable}
                  .selected=${this.selected.has(item.id)}
                  .lang=${this.lang}
                ></hl-complaint>`,
            )}
          </div>
          ${this.more instanceof ApiFailure ? html`<p class="error" role="alert">${this.more.text(this.lang)}</p>` : ""}
          ${f.next
            ? html`<p><button type="button" class="secondary" ?disabled=${this.more === undefined} @click=${() => this.loadMore(f)}>${this.more === undefined ? s.loading : s.loadMore}</button></p>`
            : ""}
        </section>`,
        () => this.loadList(),
      )}`;
  }
}

customElements.get("hl-complaints-page") ?? customElements.define("hl-complaints-page", HlComplaintsPage);
