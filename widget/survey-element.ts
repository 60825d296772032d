import { html, nothing } from "lit/html.js";
import { maskPersonalNumbers } from "../worker/domain/mask.ts";
import { newReceipt } from "../worker/domain/receipt.ts";
import { printedAddress, receiptFollowUrl } from "../worker/domain/survey-page.ts";
import { NOT_SATISFIED, OVERALL, type ScaleSize } from "../worker/domain/scales.ts";
import type { Submission } from "../worker/domain/submission.ts";
import type { PublicSurvey } from "../worker/domain/survey.ts";
import type { Lang } from "../worker/domain/text.ts";
import { fetchSurvey } from "./api.ts";
import { chunk } from "./chunks.ts";
import { RenderedElement } from "./element.ts";
import { newId, onOutcome, submit, type Outcome } from "./outbox.ts";
import { vi, type Strings } from "./strings.ts";
import sheet from "./styles.css";
import { prepare, slots } from "./turnstile-token.ts";

/** The element's tag name. */
export const TAG = "hailong-survey";

const KIOSK_RESET_MS = 10_000;
/** Long enough to copy a receipt code from the kiosk's screen. */
const KIOSK_RECEIPT_RESET_MS = 45_000;
/** A kiosk survey left half-answered is cleared after this long untouched, for the next citizen. */
const KIOSK_IDLE_MS = 90_000;
/** How long "Gửi" waits for the server before thanking anyway: the answer stays queued. */
const PATIENCE_MS = 5_000;

/** Why no survey shows: the network (worth a retry), the attributes (see the console), or a unit that has closed. */
type Failure = "loadFailed" | "unavailable" | "closed";

/** What a reload keeps of a survey in progress: step, levels, then the texts (masked) and the official. */
type Draft = [number, Record<string, number>, string, string, string, string];

const valueOf = (e: Event) => (e.target as HTMLInputElement).value;

/** The widget's texts by language: English joins when a widget asks for it, or a page that carries it (widget/page/widget.ts). */
export const STRINGS: Partial<Record<Lang, Strings>> = { vi };

/** Fetches the English texts (a chunk: most pages are Vietnamese); Vietnamese stays if that fails. */
async function english() {
  try {
    STRINGS.en ??= (await chunk<typeof import("./strings-en.ts")>("widget-en.js")).en;
  } catch {
    // offline or blocked: the survey shows in Vietnamese
  }
}

/**
 * `<hailong-survey unit="14329">`: a unit's satisfaction survey, embeddable in any page.
 * The overall 3-level question (with the reason on "Không hài lòng") is all it takes to
 * send; the survey's 5-level statements, one element per step, and the optional extras
 * follow only for a citizen who chooses to say more. Answers go through the outbox, so
 * none is lost when the network is not there.
 */
export class HailongSurvey extends RenderedElement {
  /** The API's origin when there is no `api` attribute: where the embed script came from. */
  static defaultApi = location.origin;

  static override reactive = {
    unit: "unit",
    survey: "survey",
    lang: "lang",
    mode: "mode",
    caseCode: "case-code",
    official: "official",
    api: "api",
    preloaded: null,
    data: null,
    failure: null,
    step: null,
    answers: null,
    busy: null,
    done: null,
    notice: null,
  };

  /** The unit's code in the official list, e.g. "14329"; required. */
  declare unit?: string | null;
  /** A survey id other than the unit's default, e.g. "sipas". */
  declare survey?: string | null;
  /** "vi" (default) or "en" (HTMLElement's own `lang`, made reactive). */
  declare lang: string;
  /** "inline" (default), "button" (a floating button opening a dialog), "kiosk", or "page" (a hosted page's full screen). */
  declare mode?: string | null;
  /** The case ("mã hồ sơ") being rated, when the page knows it. */
  declare caseCode?: string | null;
  /** The official being rated, when the page knows it. */
  declare official?: string | null;
  /** The API's origin, e.g. "https://hailong.example.vn". */
  declare api?: string | null;
  /**
   * The survey as `GET /api/v1/units/:code/survey` gives it, when the page already has it (a
   * property, not an attribute): used instead of fetching when it is the unit's (and the survey's, if set).
   */
  declare preloaded?: PublicSurvey | null;

  declare private data: PublicSurvey | undefined;
  declare private failure: Failure | undefined;
  declare private step: number;
  declare private answers: Record<string, number>;
  declare private busy: boolean;
  declare private done: "" | "sent" | "queued";
  declare private notice: string;

  // Typed text is kept here as it changes; the fields show it again when re-rendered.
  #reason = "";
  #comment = "";
  #code = "";
  #who = "";
  #trap = "";
  #sentId = "";
  /** The code this citizen follows their reason or comment with, once sent. */
  #receipt: string | undefined;
  /** What the API said, for the site's editor, when the survey cannot show here. */
  #why = "";
  #loads = 0;
  /** When this citizen's survey was first shown: the server's hint of how long they took. */
  #shown = 0;
  /** An enrolled kiosk's token (kiosk mode only). */
  #device: string | undefined;
  /** A kiosk's thanks screen texts, from its chunk (kiosk mode only). */
  #screen: typeof import("./kiosk-chunk.ts").SCREEN.vi | undefined;
  #focusStart = false;
  #patience: ReturnType<typeof setTimeout> | undefined;
  #resetTimer: ReturnType<typeof setTimeout> | undefined;
  #unlisten: (() => void) | undefined;

  constructor() {
    super(sheet);
    this.#restart(false); // empty, as for each new citizen
  }

  get #language(): Lang {
    return this.lang === "en" && STRINGS.en ? "en" : "vi";
  }

  get #t(): Strings {
    return STRINGS[this.#language]!;
  }

  get #kind() {
    return this.mode === "button" || this.mode === "kiosk" || this.mode === "page" ? this.mode : "inline";
  }

  get #base() {
    return (this.api || HailongSurvey.defaultApi).replace(/\/+$/, "");
  }

  /** Where a survey in progress is kept for the visit: per unit and survey version. */
  get #draftKey() {
    const d = this.data!;
    return `hailong-draft:${d.unit.code}:${d.survey}:${d.version}`;
  }

  override connectedCallback() {
    super.connectedCallback();
    slots.add(this.#slot);
    this.#unlisten = onOutcome(this.#settle);
    addEventListener("online", this.#reload);
  }

  disconnectedCallback() {
    slots.delete(this.#slot);
    this.#unlisten?.();
    removeEventListener("online", this.#reload);
    clearTimeout(this.#patience);
    clearTimeout(this.#resetTimer);
  }

  protected override willUpdate(changed: Set<string>) {
    if (!this.#loads || ["unit", "survey", "api", "lang", "preloaded"].some((name) => changed.has(name))) void this.#load();
  }

  protected override updated() {
    this.#keep();
    if (!this.#focusStart) return;
    this.#focusStart = false;
    this.renderRoot.querySelector<HTMLElement>("#start")?.focus();
  }

  async #load() {
    const ticket = ++this.#loads;
    this.data = this.failure = undefined;
    this.#why = "";
    this.#restart(false);
    const unit = this.unit?.trim();
    if (!unit) {
      this.failure = "unavailable";
      console.error(`<${TAG}>: the required attribute unit is missing`);
      return;
    }
    const given = this.preloaded;
    const survey = given?.unit.code === unit && (!this.survey || given.survey === this.survey) ? given : fetchSurvey(this.#base, unit, this.survey ?? undefined);
    // The survey shows once its texts are there too: no flash of Vietnamese on an English page.
    const [result] = await Promise.all([survey, this.lang === "en" && english()]);
    if (ticket !== this.#loads) return;
    if (!result) this.failure = "loadFailed";
    else if ("code" in result) {
      const bySurvey = result.code === "unknown_survey" || !!result.fields?.survey;
      console.error(`<${TAG} ${bySurvey ? `survey="${this.survey}"` : `unit="${unit}"`}>: ${result.message}\n${result.messageVi}`);
      this.failure = result.code === "unit_closed" ? "closed" : "unavailable";
      // Only the site's editor can act on this one: the page's address is not allowed for the unit.
      if (result.code === "origin_not_allowed") this.#why = this.#language === "vi" ? result.messageVi : result.message;
    } else {
      this.data = result;
      this.#resume();
    }
    if (this.#kind === "kiosk") {
      void chunk<typeof import("./kiosk-chunk.ts")>("widget-kiosk.js")
        .then((k) => {
          this.#screen = k.SCREEN[this.#language];
          this.requestUpdate();
          return k.kiosk(this.#base, this.#language);
        })
        .then(({ token, notice }) => {
          this.#device = token;
          if (notice) this.notice = notice;
        }, () => {});
    }
  }

  #reload = () => {
    if (this.failure === "loadFailed") void this.#load();
  };

  /** Back to the first question, empty, for the next citizen. */
  #restart(focus = true) {
    clearTimeout(this.#resetTimer);
    clearTimeout(this.#patience);
    this.step = 0;
    this.answers = {};
    this.#reason = this.#comment = this.#trap = this.#sentId = "";
    this.#receipt = undefined;
    this.#code = this.caseCode ?? "";
    this.#who = this.official ?? "";
    this.busy = false;
    this.done = "";
    this.notice = "";
    this.#focusStart = focus;
    this.#shown = Date.now();
  }

  /**
   * Keeps the survey in progress for the visit (sessionStorage), so that a reload loses
   * nothing, and forgets it once sent. Its texts are masked as the outbox masks them: nothing
   * personal is kept that the outbox would not keep. A kiosk keeps nothing: its next citizen
   * must not find the last one's answers.
   */
  #keep = () => {
    if (!this.data || this.#kind === "kiosk") return;
    const draft: Draft = [this.step, this.answers, maskPersonalNumbers(this.#reason), maskPersonalNumbers(this.#comment), this.#code, this.#who];
    try {
      if (this.done) sessionStorage.removeItem(this.#draftKey);
      else sessionStorage.setItem(this.#draftKey, JSON.stringify(draft));
    } catch {
      // no storage here: a reload starts over
    }
  };

  /** Takes up a survey this visit left in progress (see #keep). */
  #resume() {
    try {
      const draft = JSON.parse(sessionStorage.getItem(this.#draftKey)!) as Draft | null;
      if (draft) [this.step, this.answers, this.#reason, this.#comment, this.#code, this.#who] = draft;
    } catch {
      // none, or unreadable: start empty
    }
  }

  #steps(d: PublicSurvey) {
    return 1 + d.steps.length + (this.#extras(d).length ? 1 : 0);
  }

  /** The optional fields of the last step, as the survey asks for them. */
  #extras(d: PublicSurvey) {
    return [d.ask.caseCode, d.ask.official && d.officials.length > 0, d.ask.comment].filter(Boolean);
  }

  #go(step: number) {
    this.step = step;
    this.notice = "";
    this.#focusStart = true;
  }

  /** "Gửi", whatever the step: only the overall question is needed. */
  #submit(e: Event, d: PublicSurvey) {
    e.preventDefault();
    if (this.busy) return;
    if (this.answers[OVERALL]) return this.#send(d);
    if (this.step) this.#go(0);
    else this.renderRoot.querySelector("input")?.focus();
    this.notice = this.#t.chooseOverall;
  }

  /**
   * Enter on an option moves on to the step's next unanswered statement, so that none is
   * skipped unseen; once all are answered, to the next step, or sends from the last (or the first).
   */
  #enter(e: KeyboardEvent, d: PublicSurvey) {
    if (e.key !== "Enter" || (e.target as HTMLInputElement).type !== "radio") return;
    e.preventDefault();
    const open = this.step ? [...this.renderRoot.querySelectorAll("fieldset")].find((f) => !f.querySelector(":checked")) : undefined;
    if (open) open.querySelector("input")!.focus();
    else if (this.step && this.step < this.#steps(d) - 1) this.#go(this.step + 1);
    else this.#submit(e, d);
  }

  #send(d: PublicSurvey) {
    const text = (s: string) => s.trim() || undefined;
    const reason = this.answers[OVERALL] === NOT_SATISFIED ? text(this.#reason) : undefined;
    const comment = d.ask.comment ? text(this.#comment) : undefined;
    const body: Submission = {
      id: newId(),
      unit: d.unit.code,
      survey: d.survey,
      version: d.version,
      answers: this.answers,
      reason,
      comment,
      // Made here, so that the thanks can show it even while the answer waits offline.
      receipt: reason || comment ? newReceipt() : undefined,
      caseCode: d.ask.caseCode ? text(this.#code) : undefined,
      official: d.ask.official ? this.#who || undefined : undefined,
      channel: this.#kind === "kiosk" ? "kiosk" : this.#kind === "page" ? "qr" : "web",
      lang: this.#language,
      answeredAt: new Date().toISOString(),
      durationMs: Date.now() - this.#shown,
      device: this.#device,
      website: this.#trap || undefined,
    };
    this.#sentId = body.id;
    this.#receipt = body.receipt;
    this.busy = true;
    this.notice = "";
    this.#patience = setTimeout(() => this.#settle(body.id, { kind: "kept" }), PATIENCE_MS);
    void submit(`${this.#base}/api/v1/responses`, body, d.turnstile).then((outcome) => this.#settle(body.id, outcome));
  }

  /** Shows how an attempt ended: for this citizen's answers, or for ones queued earlier. */
  #settle = (id: string, outcome: Outcome) => {
    const own = id === this.#sentId;
    if (outcome.kind === "refused") {
      const why = this.#language === "vi" ? outcome.problem.messageVi : outcome.problem.message;
      if (own) {
        clearTimeout(this.#patience);
        clearTimeout(this.#resetTimer);
        this.busy = false;
        this.#sentId = "";
        if (this.done) this.#focusStart = true;
        this.done = "";
      }
      this.notice = (own ? this.#t.refused : this.#t.earlierRefused) + why;
      return;
    }
    if (!own) return;
    clearTimeout(this.#patience);
    this.busy = false;
    if (!this.done) {
      this.#focusStart = true;
      if (this.#kind === "kiosk") this.#later(this.#resetMs);
    }
    this.done = outcome.kind === "delivered" ? "sent" : this.done || "queued";
  };

  /** How long a kiosk's thanks screen stays: longer when it shows a receipt to copy. */
  get #resetMs() {
    return this.#receipt ? KIOSK_RECEIPT_RESET_MS : KIOSK_RESET_MS;
  }

  /** Starts the kiosk over after `ms` (replacing any earlier plan). */
  #later(ms: number) {
    clearTimeout(this.#resetTimer);
    this.#resetTimer = setTimeout(() => this.#restart(), ms);
  }

  /** Where a Turnstile check renders (turnstile-token.ts): in the card, so also in the dialog. */
  #slot = () => this.renderRoot.querySelector(".ts");

  /**
   * The first touch loads Turnstile for a unit that requires it (not the page load: most
   * visitors never answer). Any touch on a kiosk survey in progress postpones its idle reset.
   * Typed text is kept for the visit as it changes.
   */
  #touched = () => {
    if (this.data?.turnstile) prepare(this.data.turnstile);
    if (this.#kind === "kiosk" && !this.done) this.#later(KIOSK_IDLE_MS);
    this.#keep();
  };

  #openDialog() {
    if (this.done) this.#restart(false);
    this.renderRoot.querySelector("dialog")?.showModal();
  }

  #closeDialog() {
    this.renderRoot.querySelector("dialog")?.close();
  }

  #dialogClosed() {
    this.renderRoot.querySelector<HTMLElement>(".launcher")?.focus();
  }

  protected override render() {
    const t = this.#t;
    const card = html`<section class="card" part="panel" aria-label=${this.data?.title[this.#language] ?? t.open}>
      ${this.data ? this.#renderSurvey(this.data) : this.#renderStatus()}
      <div class="ts"></div>
    </section>`;
    return html`<div class="root ${this.#kind}" lang=${this.#language} @input=${this.#touched} @click=${this.#touched}>
      ${this.#kind === "button"
        ? html`<button class="launcher" part="launcher" aria-haspopup="dialog" @click=${this.#openDialog}>${t.open}</button>
            <dialog part="dialog" aria-label=${t.open} @close=${this.#dialogClosed}>${card}</dialog>`
        : card}
    </div>`;
  }

  #renderStatus() {
    const t = this.#t;
    const { failure } = this;
    return html`<p class=${failure ? "alert" : "muted"} role="status">${failure ? t[failure] : t.loading}</p>
      ${this.#why ? html`<p class="muted">${t.editor}${this.#why}</p>` : nothing}
      ${failure === "loadFailed" ? html`<button @click=${this.#load}>${t.retry}</button>` : nothing}
      ${this.#kind === "button" ? this.#closeButton() : nothing}`;
  }

  #closeButton() {
    return html`<button type="button" @click=${this.#closeDialog}>${this.#t.close}</button>`;
  }

  #renderSurvey(d: PublicSurvey) {
    const t = this.#t;
    const { done, step } = this;
    const l = this.#language;
    const more = this.#steps(d) - 1;
    return html`<div class="head">
        <div><h2 part="title">${d.title[l]}</h2><p class="muted">${d.unit.name}</p></div>
        ${this.#kind === "button" ? this.#closeButton() : nothing}
      </div>
      <form novalidate @submit=${(e: Event) => this.#submit(e, d)} @keydown=${(e: KeyboardEvent) => this.#enter(e, d)}>
        ${done
          ? nothing
          : html`<div class="step">
              <p class="muted" id="start" tabindex="-1">${step ? t.step(step, more) : t.first}</p>
              ${this.#renderStep(d)}
              <div class="trap" aria-hidden="true">
                <label>Website <input name="website" tabindex="-1" autocomplete="off" @input=${(e: Event) => (this.#trap = valueOf(e))} /></label>
              </div>
            </div>`}
        <div class="live" role="status">
          ${this.notice ? html`<p class="alert">${this.notice}</p>` : nothing} ${done ? this.#renderThanks(d) : nothing}
        </div>
        ${done
          ? this.#renderThanksActions()
          : html`<div class="actions">
              ${step ? html`<button type="button" @click=${() => this.#go(step - 1)}>${t.back}</button>` : nothing}
              ${step < more
                ? html`<button type="button" @click=${() => this.#go(step + 1)}>
                    ${step ? t.next : t.more(d.steps.reduce((n, s) => n + s.statements.length, this.#extras(d).length))}
                  </button>`
                : nothing}
              <button class="primary" part="submit" ?disabled=${this.busy}>${this.busy ? t.sending : t.send}</button>
            </div>`}
      </form>`;
  }

  #renderStep(d: PublicSurvey) {
    const t = this.#t;
    const l = this.#language;
    if (this.step === 0) {
      return html`<fieldset class="s3">
          <legend>${d.overall[l]}</legend>
          ${this.#options(OVERALL, 3)}
        </fieldset>
        ${this.answers[OVERALL] === NOT_SATISFIED ? this.#textField(d.reasonPrompt[l], this.#reason, (v) => (this.#reason = v)) : nothing}
        <p class="muted">${t.privacy}</p>`;
    }
    const step = d.steps[this.step - 1];
    if (step) {
      return html`<h3>${step.name[l]}</h3>
        <p class="muted">${t.statementsHint}</p>
        ${step.statements.map(
          (s) => html`<fieldset class="s5">
            <legend>${s.text[l]}</legend>
            ${this.#options(s.id, 5)}
          </fieldset>`,
        )}`;
    }
    return html`${d.ask.caseCode
      ? html`<label class="field"
          >${t.caseCode} <span>${t.optional}</span> <span class="hint">${t.caseHint}</span>
          <input autocomplete="off" maxlength="64" .value=${this.#code} @input=${(e: Event) => (this.#code = valueOf(e))} />
        </label>`
      : nothing}
    ${d.ask.official && d.officials.length
      ? html`<label class="field"
          >${t.official} <span>${t.optional}</span>
          <select @change=${(e: Event) => (this.#who = valueOf(e))}>
            <option value="">${t.noOfficial}</option>
            ${d.officials.map((o) => html`<option value=${o.code} ?selected=${o.code === this.#who}>${o.name}</option>`)}
          </select>
        </label>`
      : nothing}
    ${d.ask.comment ? this.#textField(t.comment, this.#comment, (v) => (this.#comment = v)) : nothing}`;
  }

  #options(item: string, size: ScaleSize) {
    const l = this.#language;
    return this.data!.scales[size].map(
      ({ level, label }) => html`<label class="opt" part="option"
        ><input
          type="radio"
          name=${item}
          .value=${String(level)}
          .checked=${this.answers[item] === level}
          @change=${() => this.#choose(item, level)}
        />${label[l]}</label
      >`,
    );
  }

  #choose(item: string, level: number) {
    this.answers = { ...this.answers, [item]: level };
    // The error asked for exactly this: it has been fixed.
    if (this.notice === this.#t.chooseOverall) this.notice = "";
  }

  #textField(label: string, value: string, keep: (v: string) => void) {
    return html`<label class="field"
      >${label} <span>${this.#t.optional}</span>
      <textarea maxlength="1000" rows="3" .value=${value} @input=${(e: Event) => keep(valueOf(e))}></textarea>
    </label>`;
  }

  #renderThanks(d: PublicSurvey) {
    const t = this.#t;
    const code = this.#receipt;
    const follow = code && receiptFollowUrl(this.#base, d.unit.code, code);
    // A kiosk's address is to copy, not to open: the tablet stays on the survey.
    return html`<div class="thanks">
      <span class="tick" aria-hidden="true">✓</span>
      <h3 id="start" tabindex="-1">${t.thanks}</h3>
      ${this.done === "queued" ? html`<p class="muted">${t.queued}</p>` : nothing}
      ${follow
        ? html`<p>${t.receipt} <strong class="code">${code}</strong></p>
            <p class="muted">${t.follow} ${this.#kind === "kiosk" ? printedAddress(follow) : html`<a href=${follow}>${printedAddress(follow)}</a>`}</p>`
        : nothing}
      ${this.#screen ? html`<p class="muted">${this.#screen.reset(this.#resetMs / 1000)}</p>` : nothing}
    </div>`;
  }

  #renderThanksActions() {
    if (this.#screen) return html`<div class="actions center"><button type="button" class="primary" @click=${() => this.#restart()}>${this.#screen.again}</button></div>`;
    return this.#kind === "button" ? html`<div class="actions center">${this.#closeButton()}</div>` : nothing;
  }
}
