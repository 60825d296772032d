import { css, html, LitElement, type PropertyValues } from "lit";
import { ENROL_FRAGMENT } from "../../worker/domain/enrolment.ts";
import { ApiFailure } from "../api/client.ts";
import { createDevice, devices, revokeDevice } from "../api/endpoints.ts";
import type { Device } from "../api/types.ts";
import { dateTime } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { formAction } from "./form-action.ts";
import { settle, whenLoaded, type Loaded } from "./loaded.ts";
import { inlineForm, shared } from "./styles.ts";

/** A unit's enrolled desk kiosks: enrol one (a one-time link), see their state, revoke one. */
export class HlKiosksPanel extends LitElement {
  static override properties = {
    unit: {},
    page: {},
    editable: { type: Boolean },
    lang: {},
    list: { state: true },
    link: { state: true },
    message: { state: true },
  };
  declare unit: string;
  /** The kiosk page's address the form starts with, e.g. the desk's hosted page as a kiosk. */
  declare page: string;
  declare editable: boolean;
  declare lang: Lang;
  declare list: Loaded<{ devices: Device[] }>;
  /** The enrolment link just made: shown once, since only its hash is kept. */
  declare link: string;
  declare message: string;
  private loadedUnit = "";

  static override styles = [
    shared,
    inlineForm,
    css`
      .grow input {
        width: 100%;
      }
      code {
        word-break: break-all;
      }
    `,
  ];

  constructor() {
    super();
    this.editable = false;
    this.link = "";
    this.message = "";
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has("unit") || this.unit === this.loadedUnit) return;
    this.loadedUnit = this.unit;
    this.link = this.message = "";
    this.reload();
  }

  private reload() {
    const unit = this.unit;
    this.list = undefined;
    void settle(devices(unit)).then((value) => {
      if (unit === this.loadedUnit) this.list = value;
    });
  }

  private async enrol(event: SubmitEvent) {
    this.link = "";
    const { value, message } = await formAction(event, this.lang, async (data) => {
      const { enrolCode } = await createDevice(this.unit, String(data.get("name") ?? "").trim());
      const page = String(data.get("page") ?? "").trim();
      return page ? `${page.split("#")[0]}#${ENROL_FRAGMENT}=${enrolCode}` : enrolCode;
    });
    this.message = value ? "" : message;
    if (value) {
      this.link = value;
      this.reload();
    }
  }


  private async revoke(device: Device) {
    try {
      await revokeDevice(device.id);
      this.reload();
    } catch (err) {
      this.message = err instanceof ApiFailure ? err.text(this.lang) : String(err);
    }
  }

  override render() {
    const s = strings(this.lang);
    const when = (iso: string | null) => (iso ? dateTime(iso, this.lang) : null);
    return html`<section class="card" aria-labelledby="kiosks-title">
      <h2 id="kiosks-title">${s.kiosksTitle}</h2>
      <p class="summary">${s.kiosksIntro}</p>
      ${whenLoaded(
        this.list,
        this.lang,
        ({ devices }) => html`${devices.length === 0
          ? html`<p class="note">${s.noKiosks}</p>`
          : html`<table>
              <thead>
                <tr><th scope="col">${s.kioskName}</th><th scope="col">${s.scope}</th><th scope="col">${s.statusFilter}</th><th scope="col"></th></tr>
              </thead>
              <tbody>
                ${devices.map(
                  (d) => html`<tr>
                    <td>${d.name}</td>
                    <td>${d.unit.name}</td>
                    <td data-field="kiosk-state">${s.kioskState(when(d.enrolledAt), when(d.revokedAt))}</td>
                    <td>${this.editable && !d.revokedAt ? html`<button type="button" class="secondary" @click=${() => this.revoke(d)}>${s.revoke}</button>` : ""}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`}`,
      )}
      ${this.editable
        ? html`<form @submit=${this.enrol}>
            <div class="grow">
              <label for="kiosk-name">${s.kioskName}</label>
              <input id="kiosk-name" name="name" required maxlength="100" placeholder=${s.kioskNamePlaceholder} />
            </div>
            <div class="grow">
              <label for="kiosk-page">${s.kioskPage}</label>
              <input id="kiosk-page" name="page" type="url" placeholder="https://…/kiosk" .value=${this.page ?? ""} />
            </div>
            <button type="submit">${s.addKiosk}</button>
          </form>`
        : ""}
      ${this.link ? html`<p><strong>${s.enrolLink}</strong><br /><code data-field="enrol-link">${this.link}</code></p>` : ""}
      <p role="status" class="note">${this.message}</p>
    </section>`;
  }
}

customElements.get("hl-kiosks-panel") ?? customElements.define("hl-kiosks-panel", HlKiosksPanel);
