import { html, LitElement } from "lit";
import type { Alert } from "../api/types.ts";
import { day, percent } from "../i18n/format.ts";
import { alertStrings, alertWords } from "../i18n/alert-strings.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import type { ViewState } from "../state/view-state.ts";
import { shared } from "./styles.ts";
import { viewLink } from "./unit-link.ts";

/**
 * "Cần chú ý": the units of the scope whose weekly share left what their own past makes
 * likely, drops first (the API's order), each with the rule that fired in words, since when,
 * its latest week and its usual level; or a sentence saying that none did and what that means.
 * A chunk of its own, loaded with the alerts (dashboard/pages/hl-unit-view.ts).
 */
export class HlAlertsPanel extends LitElement {
  static override properties = { alerts: { attribute: false }, state: { attribute: false }, lang: {} };
  declare alerts: Alert[];
  declare state: ViewState;
  declare lang: Lang;
  static override styles = [shared];

  override render() {
    const r = alertStrings(this.lang);
    const s = strings(this.lang);
    return html`<section class="card" aria-labelledby="attention-title">
      <h2 id="attention-title">${r.attentionTitle}</h2>
      ${this.alerts.length === 0
        ? html`<p class="summary" data-field="no-alerts">${r.attentionNone}</p>`
        : html`<div class="table-wrap">
            <table>
              <caption>${r.attentionIntro}</caption>
              <thead>
                <tr>
                  <th scope="col">${s.colUnit}</th>
                  <th scope="col">${r.colWhat}</th>
                  <th scope="col">${r.colSince}</th>
                  <th scope="col" class="num">${r.colLatest}</th>
                  <th scope="col" class="num">${r.colBaseline}</th>
                </tr>
              </thead>
              <tbody>
                ${this.alerts.map(
                  (a) => html`<tr data-direction=${a.direction}>
                    <th scope="row">${viewLink(this.state, { unit: a.unit }, a.name, { label: s.openUnit(a.name) })}</th>
                    <td>${alertWords(a.direction, a.rule, this.lang)}</td>
                    <td>${day(a.since, this.lang)}</td>
                    <td class="num">${percent(a.share, this.lang)}</td>
                    <td class="num">${percent(a.baseline, this.lang)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
    </section>`;
  }
}

customElements.get("hl-alerts-panel") ?? customElements.define("hl-alerts-panel", HlAlertsPanel);
