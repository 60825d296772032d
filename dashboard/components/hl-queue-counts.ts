import { css, html, LitElement } from "lit";
import type { QueueSummary } from "../api/types.ts";
import { complaintStrings } from "../i18n/complaint-strings.ts";
import { count } from "../i18n/format.ts";
import type { Lang } from "../i18n/strings.ts";
import { navigateEvent, type QueueFilterStatus } from "../state/view-state.ts";
import { shared } from "./styles.ts";

/** The statuses counted at the top of the queue, in the order a complaint meets them. */
const COUNTED = ["new", "in_progress", "overdue", "resolved"] as const;

/**
 * The queue's counts per status for its scope, period and filters, each a button that filters
 * the list by it (pressed while it does), and how the complaints were handled, each with its n.
 */
export class HlQueueCounts extends LitElement {
  static override properties = { summary: { attribute: false }, status: {}, lang: {} };
  declare summary: QueueSummary;
  declare status: QueueFilterStatus;
  declare lang: Lang;

  static override styles = [
    shared,
    css`
      .counts {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .counts button {
        flex-direction: column;
        align-items: flex-start;
        min-width: 8rem;
        background: var(--hl-surface);
        color: var(--hl-text);
        border-color: var(--hl-border-strong);
      }
      .counts button[aria-pressed="true"] {
        background: var(--hl-primary);
        border-color: var(--hl-primary);
        color: #fff;
      }
      .counts strong {
        font-size: 1.4rem;
        font-variant-numeric: tabular-nums;
      }
      dl {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
        gap: 0.5rem 1rem;
        margin: 0.75rem 0 0;
      }
      dt {
        font-size: 0.8rem;
        color: var(--hl-muted);
      }
      dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  override render() {
    const s = complaintStrings(this.lang);
    const { counts, measures: m } = this.summary;
    return html`<div class="counts" role="group" aria-label=${s.countsLabel}>
        ${COUNTED.map(
          (status) =>
            html`<button type="button" data-count=${status} aria-pressed=${this.status === status ? "true" : "false"} @click=${() => this.dispatchEvent(navigateEvent({ status }))}>
              <span>${s.queueStatuses[status]}</span><strong>${count(counts[status], this.lang)}</strong>
            </button>`,
        )}
      </div>
      <h3>${s.measuresTitle}</h3>
      <dl>
        <div><dt>${s.medianTime}</dt><dd data-measure="median">${s.medianValue(m.medianHours, m.resolved)}</dd></div>
        <div><dt>${s.onTime}</dt><dd data-measure="on-time">${s.onTimeValue(m.onTime.share, m.onTime.count, m.onTime.n)}</dd></div>
        <div><dt>${s.stillOpen}</dt><dd data-measure="open">${s.ofReceived(m.open, m.received)}</dd></div>
        <div><dt>${s.pastDue}</dt><dd data-measure="overdue">${s.ofReceived(m.overdue, m.received)}</dd></div>
      </dl>`;
  }
}

customElements.get("hl-queue-counts") ?? customElements.define("hl-queue-counts", HlQueueCounts);
