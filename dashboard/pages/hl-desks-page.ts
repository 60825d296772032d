import { css, html, LitElement, type PropertyValues } from "lit";
import { childOf } from "../../worker/domain/unit-children.ts";
import { addDesk, addOfficial, closeUnit, desks, renameUnit } from "../api/endpoints.ts";
import type { ManagedUnit, UnitDetail, User } from "../api/types.ts";
import { formAction } from "../components/form-action.ts";
import { settle, whenLoaded, type Loaded } from "../components/loaded.ts";
import { shared } from "../components/styles.ts";
import { viewLink } from "../components/unit-link.ts";
import { day } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { vnToday, type ViewState } from "../state/view-state.ts";

/**
 * The one-stop desks of the scope's commune (or a province's public service centre) and the
 * officials at each, open and closed: managers add, rename and close them here.
 */
export class HlDesksPage extends LitElement {
  static override properties = {
    state: { attribute: false },
    detail: { attribute: false },
    user: { attribute: false },
    lang: {},
    list: { state: true },
    message: { state: true },
  };
  declare state: ViewState;
  declare detail: UnitDetail;
  declare user: User;
  declare lang: Lang;
  declare list: Loaded<{ units: ManagedUnit[] }>;
  declare message: string;
  private loadedUnit = "";

  static override styles = [
    shared,
    css`
      .desk {
        border: 1px solid var(--hl-border);
        border-radius: 8px;
        padding: 0.85rem;
        margin: 1rem 0;
      }
      .desk h3 {
        margin: 0 0 0.25rem;
      }
      .closed {
        color: var(--hl-muted);
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
        align-items: end;
        margin-top: 0.5rem;
      }
      .grow {
        flex: 1 1 14rem;
      }
      .grow input {
        width: 100%;
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
    this.reload();
  }

  private reload() {
    const unit = this.loadedUnit;
    this.list = undefined;
    void settle(desks(unit)).then((value) => {
      if (unit === this.loadedUnit) this.list = value;
    });
  }

  /** Runs a form's change, then says how it went and shows the list as it now is. */
  private async act(event: SubmitEvent, change: (data: FormData) => Promise<unknown>) {
    const { value, message } = await formAction(event, this.lang, change);
    this.message = message;
    if (value) this.reload();
  }

  private text = (data: FormData, name: string) => String(data.get(name) ?? "").trim();

  override render() {
    const s = strings(this.lang);
    const unit = this.detail.unit;
    const canAdd = childOf(unit.kind)?.kind === "desk";
    return html`<section class="card" aria-labelledby="desks-title">
      <h2 id="desks-title">${s.desksTitle}</h2>
      ${canAdd
        ? html`<p class="summary">${s.desksIntro(`${unit.name} (${unit.code})`)}</p>
            ${whenLoaded(this.list, this.lang, ({ units }) => this.desks(units))}
            ${this.editable ? this.addDeskForm(unit.kind === "province") : html`<p class="note">${s.readOnly}</p>`}
            <p role="status" class="note">${this.message}</p>`
        : html`<p class="summary">${s.desksChooseUnit}</p>`}
    </section>`;
  }

  private get editable() {
    return this.user.role !== "viewer";
  }

  private desks(units: ManagedUnit[]) {
    const s = strings(this.lang);
    const desks = units.filter((u) => u.kind === "desk");
    if (desks.length === 0) return html`<p class="note">${s.noDesks}</p>`;
    return html`${desks.map((desk) => {
      const officials = units.filter((u) => u.parent === desk.code);
      return html`<article class="desk ${desk.validTo ? "closed" : ""}" data-code=${desk.code} aria-labelledby="desk-${desk.code}">
        <h3 id="desk-${desk.code}">${desk.name}</h3>
        <p class="note"><span>${s.colCode}: <code>${desk.code}</code></span> · <span data-field="state">${this.validity(desk)}</span> · ${this.embedLink(desk)} · ${this.posterLink(desk)}</p>
        ${this.changeForms(desk)}
        ${officials.length === 0
          ? html`<p class="note">${s.noOfficials}</p>`
          : html`<table>
              <thead>
                <tr><th scope="col">${s.colName}</th><th scope="col">${s.colCode}</th><th scope="col">${s.colState}</th><th scope="col"><span class="visually-hidden">${s.changeColumn}</span></th></tr>
              </thead>
              <tbody>
                ${officials.map(
                  (o) => html`<tr data-code=${o.code} class=${o.validTo ? "closed" : ""}>
                    <th scope="row">${o.name}</th>
                    <td><code>${o.code}</code><br />${this.embedLink(o)} · ${this.posterLink(o)}</td>
                    <td data-field="state">${this.validity(o)}</td>
                    <td>${this.changeForms(o)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`}
        ${this.editable && !desk.validTo ? this.addOfficialForm(desk) : ""}
      </article>`;
    })}`;
  }

  private validity(u: ManagedUnit) {
    const s = strings(this.lang);
    return u.validTo ? s.unitClosed(day(u.validTo, this.lang)) : s.unitOpen(day(u.validFrom, this.lang));
  }

  private embedLink(u: ManagedUnit) {
    const s = strings(this.lang);
    return u.validTo ? "" : viewLink(this.state, { view: "embed", unit: u.code }, s.embedCode, { label: `${s.embedCode}: ${u.name}` });
  }

  private posterLink(u: ManagedUnit) {
    const s = strings(this.lang);
    return u.validTo ? "" : viewLink(this.state, { view: "poster", unit: u.code }, s.nav.poster, { label: `${s.nav.poster}: ${u.name}` });
  }

  /** Rename and close, folded away: closing cannot be undone. */
  private changeForms(u: ManagedUnit) {
    if (!this.editable || u.validTo) return "";
    const s = strings(this.lang);
    const id = (what: string) => `${what}-${u.code}`;
    return html`<details>
      <summary aria-label=${`${s.change}: ${u.name}`}>${s.change}</summary>
      <form @submit=${(e: SubmitEvent) => this.act(e, (data) => renameUnit(u.code, this.text(data, "name")))}>
        <div class="grow">
          <label for=${id("name")}>${s.newName}</label>
          <input id=${id("name")} name="name" required maxlength="200" .value=${u.name} />
        </div>
        <button type="submit" class="secondary">${s.rename}</button>
      </form>
      <form @submit=${(e: SubmitEvent) => this.act(e, (data) => closeUnit(u.code, this.text(data, "on")))}>
        <div>
          <label for=${id("on")}>${s.closeOn}</label>
          <input id=${id("on")} name="on" type="date" required min=${u.validFrom} max=${vnToday()} .value=${vnToday()} />
        </div>
        <button type="submit" class="secondary">${s.closeUnit}</button>
        ${u.kind === "desk" ? html`<p class="note">${s.closeDeskNote}</p>` : ""}
      </form>
    </details>`;
  }

  private addOfficialForm(desk: ManagedUnit) {
    const s = strings(this.lang);
    const id = `official-${desk.code}`;
    return html`<form @submit=${(e: SubmitEvent) => this.act(e, (data) => addOfficial(desk.code, this.text(data, "name")))}>
      <div class="grow">
        <label for=${id}>${s.officialName}</label>
        <input id=${id} name="name" required maxlength="200" />
      </div>
      <button type="submit">${s.addOfficial}</button>
    </form>`;
  }

  private addDeskForm(province: boolean) {
    const s = strings(this.lang);
    return html`<form @submit=${(e: SubmitEvent) => this.act(e, (data) => addDesk(this.detail.unit.code, this.text(data, "name")))}>
      <div class="grow">
        <label for="desk-name">${s.deskName}</label>
        <input id="desk-name" name="name" required maxlength="200" placeholder=${s.deskPlaceholder(province)} />
      </div>
      <button type="submit">${s.addDesk}</button>
    </form>`;
  }
}

customElements.get("hl-desks-page") ?? customElements.define("hl-desks-page", HlDesksPage);
