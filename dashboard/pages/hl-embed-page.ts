import { css, html, LitElement, type PropertyValues } from "lit";
import { ApiFailure } from "../api/client.ts";
import { origins, saveOrigins } from "../api/endpoints.ts";
import type { UnitDetail, User } from "../api/types.ts";
import "../components/hl-kiosks-panel.ts";
import { settle, whenLoaded, type Loaded } from "../components/loaded.ts";
import { shared } from "../components/styles.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import type { ViewState } from "../state/view-state.ts";

const MODES = ["inline", "button", "kiosk"] as const;
type Origins = { origins: string[]; inherited: string[] };

/** What a ward portal pastes for a unit, in each mode. */
export function snippet(origin: string, unit: string, mode: (typeof MODES)[number]): string {
  return `<script src="${origin}/widget.js" defer></script>\n<hailong-survey unit="${unit}" mode="${mode}"></hailong-survey>`;
}

/** The embed snippets for the scope's unit and the origins allowed to embed it. */
export class HlEmbedPage extends LitElement {
  static override properties = {
    state: { attribute: false },
    detail: { attribute: false },
    user: { attribute: false },
    lang: {},
    allowed: { state: true },
    copied: { state: true },
    saving: { state: true },
    message: { state: true },
  };
  declare state: ViewState;
  declare detail: UnitDetail;
  declare user: User;
  declare lang: Lang;
  declare allowed: Loaded<Origins>;
  declare copied: string;
  declare saving: boolean;
  declare message: string;
  private loadedUnit = "";

  static override styles = [
    shared,
    css`
      .modes {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
        gap: 1rem;
        margin: 1rem 0;
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
      .mode {
        border: 1px solid var(--hl-border);
        border-radius: 8px;
        padding: 0.85rem;
      }
      h3 {
        margin: 0 0 0.25rem;
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
    this.copied = "";
    this.saving = false;
    this.message = "";
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has("state") || this.state.unit === this.loadedUnit) return;
    this.loadedUnit = this.state.unit;
    this.allowed = undefined;
    this.message = "";
    const unit = this.state.unit;
    void settle(origins(unit)).then((value) => {
      if (unit === this.loadedUnit) this.allowed = value;
    });
  }

  private async copy(mode: string, text: string) {
    await navigator.clipboard.writeText(text);
    this.copied = mode;
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
    const unit = this.detail.unit;
    const editable = this.user.role !== "viewer";
    return html`<div class="stack">
      <section class="card" aria-labelledby="embed-title">
        <h2 id="embed-title">${s.embedTitle}</h2>
        <p class="summary">${s.embedIntro(`${unit.name} (${unit.code})`)}</p>
        <div class="modes">
          ${MODES.map((mode) => {
            const code = snippet(location.origin, unit.code, mode);
            const [title, about] = s.modes[mode]!;
            return html`<div class="mode">
              <h3>${title}</h3>
              <p class="note">${about}</p>
              <pre data-mode=${mode}><code>${code}</code></pre>
              <button type="button" class="secondary" @click=${() => this.copy(mode, code)}>${this.copied === mode ? s.copied : s.copy}</button>
            </div>`;
          })}
        </div>
      </section>
      <section class="card" aria-labelledby="origins-title">
        <h2 id="origins-title">${s.originsTitle}</h2>
        <p class="summary">${s.originsIntro}</p>
        ${whenLoaded(
          this.allowed,
          this.lang,
          (o) => html`<h3>${s.inheritedOrigins}</h3>
            ${o.inherited.length ? html`<ul>${o.inherited.map((x) => html`<li><code>${x}</code></li>`)}</ul>` : html`<p class="note">${s.noOrigins}</p>`}
            ${editable
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
      <hl-kiosks-panel .unit=${unit.code} ?editable=${editable} .lang=${this.lang}></hl-kiosks-panel>
    </div>`;
  }
}

customElements.get("hl-embed-page") ?? customElements.define("hl-embed-page", HlEmbedPage);
