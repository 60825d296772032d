import { css, html, LitElement, render, type PropertyValues } from "lit";
import { kioskPageUrl, printedAddress, surveyPageUrl } from "../../worker/domain/survey-page.ts";
import { isManaged } from "../../worker/domain/unit-children.ts";
import { COMMUNE_KINDS, isServicePoint, type UnitKind } from "../../worker/domain/units.ts";
import { desks, qrCodeLink } from "../api/endpoints.ts";
import type { ManagedUnit, UnitDetail, User } from "../api/types.ts";
import "../components/hl-kiosks-panel.ts";
import { settle, whenLoaded, type Loaded } from "../components/loaded.ts";
import { shared } from "../components/styles.ts";
import { viewLink } from "../components/unit-link.ts";
import { POSTER_FORMATS, POSTER_TEXT, posterStrings, type PosterFormat } from "../i18n/poster-strings.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import type { ViewState } from "../state/view-state.ts";

/** A unit as a poster names it: its own name, and the units it belongs to down to its commune. */
interface PosterUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
}

/** The poster at each size; the same rules style the preview and the printed copy. */
const posterStyles = css`
  .poster {
    box-sizing: border-box;
    overflow: hidden;
    background: #fff;
    color: #0f172a;
    font-family: var(--hl-font, sans-serif);
    line-height: 1.25;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: space-between;
    text-align: center;
    border-top: solid #0b5394;
    print-color-adjust: exact;
    -webkit-print-color-adjust: exact;
  }
  .poster p {
    margin: 0;
    text-wrap: balance;
  }
  /* Each size sets the measures below (--unit, --within, ...); the rules that use them are one set. */
  .poster .unit {
    font-weight: 700;
    color: #0b5394;
    font-size: var(--unit);
  }
  .poster .within {
    font-size: var(--within);
  }
  .poster .within,
  .poster [lang="en"],
  .poster .cannot-scan {
    color: #475569;
  }
  .poster .ask {
    font-size: var(--ask);
  }
  .poster .ask[lang="vi"] {
    font-weight: 700;
  }
  .poster .ask[lang="en"] {
    font-size: var(--ask-en);
  }
  .poster .code {
    display: block;
    aspect-ratio: 1;
    width: var(--code);
  }
  .poster .cannot-scan {
    font-size: var(--cannot-scan);
  }
  .poster .address {
    font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace;
    font-weight: 700;
    overflow-wrap: anywhere;
    font-size: var(--address);
  }
  .size-a4 {
    page: a4;
    width: 210mm;
    height: 297mm;
    padding: 16mm 16mm 18mm;
    border-top-width: 8mm;
    --unit: 28pt;
    --within: 15pt;
    --ask: 19pt;
    --ask-en: 13pt;
    --code: 140mm;
    --cannot-scan: 12pt;
    --address: 17pt;
  }
  .size-a5 {
    page: a5;
    width: 148mm;
    height: 210mm;
    padding: 11mm 11mm 12mm;
    border-top-width: 6mm;
    --unit: 20pt;
    --within: 11pt;
    --ask: 13.5pt;
    --ask-en: 9.5pt;
    --code: 98mm;
    --cannot-scan: 9pt;
    --address: 12pt;
  }
  .size-card {
    page: card;
    width: 85mm;
    height: 55mm;
    padding: 3mm 4mm 3mm 3mm;
    border-top-width: 2mm;
    display: grid;
    grid-template: "code names" auto "code asks" 1fr "type type" auto / 36mm 1fr;
    column-gap: 3mm;
    align-items: start;
    text-align: left;
    --unit: 10.5pt;
    --within: 7pt;
    --ask: 8.5pt;
    --ask-en: 6.5pt;
    --code: 36mm;
    --address: 7.5pt;
  }
  .size-card .names {
    grid-area: names;
  }
  .size-card .asks {
    grid-area: asks;
    align-self: center;
  }
  .size-card .code {
    grid-area: code;
  }
  .size-card .type {
    grid-area: type;
    justify-self: start;
  }
  .size-card .ask[lang="en"] {
    margin-top: 1mm;
  }
  .size-card .cannot-scan {
    display: none;
  }
`;

/**
 * Printing shows the poster alone, at its size. The dashboard's pages live in shadow roots,
 * which a print style sheet of the document cannot reach into, and @page rules count only in
 * the document: so the page keeps a copy of its poster in the document's own tree, shown only
 * in print, beside this sheet.
 */
const printStyles = css`
  @page a4 {
    size: 210mm 297mm;
    margin: 0;
  }
  @page a5 {
    size: 148mm 210mm;
    margin: 0;
  }
  @page card {
    size: 85mm 55mm;
    margin: 0;
  }
  .hl-print {
    display: none;
  }
  @media print {
    html,
    body {
      margin: 0;
      background: #fff;
    }
    body > :not(.hl-print) {
      display: none !important;
    }
    .hl-print {
      display: block;
    }
  }
`;

/**
 * The QR poster of the scope's unit, or of a desk or official below it: A4, A5 or a counter
 * card, printed (or saved as PDF) from the browser, the bare code as an SVG file, and for a
 * desk the enrolment of its kiosks.
 */
export class HlPosterPage extends LitElement {
  static override properties = {
    state: { attribute: false },
    detail: { attribute: false },
    user: { attribute: false },
    lang: {},
    below: { state: true },
    chosen: { state: true },
    format: { state: true },
    refused: { state: true },
  };
  declare state: ViewState;
  declare detail: UnitDetail;
  declare user: User;
  declare lang: Lang;
  /** The open desks and officials below the scope's commune or desk, to choose from. */
  declare below: Loaded<{ units: ManagedUnit[] }>;
  /** The code of the unit on the poster; the scope's own by default. */
  declare chosen: string;
  declare format: PosterFormat;
  /** Set when the API draws no code for the unit (closed, or no service point). */
  declare refused: boolean;
  private loadedUnit = "";
  private readonly printed = Object.assign(document.createElement("div"), { className: "hl-print" });

  static override styles = [
    shared,
    posterStyles,
    css`
      .stack {
        display: grid;
        gap: 1rem;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem 2rem;
        align-items: end;
        margin: 1rem 0 0.5rem;
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
      }
      legend {
        font-weight: 600;
        font-size: 0.875rem;
        padding: 0;
        margin-bottom: 0.25rem;
      }
      fieldset label {
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
        min-height: 2.75rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
      }
      .preview {
        display: flex;
        justify-content: center;
        background: var(--hl-subtle);
        border-radius: 8px;
        padding: 1.5rem;
      }
      .preview .poster {
        box-shadow: 0 2px 10px rgba(15, 23, 42, 0.18);
      }
      .preview .size-a4 {
        zoom: 0.6;
      }
      .preview .size-a5 {
        zoom: 0.8;
      }
      .preview .size-card {
        zoom: 1.5;
      }
      .error {
        color: var(--hl-danger);
      }
    `,
  ];

  constructor() {
    super();
    this.chosen = "";
    this.format = "a4";
    this.refused = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, posterStyles.styleSheet!, printStyles.styleSheet!];
    document.body.appendChild(this.printed);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.printed.remove();
    const own = new Set([posterStyles.styleSheet, printStyles.styleSheet]);
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => !own.has(sheet));
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has("detail") || this.detail.unit.code === this.loadedUnit) return;
    const unit = this.detail.unit;
    this.loadedUnit = unit.code;
    this.chosen = unit.code;
    this.refused = false;
    // A commune lists its desks and their officials, a desk its officials; nothing is below an official.
    if (!COMMUNE_KINDS.includes(unit.kind) && unit.kind !== "desk") {
      this.below = { units: [] };
      return;
    }
    this.below = undefined;
    void settle(desks(unit.code)).then((value) => {
      if (unit.code === this.loadedUnit) this.below = value;
    });
  }

  protected override updated() {
    const unit = this.target();
    render(unit && !this.refused ? this.poster(unit) : "", this.printed);
  }

  /** The open desks and officials listed below the scope; none while they load. */
  private openBelow(): ManagedUnit[] {
    return this.below && "units" in this.below ? this.below.units.filter((u) => !u.validTo) : [];
  }

  /** Every unit the page knows by code: the scope, the units above it and those open below it. */
  private known(): Map<string, PosterUnit> {
    return new Map([...this.detail.path, this.detail.unit, ...this.openBelow()].map((u) => [u.code, u]));
  }

  /** The unit on the poster, if citizens can rate it. */
  private target(): PosterUnit | undefined {
    const unit = this.known().get(this.chosen);
    return unit && isServicePoint(unit.kind) ? unit : undefined;
  }

  /** The units a desk or official belongs to, nearest first, down to its commune (or province). */
  private within(unit: PosterUnit): string[] {
    const known = this.known();
    const names: string[] = [];
    for (let u = unit; isManaged(u.kind) && u.parent; ) {
      const parent = known.get(u.parent);
      if (!parent) break;
      names.push(parent.name);
      u = parent;
    }
    return names;
  }

  private poster(unit: PosterUnit) {
    const address = printedAddress(surveyPageUrl(location.origin, unit.code));
    const within = this.within(unit);
    return html`<article class="poster size-${this.format}" data-format=${this.format}>
      <div class="names">
        <p class="unit">${unit.name}</p>
        ${within.length ? html`<p class="within">${within.join(" · ")}</p>` : ""}
      </div>
      <div class="asks">
        <p class="ask" lang="vi">${POSTER_TEXT.vi.ask}</p>
        <p class="ask" lang="en">${POSTER_TEXT.en.ask}</p>
      </div>
      <img class="code" src=${qrCodeLink(unit.code)} alt=${posterStrings(this.lang).qrAlt(address)} @error=${() => (this.refused = true)} />
      <div class="type">
        <p class="cannot-scan"><span lang="vi">${POSTER_TEXT.vi.cannotScan}</span> / <span lang="en">${POSTER_TEXT.en.cannotScan}</span></p>
        <p class="address">${address}</p>
      </div>
    </article>`;
  }

  override render() {
    const p = posterStrings(this.lang);
    const unit = this.target();
    return html`<div class="stack">
      <section class="card" aria-labelledby="poster-title">
        <h2 id="poster-title">${p.posterTitle}</h2>
        ${whenLoaded(this.below, this.lang, () => {
          const scope = this.detail.unit;
          const choices = [...(isServicePoint(scope.kind) ? [scope] : []), ...this.openBelow()];
          return unit ? this.controls(choices, unit) : html`<p class="summary">${p.posterChooseUnit}</p>`;
        })}
      </section>
      ${unit?.kind === "desk" ? this.kiosks(unit) : ""}
    </div>`;
  }

  private controls(choices: PosterUnit[], unit: PosterUnit) {
    const p = posterStrings(this.lang);
    return html`<p class="summary">${p.posterIntro(`${unit.name} (${unit.code})`)}</p>
      <div class="controls">
        ${choices.length > 1
          ? html`<div>
              <label for="poster-unit">${p.posterFor}</label>
              <select id="poster-unit" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
                ${choices.map((u) => html`<option value=${u.code} ?selected=${u.code === this.chosen}>${u.kind === "official" ? "— " : ""}${u.name} (${u.code})</option>`)}
              </select>
            </div>`
          : ""}
        <fieldset>
          <legend>${p.posterFormat}</legend>
          ${POSTER_FORMATS.map(
            (format) => html`<label
              ><input type="radio" name="format" value=${format} .checked=${format === this.format} @change=${() => (this.format = format)} />${p.formats[format]}</label
            >`,
          )}
        </fieldset>
        ${this.refused
          ? ""
          : html`<div class="actions">
              <button type="button" @click=${() => window.print()}>${p.printPoster}</button>
              <a class="button secondary" href=${qrCodeLink(unit.code)} download=${`hai-long-qr-${unit.code}.svg`}>${p.downloadSvg}</a>
            </div>`}
      </div>
      <p class="note">${p.printNote}</p>
      ${this.refused
        ? html`<p class="error" role="alert">${p.qrRefused}</p>`
        : html`<figure class="preview" aria-label=${p.preview}>${this.poster(unit)}</figure>`}`;
  }

  private choose(code: string) {
    this.chosen = code;
    this.refused = false;
  }

  private kiosks(desk: PosterUnit) {
    const p = posterStrings(this.lang);
    return html`<hl-kiosks-panel
        .unit=${desk.code}
        .page=${kioskPageUrl(location.origin, desk.code)}
        ?editable=${this.user.role !== "viewer"}
        .lang=${this.lang}
      ></hl-kiosks-panel>
      <p class="note">${p.kioskPageNote} ${viewLink(this.state, { view: "embed", unit: desk.code }, strings(this.lang).nav.embed)}</p>`;
  }
}

customElements.get("hl-poster-page") ?? customElements.define("hl-poster-page", HlPosterPage);
