import { css, html, nothing } from "lit";
import type { FeedbackStatus, StatusChange } from "../../worker/domain/feedback.ts";
import { updateFeedback } from "../api/endpoints.ts";
import type { Assignee, FeedbackItem } from "../api/types.ts";
import { complaintStrings } from "../i18n/complaint-strings.ts";
import { dateTime, day } from "../i18n/format.ts";
import { FEEDBACK_STATUSES, needsNote } from "../../worker/domain/follow-up.ts";
import { ItemCard } from "./item-card.ts";

/** Fired (bubbling out of shadow roots) when a card's item changed, with the item now, so its list and counts can follow. */
export const FEEDBACK_CHANGED = "hl-feedback-changed";
/** Fired when a card is selected for a bulk move or unselected; detail: the id and whether selected. */
export const FEEDBACK_SELECTED = "hl-feedback-selected";

/**
 * One complaint or comment: what the citizen wrote, where and when, its due day, who has it,
 * its handling history and, for editors, the next step (status, assignee, note). Closing or
 * reopening needs a note, which the form says as soon as that status is chosen. A complaint
 * with a receipt code (that the citizen can still follow) takes a public reply too; its field
 * starts from the current reply as its default value, to which the form's reset after a save
 * returns.
 */
export class HlComplaint extends ItemCard {
  static override properties = {
    item: { attribute: false },
    assignees: { attribute: false },
    selectable: { type: Boolean },
    selected: { type: Boolean },
    chosen: { state: true },
  };
  declare item: FeedbackItem;
  /** Whom the item may be given to; without them the card offers no assignment. */
  declare assignees: Assignee[] | undefined;
  /** Whether the card has a checkbox for a bulk move. */
  declare selectable: boolean;
  declare selected: boolean;
  /** The status chosen in the form, until it is saved. */
  declare chosen: FeedbackStatus | undefined;

  static override styles = [
    ...ItemCard.styles,
    css`
      article[data-status="new"] {
        --hl-status: var(--hl-danger);
      }
      article[data-status="in_progress"] {
        --hl-status: var(--hl-warning);
      }
      article[data-status="resolved"] {
        --hl-status: var(--hl-success);
      }
      .badges {
        display: inline-flex;
        gap: 0.4rem;
        align-items: baseline;
      }
      .overdue {
        border-color: var(--hl-danger);
        color: var(--hl-danger);
      }
      .pick {
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
        margin: 0 0.5rem 0 0;
        color: var(--hl-text);
      }
      .pick input {
        min-height: auto;
        width: 1.1rem;
        height: 1.1rem;
      }
    `,
  ];

  constructor() {
    super();
    this.selectable = false;
    this.selected = false;
  }

  private async save(event: SubmitEvent) {
    const now = await this.step(event, (data) => updateFeedback(this.item.id, this.change(data)));
    if (!now) return;
    this.item = now;
    this.chosen = undefined;
    this.dispatchEvent(new CustomEvent(FEEDBACK_CHANGED, { detail: now, bubbles: true, composed: true }));
  }

  /**
   * What the form asks for: the status if another was chosen (so that giving an item to
   * someone, or adding a note, moves nothing), the note, the reply if it has that field, the
   * assignee if changed.
   */
  private change(data: FormData): StatusChange {
    const reply = data.get("reply");
    const assignee = data.get("assignee");
    const current = String(this.item.assignee?.id ?? "");
    const status = data.get("status") as FeedbackStatus;
    return {
      ...(status !== this.item.status && { status }),
      note: String(data.get("note") ?? "").trim(),
      ...(reply !== null && { reply: String(reply).trim() }),
      ...(assignee !== null && assignee !== current && { assignee: assignee ? Number(assignee) : null }),
    };
  }

  private toggle(event: Event) {
    const selected = (event.target as HTMLInputElement).checked;
    this.dispatchEvent(new CustomEvent(FEEDBACK_SELECTED, { detail: { id: this.item.id, selected }, bubbles: true, composed: true }));
  }

  /** What a change did to the public reply, for its line in the history. */
  private replyChange(reply: string | null) {
    const s = complaintStrings(this.lang);
    if (reply === null) return "";
    return ` · ${reply ? s.replied(reply) : s.replyWithdrawn}`;
  }

  override render() {
    const s = complaintStrings(this.lang);
    const it = this.item;
    const noteNeeded = needsNote(it.status, this.chosen ?? it.status);
    const id = `c-${it.id}`;
    return html`<article data-status=${it.status} aria-labelledby=${`${id}-title`}>
      <header>
        <span>
          ${this.selectable
            ? html`<label class="pick"><input type="checkbox" .checked=${this.selected} @change=${this.toggle} aria-describedby=${`${id}-title`} />${s.select}</label>`
            : ""}
          <span id=${`${id}-title`}><strong>${it.unit.name}</strong> · <time datetime=${it.receivedAt}>${dateTime(it.receivedAt, this.lang)}</time></span>
        </span>
        <span class="badges">
          ${it.overdue ? html`<span class="badge overdue" data-field="overdue">${s.overdueMark}</span>` : ""}
          <span class="badge" data-field="status">${s.statuses[it.status] ?? it.status}</span>
        </span>
      </header>
      <dl>
        ${it.overall !== null ? html`<dt>${s.overall}</dt><dd>${s.overallLevels[it.overall] ?? it.overall}</dd>` : ""}
        ${it.reason ? html`<dt>${s.reason}</dt><dd data-field="reason">${it.reason}</dd>` : ""}
        ${it.comment ? html`<dt>${s.comment}</dt><dd data-field="comment">${it.comment}</dd>` : ""}
        ${it.erasedAt ? html`<dt>${s.reason}</dt><dd data-field="erased">${s.erased(dateTime(it.erasedAt, this.lang))}</dd>` : ""}
        ${it.official ? html`<dt>${s.officialNamed}</dt><dd data-field="official">${it.official.name}</dd>` : ""}
        ${it.dueDay ? html`<dt>${s.dueDay}</dt><dd data-field="due">${day(it.dueDay, this.lang)}</dd>` : ""}
        <dt>${s.assignee}</dt>
        <dd data-field="assignee">${it.assignee?.name ?? s.unassigned}</dd>
        ${it.caseCode ? html`<dt>${s.caseCode}</dt><dd>${it.caseCode}</dd>` : ""}
        ${it.receipt ? html`<dt>${s.receipt}</dt><dd data-field="receipt">${it.receipt}</dd>` : ""}
        ${it.reply ? html`<dt>${s.reply}</dt><dd data-field="reply">${it.reply}</dd>` : ""}
      </dl>
      ${it.history.length > 0
        ? html`<details>
            <summary>${s.history} (${it.history.length})</summary>
            <ol>
              ${it.history.map((h) => html`<li>${s.changedBy(s.statuses[h.status] ?? h.status, h.by, dateTime(h.at, this.lang))}${h.note ? html`: “${h.note}”` : ""}${this.replyChange(h.reply)}</li>`)}
            </ol>
          </details>`
        : ""}
      ${this.editable ? this.form(id, noteNeeded) : ""}
    </article>`;
  }

  private form(id: string, noteNeeded: boolean) {
    const s = complaintStrings(this.lang);
    const it = this.item;
    return html`<form @submit=${this.save}>
      <div>
        <label for=${`${id}-status`}>${s.changeStatus}</label>
        <select id=${`${id}-status`} name="status" @change=${(e: Event) => (this.chosen = (e.target as HTMLSelectElement).value as FeedbackStatus)}>
          ${FEEDBACK_STATUSES.map((st) => html`<option value=${st} ?selected=${st === it.status}>${s.statuses[st]}</option>`)}
        </select>
      </div>
      ${this.assignees
        ? html`<div>
            <label for=${`${id}-assignee`}>${s.assignTo}</label>
            <select id=${`${id}-assignee`} name="assignee">
              <option value="" ?selected=${!it.assignee}>${s.unassigned}</option>
              ${this.assignees.map((a) => html`<option value=${a.id} ?selected=${a.id === it.assignee?.id}>${a.name} · ${a.unit.name}</option>`)}
            </select>
          </div>`
        : ""}
      <div class="grow">
        <label for=${`${id}-note`}>${s.note}</label>
        <textarea
          id=${`${id}-note`}
          name="note"
          rows="1"
          placeholder=${s.notePlaceholder}
          aria-describedby=${noteNeeded ? `${id}-note-needed` : nothing}
        ></textarea>
        ${noteNeeded ? html`<p id=${`${id}-note-needed`} class="note" data-field="note-needed">${s.noteNeeded}</p>` : ""}
      </div>
      ${it.receipt && !it.erasedAt
        ? html`<div class="grow">
            <label for=${`${id}-reply`}>${s.replyField}</label>
            <textarea id=${`${id}-reply`} name="reply" rows="2" placeholder=${s.replyPlaceholder} .defaultValue=${it.reply ?? ""}></textarea>
          </div>`
        : ""}
      <button type="submit" ?disabled=${this.saving}>${this.saving ? s.saving : s.save}</button>
      <span role="status" class="note">${this.message}</span>
    </form>`;
  }
}

customElements.get("hl-complaint") ?? customElements.define("hl-complaint", HlComplaint);

declare global {
  interface HTMLElementEventMap {
    "hl-feedback-changed": CustomEvent<FeedbackItem>;
    "hl-feedback-selected": CustomEvent<{ id: string; selected: boolean }>;
  }
}
