import { css, html, LitElement, type PropertyValues } from "lit";
import { encodeDraft } from "../../worker/domain/draft-token.ts";
import { ApiFailure } from "../api/client.ts";
import { createSurvey, previewApi, previewSurvey, publishSurveyVersion } from "../api/endpoints.ts";
import type { BankStatement, UnitRef, UsableSurvey } from "../api/types.ts";
import type { Lang } from "../i18n/strings.ts";
import { surveyStrings } from "../i18n/survey-strings.ts";
import { builtFrom, draftOf, moved, newBuilt, nextElement, type Built, type Step, type Text } from "../state/survey-steps.ts";
import { loadWidget } from "./load-widget.ts";
import { shared } from "./styles.ts";

/**
 * The builder of a unit's own survey: steps (SIPAS's elements and the unit's own), each
 * with statements from the SIPAS bank and the unit's own, in order; what else to ask; a
 * preview in the real widget; and publishing as a new version.
 */
export class HlSurveyBuilder extends LitElement {
  static override properties = {
    unit: { attribute: false },
    surveys: { attribute: false },
    bank: { attribute: false },
    lang: {},
    editing: { state: true },
    built: { state: true },
    preview: { state: true },
    message: { state: true },
    fields: { state: true },
  };
  declare unit: UnitRef;
  declare surveys: UsableSurvey[];
  declare bank: BankStatement[];
  declare lang: Lang;
  /** The own survey a new version is built for; "" for a new survey. */
  declare editing: string;
  declare built: Built;
  /** The preview token the widget shows, "" before the first preview. */
  declare preview: string;
  declare message: string;
  declare fields: Record<string, string>;

  static override styles = [
    shared,
    css`
      fieldset {
        border: 1px solid var(--hl-border);
        border-radius: 8px;
        margin: 0.75rem 0;
        padding: 0.5rem 0.85rem 0.85rem;
      }
      legend {
        font-weight: 600;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
        align-items: end;
      }
      .grow {
        flex: 1 1 14rem;
      }
      .grow input,
      .grow select {
        width: 100%;
      }
      ol {
        padding-left: 1.2rem;
      }
      li {
        margin: 0.4rem 0;
      }
      .tag {
        font-size: 0.75rem;
        border: 1px solid var(--hl-border);
        border-radius: 4px;
        padding: 0 0.3rem;
        margin-right: 0.3rem;
      }
      .preview {
        border: 2px dashed var(--hl-border);
        border-radius: 8px;
        padding: 0.75rem;
        margin-top: 0.75rem;
      }
      .error {
        color: var(--hl-danger, #b91c1c);
      }
    `,
  ];

  constructor() {
    super();
    this.editing = "";
    this.preview = "";
    this.message = "";
    this.fields = {};
  }

  private get own() {
    return this.surveys.filter((s) => s.owner.code === this.unit.code);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has("surveys") && !this.built) this.start(this.own[0]?.id ?? "");
  }

  /** Starts from the newest version of an own survey, or from SIPAS's steps for a new one. */
  private start(id: string) {
    this.editing = id;
    const bankIds = new Set(this.bank.map((b) => b.id));
    const sipas = this.surveys.find((s) => s.id === "sipas")!.versions[0]!.definition;
    const base = this.own.find((s) => s.id === id)?.versions[0]?.definition;
    this.built = base ? builtFrom(base, bankIds) : newBuilt(sipas);
    this.preview = "";
    this.fields = {};
  }

  private change(edit: (built: Built) => Built) {
    this.built = edit(this.built);
  }

  private changeStep(i: number, edit: (step: Step) => Step) {
    this.change((b) => ({ ...b, steps: b.steps.map((step, j) => (j === i ? edit(step) : step)) }));
  }

  private async showPreview() {
    const token = await encodeDraft({ ...(this.editing && { survey: this.editing }), draft: draftOf(this.built) });
    try {
      await previewSurvey(token, this.unit.code);
      loadWidget();
      this.preview = token;
      this.fields = {};
      this.message = "";
    } catch (err) {
      this.failed(err);
    }
  }

  private async publish() {
    const draft = draftOf(this.built);
    try {
      const { survey, version } = this.editing
        ? await publishSurveyVersion(this.unit.code, this.editing, draft)
        : await createSurvey(this.unit.code, draft);
      this.fields = {};
      this.message = surveyStrings(this.lang).surveyPublished(survey.id, version);
      this.editing = survey.id;
      this.built = builtFrom(survey.versions[0]!.definition, new Set(this.bank.map((b) => b.id)));
      this.dispatchEvent(new CustomEvent("hl-published", { bubbles: true, composed: true }));
    } catch (err) {
      this.failed(err);
    }
  }

  private failed(err: unknown) {
    this.message = err instanceof ApiFailure ? err.text(this.lang) : String(err);
    this.fields = err instanceof ApiFailure ? (err.fields ?? {}) : {};
  }

  override render() {
    const s = surveyStrings(this.lang);
    const b = this.built;
    return html`<section class="card" aria-labelledby="builder-title">
      <h2 id="builder-title">${s.surveyBuilder}</h2>
      <p class="summary">${s.surveyBuilderIntro}</p>
      <div class="row">
        <div class="grow">
          <label for="editing">${s.surveyEditing}</label>
          <select id="editing" @change=${(e: Event) => this.start((e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.editing}>${s.surveyNew}</option>
            ${this.own.map((x) => html`<option value=${x.id} ?selected=${x.id === this.editing}>${x.versions[0]!.definition.title[this.lang]} (${x.id})</option>`)}
          </select>
        </div>
      </div>
      ${this.textInputs("title", s.surveyName, b.title, (title) => this.change((x) => ({ ...x, title })))}
      ${b.steps.map((step, i) => this.step(step, i))}
      ${this.addStepForm()}
      <fieldset>
        <legend>${s.surveyExtras}</legend>
        ${(["askCaseCode", "askOfficial", "askComment"] as const).map(
          (key) => html`<label
            ><input type="checkbox" name=${key} .checked=${b[key]} @change=${(e: Event) => this.change((x) => ({ ...x, [key]: (e.target as HTMLInputElement).checked }))} />
            ${s.surveyAsk[key]}</label
          ><br />`,
        )}
      </fieldset>
      <div class="row">
        <button type="button" class="secondary" @click=${this.showPreview}>${s.surveyPreview}</button>
        <button type="button" @click=${this.publish}>${s.surveyPublish}</button>
      </div>
      <div role="status" class="note">
        ${this.message}
        ${Object.keys(this.fields).length
          ? html`<ul class="error">
              ${Object.entries(this.fields).map(([field, problem]) => html`<li><code>${field}</code>: ${problem}</li>`)}
            </ul>`
          : ""}
      </div>
      ${this.preview
        ? html`<div class="preview" aria-label=${s.surveyPreviewTitle} role="region">
            <p class="note">${s.surveyPreviewNote}</p>
            <hailong-survey unit=${this.unit.code} lang=${this.lang} api=${previewApi(this.preview)}></hailong-survey>
          </div>`
        : ""}
    </section>`;
  }

  /** Vietnamese (required) and English (optional) inputs for one text. */
  private textInputs(id: string, label: string, text: Text, set: (text: Text) => void, required = true) {
    const s = surveyStrings(this.lang);
    return html`<div class="row">
      <div class="grow">
        <label for="${id}-vi">${label} (${s.inVietnamese})</label>
        <input id="${id}-vi" ?required=${required} maxlength="300" .value=${text.vi} @input=${(e: Event) => set({ ...text, vi: (e.target as HTMLInputElement).value })} />
      </div>
      <div class="grow">
        <label for="${id}-en">${label} (${s.inEnglishOptional})</label>
        <input id="${id}-en" lang="en" maxlength="300" .value=${text.en} @input=${(e: Event) => set({ ...text, en: (e.target as HTMLInputElement).value })} />
      </div>
    </div>`;
  }

  private step(step: Step, i: number) {
    const s = surveyStrings(this.lang);
    const steps = this.built.steps;
    const unused = this.bank.filter((b) => b.element === step.element && !step.statements.some((x) => x.id === b.id));
    const id = `step-${step.element}`;
    const title = s.surveyStep(i + 1, step.name[this.lang] || step.name.vi);
    return html`<fieldset data-element=${step.element}>
      <legend>${title}</legend>
      <div class="row">
        <button type="button" class="secondary" aria-label=${`${s.moveUp}: ${title}`} ?disabled=${i === 0} @click=${() => this.change((b) => ({ ...b, steps: moved(b.steps, i, -1) }))}>${s.moveUp}</button>
        <button type="button" class="secondary" aria-label=${`${s.moveDown}: ${title}`} ?disabled=${i === steps.length - 1} @click=${() => this.change((b) => ({ ...b, steps: moved(b.steps, i, 1) }))}>${s.moveDown}</button>
        <button type="button" class="secondary" aria-label=${`${s.surveyRemoveStep}: ${title}`} @click=${() => this.change((b) => ({ ...b, steps: b.steps.filter((_, j) => j !== i) }))}>${s.surveyRemoveStep}</button>
      </div>
      ${step.element > 5 ? this.textInputs(`${id}-name`, s.surveyStepName, step.name, (name) => this.changeStep(i, (x) => ({ ...x, name }))) : ""}
      ${step.statements.length === 0
        ? html`<p class="note">${s.surveyNoStatements}</p>`
        : html`<ol>
            ${step.statements.map((st, k) => {
              const list = (edit: (l: Step["statements"]) => Step["statements"]) => this.changeStep(i, (x) => ({ ...x, statements: edit(x.statements) }));
              const named = (action: string) => `${action}: ${st.text[this.lang] || st.text.vi || s.surveyStatement}`;
              return html`<li data-statement=${st.id ?? "new"}>
                <span class="tag">${st.bank ? "SIPAS" : s.surveyOwnTag}</span>
                ${st.bank
                  ? st.text[this.lang]
                  : this.textInputs(`${id}-s${k}`, s.surveyStatement, st.text, (text) => list((l) => l.map((x, j) => (j === k ? { ...x, text } : x))))}
                <div class="row">
                  <button type="button" class="secondary" aria-label=${named(s.moveUp)} ?disabled=${k === 0} @click=${() => list((l) => moved(l, k, -1))}>${s.moveUp}</button>
                  <button type="button" class="secondary" aria-label=${named(s.moveDown)} ?disabled=${k === step.statements.length - 1} @click=${() => list((l) => moved(l, k, 1))}>
                    ${s.moveDown}
                  </button>
                  <button type="button" class="secondary" aria-label=${named(s.surveyRemove)} @click=${() => list((l) => l.filter((_, j) => j !== k))}>${s.surveyRemove}</button>
                </div>
              </li>`;
            })}
          </ol>`}
      <div class="row">
        ${unused.length
          ? html`<div class="grow">
                <label for="${id}-bank">${s.surveyFromBank}</label>
                <select id="${id}-bank">
                  ${unused.map((b) => html`<option value=${b.id}>${b.text[this.lang]}</option>`)}
                </select>
              </div>
              <button type="button" class="secondary" @click=${() => this.addBank(i, `${id}-bank`)}>${s.surveyAddFromBank}</button>`
          : ""}
        <button type="button" class="secondary" @click=${() => this.changeStep(i, (x) => ({ ...x, statements: [...x.statements, { bank: false, text: { vi: "", en: "" } }] }))}>
          ${s.surveyAddOwn}
        </button>
      </div>
    </fieldset>`;
  }

  private addBank(i: number, select: string) {
    const id = (this.renderRoot.querySelector(`#${select}`) as HTMLSelectElement | null)?.value;
    const statement = this.bank.find((b) => b.id === id);
    if (statement) this.changeStep(i, (x) => ({ ...x, statements: [...x.statements, { id: statement.id, bank: true, text: statement.text }] }));
  }

  private addStepForm() {
    const s = surveyStrings(this.lang);
    return html`<div class="row">
      <button
        type="button"
        class="secondary"
        @click=${() => this.change((b) => ({ ...b, steps: [...b.steps, { element: nextElement(b.steps), name: { vi: "", en: "" }, statements: [] }] }))}
      >
        ${s.surveyAddStep}
      </button>
    </div>`;
  }
}

customElements.get("hl-survey-builder") ?? customElements.define("hl-survey-builder", HlSurveyBuilder);

declare global {
  interface HTMLElementEventMap {
    "hl-published": CustomEvent<void>;
  }
}
