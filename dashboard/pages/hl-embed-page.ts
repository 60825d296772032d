import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { keyed } from "lit/directives/keyed.js";
import { encodeDraft } from "../../worker/domain/draft-token.ts";
import type { SurveyDraft } from "../../worker/domain/survey-draft.ts";
import type { SurveyDefinition } from "../../worker/domain/survey.ts";
import { SIPAS } from "../../worker/domain/templates.ts";
import { childOf } from "../../worker/domain/unit-children.ts";
import { ApiFailure } from "../api/client.ts";
import { desks, origins, previewApi, saveOrigins, unitSurveys } from "../api/endpoints.ts";
import type { ManagedUnit, UnitDetail, UnitSurveys, User } from "../api/types.ts";
import "../components/hl-kiosks-panel.ts";
import { settle, whenLoaded, type Loaded } from "../components/loaded.ts";
import { loadWidget } from "../components/load-widget.ts";
import { shared } from "../components/styles.ts";
import { embedStrings } from "../i18n/embed-strings.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { builtFrom, draftOf } from "../state/survey-steps.ts";
import type { ViewState } from "../state/view-state.ts";

const MODES = ["inline", "button", "kiosk"] as const;
const LANGS = ["vi", "en"] as const;
type Origins = { origins: string[]; inherited: string[] };

/** What the editor chose: `survey` "" is the unit's own choice (no attribute), `accent` "" the widget's own colours. */
export interface EmbedChoice {
  unit: string;
  survey: string;
  lang: Lang;
  mode: (typeof MODES)[number];
  accent: string;
}

/** Black or white, whichever contrasts more with a #rrggbb colour (WCAG relative luminance): the text on the accent stays legible. */
function textOn(hex: string): "#000" | "#fff" {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? "#000" : "#fff";
}

/** The widget's custom properties an accent sets. */
const accentProperties = (accent: string): [string, string][] =>
  accent ? [["--hailong-accent", accent], ["--hailong-on-accent", textOn(accent)]] : [];

/**
 * What a ward portal pastes for these choices. The colours are a CSS rule rather than a
 * style attribute, since a page whose CSP forbids inline CSS can move a rule into its own file.
 */
export function snippet(origin: string, choice: EmbedChoice): string {
  const attributes = [`unit="${choice.unit}"`, choice.survey && `survey="${choice.survey}"`, `lang="${choice.lang}"`, `mode="${choice.mode}"`];
  const colours = accentProperties(choice.accent).map(([name, value]) => `${name}: ${value};`);
  const rule = colours.length ? `<style>hailong-survey { ${colours.join(" ")} }</style>\n` : "";
  return `<script src="${origin}/widget.js" defer></script>\n${rule}<hailong-survey ${attributes.filter(Boolean).join(" ")}></hailong-survey>`;
}

const SIPAS_IDS: ReadonlySet<string> = new Set(SIPAS.statements.map((s) => s.id));

/** A published version as the draft a survey preview takes, its wording kept whole, so the preview shows it as published. */
function draftOfVersion(definition: SurveyDefinition): SurveyDraft {
  return { ...draftOf(builtFrom(definition, SIPAS_IDS)), overall: definition.overall, reasonPrompt: definition.reasonPrompt };
}

/**
 * The embed snippet for the scope's unit or a desk or official below it, built from the
 * editor's choices, with the real widget previewing it; the origins allowed to embed it; its
 * kiosks. The preview reads and answers a survey preview (the published version as a draft),
 * exactly as the survey builder's does: its answers are checked and never stored.
 */
export class HlEmbedPage extends LitElement {
  static override properties = {
    state: { attribute: false },
    detail: { attribute: false },
    user: { attribute: false },
    lang: {},
    allowed: { state: true },
    below: { state: true },
    surveys: { state: true },
    choice: { state: true },
    preview: { state: true },
    copied: { state: true },
    saving: { state: true },
    message: { state: true },
  };
  declare state: ViewState;
  declare detail: UnitDetail;
  declare user: User;
  declare lang: Lang;
  declare allowed: Loaded<Origins>;
  /** The open desks and officials below the scope's unit. */
  declare below: Loaded<ManagedUnit[]>;
  /** The surveys the chosen unit may use, and its choice. */
  declare surveys: Loaded<UnitSurveys>;
  declare choice: EmbedChoice;
  /** The survey preview token the widget shows, "" until it is made. */
  declare preview: string;
  declare copied: boolean;
  declare saving: boolean;
  declare message: string;
  private loadedUnit = "";
  /** The colour last picked, kept while the widget's own colours are chosen. */
  private picked = "#0b57d0";

  static override styles = [
    shared,
    css`
      .choices {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
        gap: 0.75rem 1rem;
        margin: 0.75rem 0 1rem;
        align-items: start;
      }
      .choices select {
        width: 100%;
      }
      fieldset {
        border: 1px solid var(--hl-border);
        border-radius: 8px;
        margin: 0;
        padding: 0.4rem 0.75rem 0.6rem;
      }
      legend {
        font-size: 0.8rem;
        font-weight: 600;
        color: var(--hl-muted);
      }
      fieldset label {
        font-weight: 400;
        color: var(--hl-text);
        font-size: 0.875rem;
        display: flex;
        gap: 0.5rem;
        align-items: start;
        margin: 0.4rem 0;
      }
      fieldset input {
        min-height: 0;
        margin: 0.2rem 0 0;
      }
      input[type="color"] {
        padding: 0.1rem;
        width: 4rem;
      }
      pre {
        background: #0f172a;
        color: #e2e8f0;
        padding: 0.75rem;
        border-radius: 8px;
        overflow-x: auto;
        font-size: 0.8rem;
        white-space: pre-wrap;
        word-break: break-all;
      }
      .preview {
        border: 2px dashed var(--hl-border);
        border-radius: 8px;
        padding: 0.75rem;
        margin-top: 0.75rem;
        min-height: 9rem;
        /* The floating button of mode="button" sits in the preview's corner, not the dashboard's. */
        contain: layout;
      }
      textarea {
        width: 100%;
        min-height: 7rem;
        font-family: ui-monospace, monospace;
      }
      ul {
        margin: 0.25rem 0;
        padding-left: 1.2rem;
      }
      .stack {
        display: grid;
        gap: 1rem;
      }
      .row {
        display: flex;
        gap: 0.75rem;
        align-items: center;
        margin-top: 0.5rem;
      }
    `,
  ];

  constructor() {
    super();
    this.preview = "";
    this.copied = false;
    this.saving = false;
    this.message = "";
  }

  private get editable() {
    return this.user.role !== "viewer";
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has("state") || this.state.unit === this.loadedUnit) return;
    const unit = (this.loadedUnit = this.state.unit);
    this.allowed = this.below = undefined;
    this.message = "";
    this.choice = { unit, survey: "", lang: "vi", mode: "inline", accent: "" };
    void settle(origins(unit)).then((value) => {
      if (unit === this.loadedUnit) this.allowed = value;
    });
    const managed = childOf(this.detail.unit.kind) ? desks(unit).then(({ units }) => openBelow(unit, units)) : Promise.resolve([]);
    void settle(managed).then((value) => {
      if (unit === this.loadedUnit) this.below = value;
    });
    this.loadSurveys();
  }

  /** Shows the chosen unit's widget in the preview, with its embedded colours (CSSOM: the dashboard's CSP forbids style attributes). */
  protected override updated() {
    const widget = this.renderRoot.querySelector<HTMLElement>(".preview hailong-survey");
    for (const [name, value] of accentProperties(this.choice.accent)) widget?.style.setProperty(name, value);
  }

  private choose(change: Partial<EmbedChoice>) {
    const before = this.choice;
    this.choice = { ...before, ...change };
    this.copied = false;
    if (this.choice.unit !== before.unit) this.loadSurveys();
    else if (this.choice.survey !== before.survey) void this.makePreview();
  }

  /** The chosen unit's surveys; a survey it may not use is dropped from the choice. */
  private loadSurveys() {
    const unit = this.choice.unit;
    this.surveys = undefined;
    this.preview = "";
    void settle(unitSurveys(unit)).then((value) => {
      if (unit !== this.choice.unit) return;
      this.surveys = value;
      if (!(value instanceof ApiFailure) && !value.surveys.some((s) => s.id === this.choice.survey)) this.choice = { ...this.choice, survey: "" };
      void this.makePreview();
    });
  }

  private async makePreview() {
    const list = this.surveys;
    if (!this.editable || !list || list instanceof ApiFailure) return;
    const { unit, survey } = this.choice;
    const id = survey || list.choice.survey;
    const definition = list.surveys.find((s) => s.id === id)?.versions[0]?.definition;
    if (!definition) return;
    const token = await encodeDraft({ survey: id, draft: draftOfVersion(definition) });
    if (unit !== this.choice.unit || survey !== this.choice.survey) return;
    loadWidget();
    this.preview = token;
  }

  private async copy(text: string) {
    await navigator.clipboard.writeText(text);
    this.copied = true;
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const text = String(new FormData(event.target as HTMLFormElement).get("origins") ?? "");
    const list = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    this.saving = true;
    try {
      this.allowed = await saveOrigins(this.state.unit, list);
      this.message = strings(this.lang).saved;
    } catch (err) {
      this.message = this.problem(err, list);
    } finally {
      this.saving = false;
    }
  }

  /** Names the entries the API refused ("origins.1" is the second line), else its own words. */
  private problem(err: unknown, list: string[]): string {
    if (!(err instanceof ApiFailure)) return String(err);
    const bad = Object.keys(err.fields ?? {}).flatMap((key) => list[Number(key.split(".")[1])] ?? []);
    return bad.length > 0 ? strings(this.lang).invalidOrigins(bad.join(", ")) : err.text(this.lang);
  }

  override render() {
    const s = strings(this.lang);
    const e = embedStrings(this.lang);
    const unit = this.detail.unit;
    const code = snippet(location.origin, this.choice);
    return html`<div class="stack">
      <section class="card" aria-labelledby="embed-title">
        <h2 id="embed-title">${s.embedTitle}</h2>
        <p class="summary">${s.embedIntro(`${unit.name} (${unit.code})`)}</p>
        <h3>${e.embedChoices}</h3>
        ${whenLoaded(this.below, this.lang, (below) => this.choices([unit, ...below]))}
        <h3>${e.embedSnippet}</h3>
        <pre><code data-snippet>${code}</code></pre>
        <div class="row">
          <button type="button" class="secondary" @click=${() => this.copy(code)}>${this.copied ? s.copied : s.copy}</button>
        </div>
        ${this.choice.accent ? html`<p class="note">${e.embedStyleNote}</p>` : ""}
        <h3>${e.embedPreview}</h3>
        ${this.editable ? this.previewOf(code) : html`<p class="note">${e.embedPreviewEditors}</p>`}
      </section>
      <section class="card" aria-labelledby="origins-title">
        <h2 id="origins-title">${s.originsTitle}</h2>
        <p class="summary">${s.originsIntro}</p>
        <p class="summary" data-loopback>${e.embedLoopback}</p>
        ${whenLoaded(
          this.allowed,
          this.lang,
          (o) => html`<h3>${s.inheritedOrigins}</h3>
            ${o.inherited.length ? html`<ul>${o.inherited.map((x) => html`<li><code>${x}</code></li>`)}</ul>` : html`<p class="note">${s.noOrigins}</p>`}
            ${this.editable
              ? html`<form @submit=${this.save}>
                  <label for="origins">${s.originsLabel}</label>
                  <textarea id="origins" name="origins" spellcheck="false" .value=${o.origins.join("\n")}></textarea>
                  <div class="row">
                    <button type="submit" ?disabled=${this.saving}>${this.saving ? s.saving : s.save}</button>
                    <span role="status" class="note">${this.message}</span>
                  </div>
                </form>`
              : html`<h3>${s.originsTitle}</h3>
                  ${o.origins.length ? html`<ul>${o.origins.map((x) => html`<li><code>${x}</code></li>`)}</ul>` : html`<p class="note">${s.noOrigins}</p>`}
                  <p class="note">${s.readOnly}</p>`}`,
        )}
      </section>
      <hl-kiosks-panel .unit=${unit.code} ?editable=${this.editable} .lang=${this.lang}></hl-kiosks-panel>
    </div>`;
  }

  private choices(units: { code: string; name: string }[]) {
    const s = strings(this.lang);
    const e = embedStrings(this.lang);
    const c = this.choice;
    const value = (event: Event) => (event.target as HTMLInputElement | HTMLSelectElement).value;
    const surveys = this.surveys instanceof ApiFailure ? undefined : this.surveys;
    const title = (id: string) => surveys?.surveys.find((x) => x.id === id)?.versions[0]?.definition.title[this.lang] ?? id;
    return html`<div class="choices">
      <div>
        <label for="embed-unit">${e.embedUnit}</label>
        <select id="embed-unit" @change=${(event: Event) => this.choose({ unit: value(event) })}>
          ${units.map((u) => html`<option value=${u.code} ?selected=${u.code === c.unit}>${u.name} (${u.code})</option>`)}
        </select>
      </div>
      <div>
        <label for="embed-survey">${e.embedSurvey}</label>
        <select id="embed-survey" ?disabled=${!surveys} @change=${(event: Event) => this.choose({ survey: value(event) })}>
          ${surveys
            ? html`<option value="" ?selected=${!c.survey}>${e.embedUnitChoice(`${title(surveys.choice.survey)} (${surveys.choice.survey})`)}</option>
                ${surveys.surveys.map((x) => html`<option value=${x.id} ?selected=${x.id === c.survey}>${title(x.id)} (${x.id})</option>`)}`
            : html`<option>${this.surveys ? "" : s.loading}</option>`}
        </select>
        ${this.surveys instanceof ApiFailure ? html`<p class="error" role="alert">${this.surveys.text(this.lang)}</p>` : ""}
      </div>
    </div>
    <div class="choices">
      <fieldset>
        <legend>${e.embedLang}</legend>
        ${LANGS.map(
          (lang) => html`<label><input type="radio" name="embed-lang" value=${lang} .checked=${c.lang === lang} @change=${() => this.choose({ lang })} />${e.embedLangs[lang]}</label>`,
        )}
      </fieldset>
      <fieldset>
        <legend>${e.embedMode}</legend>
        ${MODES.map((mode) => {
          const [name, about] = s.modes[mode]!;
          return html`<label
            ><input type="radio" name="embed-mode" value=${mode} .checked=${c.mode === mode} @change=${() => this.choose({ mode })} /><span
              >${name}<br /><span class="note">${about}</span></span
            ></label
          >`;
        })}
      </fieldset>
      <fieldset>
        <legend>${e.embedAccent}</legend>
        <label
          ><input type="checkbox" .checked=${!!c.accent} @change=${(event: Event) => this.choose({ accent: (event.target as HTMLInputElement).checked ? this.picked : "" })} />${e.embedOwnAccent}</label
        >
        <label
          ><input
            type="color"
            id="embed-accent"
            .value=${c.accent || this.picked}
            ?disabled=${!c.accent}
            @input=${(event: Event) => this.choose({ accent: (this.picked = value(event)) })}
          />${e.embedPickAccent}</label
        >
      </fieldset>
    </div>`;
  }

  private previewOf(code: string) {
    const e = embedStrings(this.lang);
    const c = this.choice;
    return html`<div class="preview" role="region" aria-label=${e.embedPreview}>
      <p class="note">${e.embedPreviewNote}</p>
      ${this.preview
        ? keyed(
            code,
            html`<hailong-survey unit=${c.unit} survey=${c.survey || nothing} lang=${c.lang} mode=${c.mode} api=${previewApi(this.preview)}></hailong-survey>`,
          )
        : ""}
    </div>`;
  }
}

/** The open desks of a unit and the open officials at them (the API lists a province's whole subtree). */
function openBelow(unit: string, units: ManagedUnit[]): ManagedUnit[] {
  const open = units.filter((u) => !u.validTo);
  const desks = new Set(open.filter((u) => u.parent === unit).map((u) => u.code));
  return open.filter((u) => u.parent === unit || desks.has(u.parent!));
}

customElements.get("hl-embed-page") ?? customElements.define("hl-embed-page", HlEmbedPage);
