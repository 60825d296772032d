import { css, html, LitElement, type PropertyValues } from "lit";
import { ApiFailure } from "../api/client.ts";
import { chooseSurvey, statementBank, unitSurveys } from "../api/endpoints.ts";
import type { BankStatement, UnitDetail, UnitSurveys, UsableSurvey, User } from "../api/types.ts";
import "../components/hl-survey-builder.ts";
import { settle, whenLoaded, type Loaded } from "../components/loaded.ts";
import { shared } from "../components/styles.ts";
import { vnDay } from "../../worker/domain/vn-time.ts";
import { day } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { surveyStrings } from "../i18n/survey-strings.ts";
import type { ViewState } from "../state/view-state.ts";

/**
 * The survey of the scope's unit: which one it uses and whose choice that is, the choice
 * among the templates, its own and its ancestors' surveys, and the builder of its own.
 */
export class HlSurveysPage extends LitElement {
  static override properties = {
    state: { attribute: false },
    detail: { attribute: false },
    user: { attribute: false },
    lang: {},
    surveys: { state: true },
    bank: { state: true },
    message: { state: true },
  };
  declare state: ViewState;
  declare detail: UnitDetail;
  declare user: User;
  declare lang: Lang;
  declare surveys: Loaded<UnitSurveys>;
  declare bank: Loaded<{ statements: BankStatement[] }>;
  declare message: string;
  private loadedUnit = "";

  static override styles = [
    shared,
    css`
      form.choice {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
        align-items: end;
      }
      .versions {
        margin: 0.5rem 0 0;
        padding-left: 1.2rem;
      }
    `,
  ];

  constructor() {
    super();
    this.message = "";
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has("state") || this.state.unit === this.loadedUnit) return;
    this.loadedUnit = this.state.unit;
    this.message = "";
    this.surveys = undefined;
    this.reload();
    if (this.bank === undefined) void settle(statementBank()).then((bank) => (this.bank = bank));
  }

  /** Reads the unit's surveys again; what is shown stays until they arrive, the builder's work with it. */
  private reload() {
    const unit = this.loadedUnit;
    void settle(unitSurveys(unit)).then((value) => {
      if (unit === this.loadedUnit) this.surveys = value;
    });
  }

  private get editable() {
    return this.user.role !== "viewer";
  }

  private surveyTitle(survey: UsableSurvey | undefined, id: string) {
    return survey?.versions[0]?.definition.title[this.lang] ?? id;
  }

  private async choose(event: SubmitEvent) {
    event.preventDefault();
    const survey = String(new FormData(event.target as HTMLFormElement).get("survey"));
    try {
      this.surveys = await chooseSurvey(this.loadedUnit, survey);
      this.message = strings(this.lang).saved;
    } catch (err) {
      this.message = err instanceof ApiFailure ? err.text(this.lang) : String(err);
    }
  }

  override render() {
    const s = surveyStrings(this.lang);
    const unit = this.detail.unit;
    return html`<section class="card" aria-labelledby="survey-title">
        <h2 id="survey-title">${s.surveyTitle}</h2>
        <p class="summary">${s.surveyIntro(`${unit.name} (${unit.code})`)}</p>
        ${whenLoaded(this.surveys, this.lang, (list) => this.choice(list))}
        <p role="status" class="note">${this.message}</p>
      </section>
      ${this.editable
        ? whenLoaded(this.surveys, this.lang, (list) =>
            whenLoaded(
              this.bank,
              this.lang,
              ({ statements }) =>
                html`<hl-survey-builder
                  .unit=${unit}
                  .surveys=${list.surveys}
                  .bank=${statements}
                  .lang=${this.lang}
                  @hl-published=${() => this.reload()}
                ></hl-survey-builder>`,
            ),
          )
        : ""}`;
  }

  private choice(list: UnitSurveys) {
    const s = surveyStrings(this.lang);
    const used = list.surveys.find((x) => x.id === list.choice.survey);
    const from = list.choice.from;
    const whose = !from ? s.surveyNationalDefault : from.code === list.unit ? s.surveyOwnChoice : s.surveyInheritedFrom(from.name);
    return html`<p data-field="uses">
        <strong>${s.surveyUses}:</strong> ${this.surveyTitle(used, list.choice.survey)} (<code>${list.choice.survey}</code>, ${s.surveyVersion(used?.versions[0]?.version ?? 1)}) · ${whose}
      </p>
      ${this.editable
        ? html`<form class="choice" @submit=${this.choose}>
            <div>
              <label for="survey-choice">${s.surveyChoose}</label>
              <select id="survey-choice" name="survey">
                <option value="inherit" ?selected=${from?.code !== list.unit}>${s.surveyInherit}</option>
                ${list.surveys.map(
                  (x) => html`<option value=${x.id} ?selected=${from?.code === list.unit && x.id === list.choice.survey}>
                    ${this.surveyTitle(x, x.id)} (${x.id}) · ${x.owner.name}
                  </option>`,
                )}
              </select>
            </div>
            <button type="submit">${s.surveyApply}</button>
          </form>`
        : html`<p class="note">${strings(this.lang).readOnly}</p>`}
      <details>
        <summary>${s.surveyAll(list.surveys.length)}</summary>
        <ul class="versions">
          ${list.surveys.map(
            (x) => html`<li>
              ${this.surveyTitle(x, x.id)} (<code>${x.id}</code>, ${x.owner.name}):
              ${x.versions.map((v) => `${s.surveyVersion(v.version)} ${day(vnDay(new Date(v.publishedAt)), this.lang)}`).join(" · ")}
            </li>`,
          )}
        </ul>
      </details>`;
  }
}

customElements.get("hl-surveys-page") ?? customElements.define("hl-surveys-page", HlSurveysPage);
