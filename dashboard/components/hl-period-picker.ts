import { css, html, LitElement } from "lit";
import type { Bucket } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { BUCKETS, lastMonths, navigateEvent, vnToday, type ViewState } from "../state/view-state.ts";
import { shared } from "./styles.ts";

/** The period (Viet Nam days, inclusive), how to group it, and quick picks. */
export class HlPeriodPicker extends LitElement {
  static override properties = { state: { attribute: false }, lang: {} };
  declare state: ViewState;
  declare lang: Lang;

  static override styles = [
    shared,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1rem;
        align-items: end;
      }
      .presets {
        display: flex;
        gap: 0.4rem;
        flex-wrap: wrap;
      }
      .presets button {
        font-size: 0.82rem;
        min-height: 2.25rem;
      }
      .presets button[aria-pressed="true"] {
        background: var(--hl-primary);
        color: #fff;
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0;
      }
      legend {
        font-size: 0.8rem;
        font-weight: 600;
        color: var(--hl-muted);
        padding: 0;
        margin-bottom: 0.2rem;
      }
    `,
  ];

  private change(event: Event) {
    const form = (event.target as HTMLElement).closest("form")!;
    const data = new FormData(form);
    const from = String(data.get("from"));
    const to = String(data.get("to"));
    if (!form.reportValidity() || from > to) return;
    this.dispatchEvent(navigateEvent({ from, to, bucket: data.get("bucket") as Bucket }));
  }

  override render() {
    const s = strings(this.lang);
    const today = vnToday();
    const presets: [string, { from: string; to: string }][] = [
      [s.last12Months, lastMonths(12, today)],
      [s.last3Months, lastMonths(3, today)],
      [s.thisYear, { from: `${today.slice(0, 4)}-01-01`, to: today }],
    ];
    return html`<form @change=${this.change} @submit=${(e: Event) => e.preventDefault()} aria-label=${s.period}>
      <div>
        <label for="from">${s.from}</label>
        <input id="from" name="from" type="date" required .value=${this.state.from} max=${this.state.to} />
      </div>
      <div>
        <label for="to">${s.to}</label>
        <input id="to" name="to" type="date" required .value=${this.state.to} min=${this.state.from} />
      </div>
      <div>
        <label for="bucket">${s.bucket}</label>
        <select id="bucket" name="bucket" .value=${this.state.bucket}>
          ${BUCKETS.map((b) => html`<option value=${b} ?selected=${b === this.state.bucket}>${s.buckets[b]}</option>`)}
        </select>
      </div>
      <fieldset>
        <legend>${s.presets}</legend>
        <div class="presets">
          ${presets.map(
            ([label, p]) =>
              html`<button type="button" class="secondary" aria-pressed=${p.from === this.state.from && p.to === this.state.to ? "true" : "false"} @click=${() => this.dispatchEvent(navigateEvent(p))}>
                ${label}
              </button>`,
          )}
        </div>
      </fieldset>
    </form>`;
  }
}

customElements.get("hl-period-picker") ?? customElements.define("hl-period-picker", HlPeriodPicker);
