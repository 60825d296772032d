import { css, html } from "lit";
import { updateFeedback } from "../api/endpoints.ts";
import type { FeedbackItem } from "../api/types.ts";
import { dateTime } from "../i18n/format.ts";
import { strings } from "../i18n/strings.ts";
import { STATUSES, type Status } from "../state/view-state.ts";
import { ItemCard } from "./item-card.ts";

/**
 * One complaint: what the citizen wrote, its handling history and, for editors, the next step.
 * A complaint with a receipt code (that the citizen can still follow) takes a public reply too;
 * its field starts from the current reply as its default value, to which the form's reset after
 * a save returns.
 */
export class HlComplaint extends ItemCard {
  static override properties = { item: { attribute: false } };
  declare item: FeedbackItem;

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
    `,
  ];

  private async save(event: SubmitEvent) {
    const now = await this.step(event, (data) => {
      const reply = data.get("reply");
      return updateFeedback(this.item.id, {
        status: data.get("status") as Status,
        note: String(data.get("note") ?? "").trim(),
        ...(reply !== null && { reply: String(reply).trim() }),
      });
    });
    if (now) this.item = now;
  }

  /** What a change did to the public reply, for its line in the history. */
  private replyChange(reply: string | null) {
    const s = strings(this.lang);
    if (reply === null) return "";
    return ` · ${reply ? s.replied(reply) : s.replyWithdrawn}`;
  }

  override render() {
    const s = strings(this.lang);
    const it = this.item;
    const next = STATUSES[Math.min(STATUSES.indexOf(it.status as (typeof STATUSES)[number]) + 1, STATUSES.length - 1)];
    const id = `c-${it.id}`;
    return html`<article data-status=${it.status} aria-labelledby=${`${id}-title`}>
      <header>
        <span id=${`${id}-title`}><strong>${it.unit.name}</strong> · <time datetime=${it.receivedAt}>${dateTime(it.receivedAt, this.lang)}</time></span>
        <span class="badge" data-field="status">${s.statuses[it.status] ?? it.status}</span>
      </header>
      <dl>
        ${it.overall !== null ? html`<dt>${s.overall}</dt><dd>${s.overallLevels[it.overall] ?? it.overall}</dd>` : ""}
        ${it.reason ? html`<dt>${s.reason}</dt><dd data-field="reason">${it.reason}</dd>` : ""}
        ${it.comment ? html`<dt>${s.comment}</dt><dd data-field="comment">${it.comment}</dd>` : ""}
        ${it.erasedAt ? html`<dt>${s.reason}</dt><dd data-field="erased">${s.erased(dateTime(it.erasedAt, this.lang))}</dd>` : ""}
        ${it.caseCode ? html`<dt>${s.caseCode}</dt><dd>${it.caseCode}</dd>` : ""}
        ${it.receipt ? html`<dt>${s.receipt}</dt><dd data-field="receipt">${it.receipt}</dd>` : ""}
        ${it.reply ? html`<dt>${s.reply}</dt><dd data-field="reply">${it.reply}</dd>` : ""}
        ${it.official ? html`<dt>${s.officialNamed}</dt><dd data-field="official">${it.official.name}</dd>` : ""}
      </dl>
      ${it.history.length > 0
        ? html`<details>
            <summary>${s.history} (${it.history.length})</summary>
            <ol>
              ${it.history.map((h) => html`<li>${s.changedBy(s.statuses[h.status] ?? h.status, h.by, dateTime(h.at, this.lang))}${h.note ? html`: “${h.note}”` : ""}${this.replyChange(h.reply)}</li>`)}
            </ol>
          </details>`
        : ""}
      ${this.editable
        ? html`<form @submit=${this.save}>
            <div>
              <label for=${`${id}-status`}>${s.changeStatus}</label>
              <select id=${`${id}-status`} name="status">
                ${STATUSES.map((st) => html`<option value=${st} ?selected=${st === next}>${s.statuses[st]}</option>`)}
              </select>
            </div>
            <div class="grow">
              <label for=${`${id}-note`}>${s.note}</label>
              <textarea id=${`${id}-note`} name="note" rows="1" maxlength="1000" placeholder=${s.notePlaceholder}></textarea>
            </div>
            ${it.receipt && !it.erasedAt
              ? html`<div class="grow">
                  <label for=${`${id}-reply`}>${s.replyField}</label>
                  <textarea id=${`${id}-reply`} name="reply" rows="2" placeholder=${s.replyPlaceholder} .defaultValue=${it.reply ?? ""}></textarea>
                </div>`
              : ""}
            <button type="submit" ?disabled=${this.saving}>${this.saving ? s.saving : s.save}</button>
            <span role="status" class="note">${this.message}</span>
          </form>`
        : ""}
    </article>`;
  }
}

customElements.get("hl-complaint") ?? customElements.define("hl-complaint", HlComplaint);
