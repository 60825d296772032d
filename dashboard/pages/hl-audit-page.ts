import { css, html, LitElement, type PropertyValues } from "lit";
import { AUDIT_ACTION_NAMES } from "../../worker/domain/audit-names.ts";
import { audit, auditCsvLink } from "../api/endpoints.ts";
import type { AuditRecord, UnitDetail } from "../api/types.ts";
import { settle, whenLoaded, type Loaded } from "../components/loaded.ts";
import { shared } from "../components/styles.ts";
import { dateTime, day } from "../i18n/format.ts";
import { adminStrings } from "../i18n/admin-strings.ts";
import type { Lang } from "../i18n/strings.ts";
import { stateSearch, type ViewState } from "../state/view-state.ts";

/** The changed fields of a record, "role: manager; unit: 00004", or a dash. */
const fields = (values: Record<string, unknown> | null) =>
  values ? Object.entries(values).map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`).join("; ") : "—";

/** The administrative record of the scope's subtree in the period (admins), and its CSV. */
export class HlAuditPage extends LitElement {
  static override properties = { state: { attribute: false }, detail: { attribute: false }, lang: {}, list: { state: true } };
  declare state: ViewState;
  declare detail: UnitDetail;
  declare lang: Lang;
  declare list: Loaded<{ records: AuditRecord[] }>;
  private loaded = "";

  static override styles = [
    shared,
    css`
      .stack {
        display: grid;
        gap: 1rem;
      }
      td.changed {
        word-break: break-word;
        max-width: 22rem;
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>) {
    const asked = stateSearch(this.state);
    if (!changed.has("state") || asked === this.loaded) return;
    this.loaded = asked;
    this.list = undefined;
    void settle(audit(this.state)).then((value) => {
      if (asked === this.loaded) this.list = value;
    });
  }

  override render() {
    const s = adminStrings(this.lang);
    const unit = this.detail.unit;
    return html`<div class="stack">
      <section class="card" aria-labelledby="audit-title">
        <h2 id="audit-title">${s.auditTitle}</h2>
        <p class="summary">${s.auditIntro(unit.name, day(this.state.from, this.lang), day(this.state.to, this.lang))}</p>
        <p><a class="button secondary" href=${auditCsvLink(this.state)} download data-export="audit"><span aria-hidden="true">↓</span> ${s.auditCsv}</a></p>
        ${whenLoaded(
          this.list,
          this.lang,
          ({ records }) =>
            records.length === 0
              ? html`<p class="note">${s.noAudit}</p>`
              : html`<table>
                  <thead>
                    <tr>
                      <th scope="col">${s.auditWhen}</th>
                      <th scope="col">${s.auditWho}</th>
                      <th scope="col">${s.auditWhat}</th>
                      <th scope="col">${s.colUnit}</th>
                      <th scope="col">${s.auditTarget}</th>
                      <th scope="col">${s.auditBefore}</th>
                      <th scope="col">${s.auditAfter}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${records.map(
                      (r) => html`<tr data-action=${r.action}>
                        <td>${dateTime(r.at, this.lang)}</td>
                        <td>${r.actor ? r.actor.name : s.commandLine}</td>
                        <td>${AUDIT_ACTION_NAMES[r.action][this.lang]}</td>
                        <td>${r.unit}</td>
                        <td><code>${r.target}</code></td>
                        <td class="changed">${fields(r.before)}</td>
                        <td class="changed">${fields(r.after)}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>`,
        )}
      </section>
    </div>`;
  }
}

customElements.get("hl-audit-page") ?? customElements.define("hl-audit-page", HlAuditPage);
