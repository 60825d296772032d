import { css, html, LitElement, type PropertyValues } from "lit";
import { ApiFailure } from "../api/client.ts";
import { feedback } from "../api/endpoints.ts";
import type { FeedbackItem, UnitDetail, User } from "../api/types.ts";
import "../components/hl-complaint.ts";
import { settle, whenLoaded, type Loaded } from "../components/loaded.ts";
import { shared } from "../components/styles.ts";
import { day } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { navigateEvent, STATUSES, type Status, type ViewState } from "../state/view-state.ts";

/** The complaints inbox: reasons and comments, newest first, each moved along with a note. */
export class HlComplaintsPage extends LitElement {
  static override properties = {
    state: { attribute: false },
    detail: { attribute: false },
    user: { attribute: false },
    lang: {},
    list: { state: true },
    more: { state: true },
  };
  declare state: ViewState;
  declare detail: UnitDetail;
  declare user: User;
  declare lang: Lang;
  declare list: Loaded<{ items: FeedbackItem[]; next: string | null }>;
  /** The next page while it loads, or why it failed. */
  declare more: Loaded<true>;
  private loadedKey = "";
  private ticket = 0;

  static override styles = [
    shared,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        align-items: end;
        justify-content: space-between;
        margin-bottom: 1rem;
      }
      .items {
        display: grid;
        gap: 0.75rem;
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has("state")) return;
    const { unit, from, to, status } = this.state;
    const key = [unit, from, to, status].join("|");
    if (key === this.loadedKey) return;
    this.loadedKey = key;
    const ticket = ++this.ticket;
    this.list = undefined;
    this.more = true;
    void settle(feedback(this.state, status)).then((value) => {
      if (ticket === this.ticket) this.list = value;
    });
  }

  /** Appends the next page (older items) to the list. */
  private async loadMore(current: { items: FeedbackItem[]; next: string | null }) {
    const ticket = this.ticket;
    this.more = undefined;
    const page = await settle(feedback(this.state, this.state.status, current.next ?? undefined));
    if (ticket !== this.ticket) return;
    if (page instanceof ApiFailure) {
      this.more = page;
      return;
    }
    this.more = true;
    this.list = { items: [...current.items, ...page.items], next: page.next };
  }

  override render() {
    const s = strings(this.lang);
    const editable = this.user.role !== "viewer";
    return html`<section class="card" aria-labelledby="inbox-title">
      <div class="toolbar">
        <div>
          <h2 id="inbox-title">${s.complaintsTitle}</h2>
          <p class="summary">${this.detail.unit.name} · ${day(this.state.from, this.lang)} – ${day(this.state.to, this.lang)}</p>
          ${editable ? "" : html`<p class="note">${s.readOnly}</p>`}
        </div>
        <div>
          <label for="status">${s.statusFilter}</label>
          <select id="status" @change=${(e: Event) => this.dispatchEvent(navigateEvent({ status: (e.target as HTMLSelectElement).value as Status | "" }))}>
            <option value="" ?selected=${this.state.status === ""}>${s.allStatuses}</option>
            ${STATUSES.map((st) => html`<option value=${st} ?selected=${st === this.state.status}>${s.statuses[st]}</option>`)}
          </select>
        </div>
      </div>
      ${whenLoaded(
        this.list,
        this.lang,
        (f) => html`${f.items.length === 0 ? html`<p class="summary">${s.noComplaints}</p>` : ""}
          <div class="items">${f.items.map((item) => html`<hl-complaint .item=${item} ?editable=${editable} .lang=${this.lang}></hl-complaint>`)}</div>
          ${this.more instanceof ApiFailure ? html`<p class="error" role="alert">${this.more.text(this.lang)}</p>` : ""}
          ${f.next
            ? html`<p><button type="button" class="secondary" ?disabled=${this.more === undefined} @click=${() => this.loadMore(f)}>${this.more === undefined ? s.loading : s.loadMore}</button></p>`
            : ""}`,
      )}
    </section>`;
  }
}

customElements.get("hl-complaints-page") ?? customElements.define("hl-complaints-page", HlComplaintsPage);
