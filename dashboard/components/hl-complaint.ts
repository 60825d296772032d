import { css, html } from "lit";
import { updateFeedback } from "../api/endpoints.ts";
import type { FeedbackItem } from "../api/types.ts";
import { dateTime } from "../i18n/format.ts";
import { strings } from "../i18n/strings.ts";
import { STATUSES, type Status } from "../state/view-state.ts";
import { ItemCard } from "./item-card.ts";

/** One complaint: what the citizen wrote, its handling history and, for editors, the next step. */
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
    const now = await this.step(event, (data) => updateFeedback(this.item.id, data.get("status") as Status, String(data.get("note") ?? "").trim()));
    if (now) this.item = now;
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
        ${it.official ? html`<dt>${s.officialNamed}</dt><dd data-field="official">${it.official.name}</dd>` : ""}
      </dl>
      ${it.history.length > 0
        ? html`<details>
            <summary>${s.history} (${it.history.length})</summary>
            <ol>
              ${it.history.map((h) => html`<li>${s.changedBy(s.statuses[h.status] ?? h.status, h.by, dateTime(h.at, this.lang))}${h.note ? html`: “${h.note}”` : ""}</li>`)}
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
            <button type="submit" ?disabled=${this.saving}>${this.saving ? s.saving : s.save}</button>
            <span role="status" class="note">${this.message}</span>
          </form>`
        : ""}
    </article>`;
  }
}

customElements.get("hl-complaint") ?? customElements.define("hl-complaint", HlComplaint);
