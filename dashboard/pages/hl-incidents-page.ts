import { css, html, LitElement, type PropertyValues } from "lit";
import { incidents } from "../api/endpoints.ts";
import type { Incident, UnitDetail, User } from "../api/types.ts";
import "../components/hl-incident.ts";
import { settle, whenLoaded, type Loaded } from "../components/loaded.ts";
import { shared } from "../components/styles.ts";
import { day } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import type { ViewState } from "../state/view-state.ts";

/** "Bất thường": the incidents of suspicious answers in the scope and period, newest first. */
export class HlIncidentsPage extends LitElement {
  static override properties = {
    state: { attribute: false },
    detail: { attribute: false },
    user: { attribute: false },
    lang: {},
    list: { state: true },
  };
  declare state: ViewState;
  declare detail: UnitDetail;
  declare user: User;
  declare lang: Lang;
  declare list: Loaded<{ incidents: Incident[] }>;
  private loadedKey = "";
  private ticket = 0;

  static override styles = [
    shared,
    css`
      .items {
        display: grid;
        gap: 0.75rem;
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has("state")) return;
    const { unit, from, to } = this.state;
    const key = [unit, from, to].join("|");
    if (key === this.loadedKey) return;
    this.loadedKey = key;
    const ticket = ++this.ticket;
    this.list = undefined;
    void settle(incidents(this.state)).then((value) => {
      if (ticket === this.ticket) this.list = value;
    });
  }

  override render() {
    const s = strings(this.lang);
    const editable = this.user.role !== "viewer";
    return html`<section class="card" aria-labelledby="incidents-title">
      <h2 id="incidents-title">${s.incidentsTitle}</h2>
      <p class="summary">${this.detail.unit.name} · ${day(this.state.from, this.lang)} – ${day(this.state.to, this.lang)}</p>
      <p class="note">${s.incidentsIntro}</p>
      ${editable ? "" : html`<p class="note">${s.readOnly}</p>`}
      ${whenLoaded(
        this.list,
        this.lang,
        ({ incidents }) => html`${incidents.length === 0 ? html`<p class="summary">${s.noIncidents}</p>` : ""}
          <div class="items">${incidents.map((i) => html`<hl-incident .incident=${i} ?editable=${editable} .lang=${this.lang}></hl-incident>`)}</div>`,
      )}
    </section>`;
  }
}

customElements.get("hl-incidents-page") ?? customElements.define("hl-incidents-page", HlIncidentsPage);
