import { css, html } from "lit";
import { DECISIONS, type Decision } from "../../worker/domain/suspicion.ts";
import { decideIncident } from "../api/endpoints.ts";
import type { Incident } from "../api/types.ts";
import { count, dateTime } from "../i18n/format.ts";
import { strings } from "../i18n/strings.ts";
import { ItemCard } from "./item-card.ts";

/** One anomaly: whose answers, when, why they were held, and, for managers, the decision. */
export class HlIncident extends ItemCard {
  static override properties = { incident: { attribute: false } };
  declare incident: Incident;

  static override styles = [
    ...ItemCard.styles,
    css`
      article[data-status="open"] {
        --hl-status: var(--hl-danger);
      }
      article[data-status="released"] {
        --hl-status: var(--hl-success);
      }
      article[data-status="confirmed"] {
        --hl-status: var(--hl-border-strong);
      }
    `,
  ];

  private async decide(event: SubmitEvent) {
    const now = await this.step(event, (data) => decideIncident(this.incident.id, data.get("decision") as Decision, String(data.get("note") ?? "").trim()));
    if (now) this.incident = now;
  }

  override render() {
    const s = strings(this.lang);
    const it = this.incident;
    const id = `i-${it.id}`;
    const levels = Object.entries(it.overall).sort(([a], [b]) => Number(b) - Number(a));
    const next: Decision = it.status === "released" ? "confirmed" : "released";
    return html`<article data-status=${it.status} aria-labelledby=${`${id}-title`}>
      <header>
        <span id=${`${id}-title`}
          ><strong>${it.unit.name}</strong> · <time datetime=${it.firstAt}>${dateTime(it.firstAt, this.lang)}</time> –
          <time datetime=${it.lastAt}>${dateTime(it.lastAt, this.lang)}</time></span
        >
        <span class="badge" data-field="status">${s.incidentStatuses[it.status] ?? it.status}</span>
      </header>
      <dl>
        <dt>${s.sourceLabel}</dt>
        <dd>${s.incidentSource(it.kiosk?.name ?? null)}</dd>
        <dt>${s.answersLabel}</dt>
        <dd data-field="answers">${count(it.answers, this.lang)}</dd>
        <dt>${s.levelsIn}</dt>
        <dd>${levels.map(([level, n]) => `${s.overallLevels[Number(level)] ?? level}: ${count(n, this.lang)}`).join(" · ")}</dd>
        <dt>${s.signalsLabel}</dt>
        <dd data-field="signals">${it.signals.map((sig) => s.signals[sig] ?? sig).join(", ")}</dd>
      </dl>
      ${it.history.length > 0
        ? html`<ol>
            ${it.history.map((h) => html`<li>${s.decidedBy(s.decisions[h.decision] ?? h.decision, h.by, dateTime(h.at, this.lang))}: “${h.note}”</li>`)}
          </ol>`
        : ""}
      ${this.editable
        ? html`<form @submit=${this.decide}>
            <div>
              <label for=${`${id}-decision`}>${s.decisionLabel}</label>
              <select id=${`${id}-decision`} name="decision">
                ${DECISIONS.map((d) => html`<option value=${d} ?selected=${d === next}>${s.decisions[d]}</option>`)}
              </select>
            </div>
            <div class="grow">
              <label for=${`${id}-note`}>${s.decisionNote}</label>
              <textarea id=${`${id}-note`} name="note" rows="1" maxlength="2000" required></textarea>
            </div>
            <button type="submit" ?disabled=${this.saving}>${this.saving ? s.saving : s.save}</button>
            <span role="status" class="note">${this.message}</span>
          </form>`
        : ""}
    </article>`;
  }
}

customElements.get("hl-incident") ?? customElements.define("hl-incident", HlIncident);
