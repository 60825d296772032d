import { css, html, LitElement } from "lit";
import type { FeedbackStatus } from "../../worker/domain/feedback.ts";
import { moveFeedback } from "../api/endpoints.ts";
import { complaintStrings } from "../i18n/complaint-strings.ts";
import type { Lang } from "../i18n/strings.ts";
import { FEEDBACK_STATUSES } from "../../worker/domain/follow-up.ts";
import { formAction } from "./form-action.ts";
import { inlineForm, shared } from "./styles.ts";

/** Fired when the selected items were moved (detail: how many), or when the selection is to be cleared (detail: 0). */
export const FEEDBACK_MOVED = "hl-feedback-moved";

/**
 * The selected items moved at once to one status with one note: all of them or, if the API
 * refuses any (a note missing to close, an item out of reach), none, with its words.
 */
export class HlQueueBulk extends LitElement {
  static override properties = { ids: { attribute: false }, lang: {}, saving: { state: true }, message: { state: true } };
  declare ids: string[];
  declare lang: Lang;
  declare saving: boolean;
  declare message: string;

  static override styles = [
    shared,
    inlineForm,
    css`
      textarea {
        width: 100%;
      }
    `,
  ];

  constructor() {
    super();
    this.saving = false;
    this.message = "";
  }

  private done(moved: number) {
    this.dispatchEvent(new CustomEvent(FEEDBACK_MOVED, { detail: moved, bubbles: true, composed: true }));
  }

  private async move(event: SubmitEvent) {
    this.saving = true;
    const ids = this.ids;
    const { value, message } = await formAction(event, this.lang, (data) =>
      moveFeedback(ids, { status: data.get("status") as FeedbackStatus, note: String(data.get("note") ?? "").trim() }),
    );
    this.saving = false;
    this.message = value ? complaintStrings(this.lang).bulkDone(value.items.length) : message;
    if (value) this.done(value.items.length);
  }

  override render() {
    const s = complaintStrings(this.lang);
    return html`<section class="card" aria-labelledby="bulk-title">
      <h2 id="bulk-title">${s.bulkTitle(this.ids.length)}</h2>
      <form @submit=${this.move}>
        <div>
          <label for="bulk-status">${s.bulkStatus}</label>
          <select id="bulk-status" name="status">
            ${FEEDBACK_STATUSES.map((st) => html`<option value=${st} ?selected=${st === "in_progress"}>${s.statuses[st]}</option>`)}
          </select>
        </div>
        <div class="grow">
          <label for="bulk-note">${s.note}</label>
          <textarea id="bulk-note" name="note" rows="1" placeholder=${s.notePlaceholder} aria-describedby="bulk-note-rule"></textarea>
          <p id="bulk-note-rule" class="note">${s.noteNeeded}</p>
        </div>
        <button type="submit" ?disabled=${this.saving || this.ids.length === 0}>${this.saving ? s.saving : s.bulkApply}</button>
        <button type="button" class="secondary" @click=${() => this.done(0)}>${s.clearSelection}</button>
        <span role="status" class="note">${this.message}</span>
      </form>
    </section>`;
  }
}

customElements.get("hl-queue-bulk") ?? customElements.define("hl-queue-bulk", HlQueueBulk);

declare global {
  interface HTMLElementEventMap {
    "hl-feedback-moved": CustomEvent<number>;
  }
}
