import { css, html, LitElement, type PropertyValues } from "lit";
import { BUCKETS, type Bucket } from "../../worker/domain/calendar.ts";
import { periodStrings } from "../i18n/period-strings.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { activePreset, periodProblem, presetPeriod, PRESETS, type Period, type PeriodProblem, type Preset } from "../state/period-presets.ts";
import { navigateEvent, vnToday, type ViewState } from "../state/view-state.ts";
import { shared } from "./styles.ts";

/**
 * The period (Viet Nam days, inclusive), how to group it, and quick picks. A typed period is
 * asked for only once both days are whole and in order; until then a sentence says what to fix.
 */
export class HlPeriodPicker extends LitElement {
  static override properties = { state: { attribute: false }, lang: {}, problem: { state: true } };
  declare state: ViewState;
  declare lang: Lang;
  /** What keeps the typed period from being asked for, shown in words under the fields. */
  declare problem?: PeriodProblem;

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
      #problem {
        flex-basis: 100%;
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

  /** The quick pick last pressed, which stays pressed while the period is still its own. */
  private chosen?: Preset;

  override willUpdate(changed: PropertyValues<this>) {
    // A new period on screen (a quick pick, Back) replaces whatever was being typed.
    if (changed.has("state")) this.problem = undefined;
  }

  private change(event: Event) {
    const data = new FormData((event.target as HTMLElement).closest("form")!);
    const period = { from: String(data.get("from")), to: String(data.get("to")) };
    this.problem = periodProblem(period);
    if (!this.problem) this.dispatchEvent(navigateEvent({ ...period, bucket: data.get("bucket") as Bucket }));
  }

  private pick(preset: Preset, period: Period) {
    this.chosen = preset;
    this.problem = undefined;
    this.dispatchEvent(navigateEvent(period));
  }

  override render() {
    const s = strings(this.lang);
    const p = periodStrings(this.lang);
    const today = vnToday();
    const active = activePreset(this.state, today, this.chosen);
    const wrongField = this.problem === "toInvalid" ? "to" : this.problem && "from";
    const invalid = (field: "from" | "to") => (field === wrongField ? "true" : "false");
    return html`<form novalidate @change=${this.change} @submit=${(e: Event) => e.preventDefault()} aria-label=${s.period}>
      <div>
        <label for="from">${s.from}</label>
        <input id="from" name="from" type="date" required .value=${this.state.from} max=${this.state.to} aria-invalid=${invalid("from")} aria-describedby="problem" />
      </div>
      <div>
        <label for="to">${s.to}</label>
        <input id="to" name="to" type="date" required .value=${this.state.to} min=${this.state.from} aria-invalid=${invalid("to")} aria-describedby="problem" />
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
          ${PRESETS.map((preset) => {
            const period = presetPeriod(preset, today);
            return html`<button type="button" class="secondary" aria-pressed=${preset === active ? "true" : "false"} @click=${() => this.pick(preset, period)}>
              ${p.presets[preset]}
            </button>`;
          })}
        </div>
      </fieldset>
      <p id="problem" class="error" role="alert">${this.problem ? p.problems[this.problem] : ""}</p>
    </form>`;
  }
}

customElements.get("hl-period-picker") ?? customElements.define("hl-period-picker", HlPeriodPicker);
