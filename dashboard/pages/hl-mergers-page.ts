import { css, html, LitElement, type PropertyValues } from "lit";
import { COMMUNE_KINDS } from "../../worker/domain/units.ts";
import { recordMerger, type Merger } from "../api/endpoints.ts";
import type { UnitDetail } from "../api/types.ts";
import { formAction } from "../components/form-action.ts";
import { shared } from "../components/styles.ts";
import { viewLink } from "../components/unit-link.ts";
import { mergerStrings } from "../i18n/merger-strings.ts";
import type { Lang } from "../i18n/strings.ts";
import { vnToday, type ViewState } from "../state/view-state.ts";

type Child = UnitDetail["children"][number];

/** What a recorded merger left: the units merged and the one continuing them. */
interface Recorded {
  names: string;
  into: { code: string; name: string };
}

/** The kinds a new continuing unit may take below the scope: a commune kind below a province, a desk below a commune. */
const newKinds = (children: Child[]) => (children.some((c) => c.kind === "desk") ? ["desk"] : COMMUNE_KINDS);

/**
 * Mergers of the units under the scope, for admins: pick the units that close, the one that
 * continues them (one of the others, or a new one) and the day; the continuing unit's trend
 * then includes theirs before that day.
 */
export class HlMergersPage extends LitElement {
  static override properties = {
    state: { attribute: false },
    detail: { attribute: false },
    lang: {},
    message: { state: true },
    recorded: { state: true },
    merged: { state: true },
  };
  declare state: ViewState;
  declare detail: UnitDetail;
  declare lang: Lang;
  declare message: string;
  declare recorded: Recorded | null;
  /** Units merged from this page: closed now, so no longer offered. */
  declare merged: Set<string>;

  static override styles = [
    shared,
    css`
      fieldset {
        border: 1px solid var(--hl-border);
        border-radius: 8px;
        margin: 0.75rem 0;
        padding: 0.5rem 0.85rem;
      }
      .choices {
        max-height: 18rem;
        overflow: auto;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
        gap: 0.25rem 1rem;
      }
      .choices label {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        min-height: 44px;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
        align-items: end;
      }
    `,
  ];

  constructor() {
    super();
    this.message = "";
    this.recorded = null;
    this.merged = new Set();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has("detail") && changed.get("detail")?.unit.code !== this.detail.unit.code) {
      this.message = "";
      this.recorded = null;
      this.merged = new Set();
    }
  }

  private get candidates(): Child[] {
    return this.detail.children.filter((c) => (COMMUNE_KINDS.includes(c.kind) || c.kind === "desk") && !this.merged.has(c.code));
  }

  override render() {
    const m = mergerStrings(this.lang);
    const unit = this.detail.unit;
    const children = this.candidates;
    return html`<section class="card" aria-labelledby="mergers-title">
      <h2 id="mergers-title">${m.mergersTitle}</h2>
      ${children.length === 0
        ? html`<p class="summary">${m.mergersChooseUnit}</p>`
        : html`<p class="summary">${m.mergersIntro(`${unit.name} (${unit.code})`)}</p>
            <p class="note">${m.mergersFigures}</p>
            ${this.form(children)}`}
      <p role="status" class="note">${this.message}</p>
      ${this.recorded
        ? html`<p data-field="recorded">
            ${viewLink(this.state, { view: "unit", unit: this.recorded.into.code }, m.mergersOpen(`${this.recorded.into.name} (${this.recorded.into.code})`))}
          </p>`
        : ""}
    </section>`;
  }

  private form(children: Child[]) {
    const m = mergerStrings(this.lang);
    const today = vnToday();
    return html`<form @submit=${this.submit}>
      <fieldset>
        <legend>${m.mergersFrom}</legend>
        <div class="choices">
          ${children.map((c) => html`<label><input type="checkbox" name="from" value=${c.code} /> ${c.name} (${c.code})</label>`)}
        </div>
      </fieldset>
      <div class="row">
        <div>
          <label for="merger-into">${m.mergersInto}</label>
          <select id="merger-into" name="into">
            <option value="">${m.mergersNewUnit}</option>
            ${children.map((c) => html`<option value=${c.code}>${c.name} (${c.code})</option>`)}
          </select>
        </div>
        <div>
          <label for="merger-name">${m.mergersNewName}</label>
          <input id="merger-name" name="name" maxlength="200" />
        </div>
        <div>
          <label for="merger-kind">${m.mergersNewKind}</label>
          <select id="merger-kind" name="kind">
            ${newKinds(children).map((kind) => html`<option value=${kind}>${m.kinds[kind] ?? kind}</option>`)}
          </select>
        </div>
        <div>
          <label for="merger-on">${m.mergersOn}</label>
          <input id="merger-on" name="on" type="date" required max=${today} .value=${today} />
        </div>
        <button type="submit">${m.mergersRecord}</button>
      </div>
    </form>`;
  }

  private async submit(event: SubmitEvent) {
    const m = mergerStrings(this.lang);
    const byCode = new Map(this.detail.children.map((c) => [c.code, c]));
    const { value, message } = await formAction(event, this.lang, async (data) => {
      const from = data.getAll("from").map(String);
      const into = String(data.get("into") ?? "");
      const name = String(data.get("name") ?? "").trim();
      const merger: Merger = {
        from,
        into: into || { name, parent: this.detail.unit.code, kind: String(data.get("kind")) as "xa" },
        on: String(data.get("on") ?? ""),
      };
      const result = await recordMerger(merger);
      const code = result.successors[0]!;
      return { from, into: { code, name: byCode.get(code)?.name ?? name } };
    });
    if (!value) {
      this.message = message;
      return;
    }
    this.merged = new Set([...this.merged, ...value.from]);
    const names = value.from.map((code) => byCode.get(code)?.name ?? code).join(", ");
    this.recorded = { names, into: value.into };
    this.message = m.mergersDone(names, `${value.into.name} (${value.into.code})`);
  }
}

customElements.get("hl-mergers-page") ?? customElements.define("hl-mergers-page", HlMergersPage);
