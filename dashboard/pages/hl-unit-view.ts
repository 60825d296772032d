import { css, html, LitElement, type PropertyValues } from "lit";
import * as endpoints from "../api/endpoints.ts";
import type { Alert, Compare, Distribution, Elements, FeedbackItem, Trend, UnitDetail, UnitRef, User } from "../api/types.ts";
import "../components/hl-complaint.ts";
import "../components/hl-distribution-panel.ts";
import "../components/hl-export-links.ts";
import "../components/hl-headline.ts";
import type { ParentTrend } from "../components/hl-trend-panel.ts";
import { settle, whenLoaded, type Loaded } from "../components/loaded.ts";
import { shared } from "../components/styles.ts";
import { viewLink } from "../components/unit-link.ts";
import { chartStrings } from "../i18n/chart-strings.ts";
import { count } from "../i18n/format.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import type { ViewState } from "../state/view-state.ts";

/** How many complaints the unit page shows before linking to the inbox. */
const LATEST = 5;

/**
 * Where the browser keeps the shared-axis choice: the view's URL holds only the parameters
 * view-state.ts knows, so the choice lives with the browser, as the language does.
 */
const FULL_AXIS_KEY = "hl-full-axis";

/** Figures that show once the chunk of the panel drawing them has arrived too. */
const beside = <T>(figures: Promise<T>, chunk: Promise<unknown>) => Promise.all([figures, chunk]).then(([value]) => value);

/**
 * The figures for one scope and period. As the overview: who needs attention first, then the
 * headline, trend, the units below compared (a table and a funnel plot), the distribution. As
 * the unit page (`detailed`): also the SIPAS elements and the unit's latest complaints. The
 * trend shows the parent unit's line when the account may see it; one switch puts the share
 * axes at 0–100 %.
 */
export class HlUnitView extends LitElement {
  static override properties = {
    state: { attribute: false },
    detail: { attribute: false },
    user: { attribute: false },
    detailed: { type: Boolean },
    lang: {},
    alerts: { state: true },
    trend: { state: true },
    compare: { state: true },
    distribution: { state: true },
    elements: { state: true },
    complaints: { state: true },
    fullAxis: { state: true },
  };
  declare state: ViewState;
  declare detail: UnitDetail;
  declare user: User;
  declare detailed: boolean;
  declare lang: Lang;
  declare alerts: Loaded<{ alerts: Alert[] }>;
  declare trend: Loaded<{ trend: Trend; parent: ParentTrend | null }>;
  declare compare: Loaded<Compare>;
  declare distribution: Loaded<Distribution>;
  declare elements: Loaded<Elements>;
  declare complaints: Loaded<{ items: FeedbackItem[] }>;
  /** Whether every share axis is fixed at 0–100 %, so that screenshots of different units compare. */
  declare fullAxis: boolean;
  private loadedKey = "";
  private ticket = 0;

  static override styles = [
    shared,
    css`
      .grid {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
        gap: 1rem;
      }
      .wide {
        grid-column: 1 / -1;
      }
      @media (max-width: 1000px) {
        .grid {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .complaints {
        display: grid;
        gap: 0.75rem;
        margin-top: 0.5rem;
      }
      .axis {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 1rem;
      }
      .axis label {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
        margin: 0;
        color: var(--hl-text);
      }
    `,
  ];

  constructor() {
    super();
    this.detailed = false;
    this.fullAxis = localStorage.getItem(FULL_AXIS_KEY) === "1";
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has("state") && !changed.has("detailed")) return;
    const { unit, from, to, bucket } = this.state;
    const key = [unit, from, to, bucket, this.detailed].join("|");
    if (key !== this.loadedKey) {
      this.loadedKey = key;
      this.load();
    }
  }

  /** Fetches every section at once; each shows as soon as it arrives, stale answers are dropped. */
  private load() {
    const ticket = ++this.ticket;
    const v = this.state;
    const fill = <K extends "alerts" | "trend" | "compare" | "distribution" | "elements" | "complaints">(key: K, pending: Promise<NonNullable<this[K]>>) => {
      this[key] = undefined as this[K];
      void settle(pending).then((value) => {
        if (ticket === this.ticket) this[key] = value as this[K];
      });
    };
    // Panels are chunks of their own, fetched beside their figures: the overview's budget is tight.
    fill("alerts", beside(endpoints.alerts(v), import("../components/hl-alerts-panel.ts")));
    const parent = this.visibleParent();
    const trends = Promise.all([endpoints.trend(v), parent && endpoints.trend({ ...v, unit: parent.code })]);
    fill(
      "trend",
      beside(
        trends.then(([trend, above]) => ({ trend, parent: parent && above ? { name: parent.name, trend: above } : null })),
        import("../components/hl-trend-panel.ts"),
      ),
    );
    fill("compare", endpoints.compare(v));
    void import("../components/hl-compare-panel.ts");
    void import("../components/hl-funnel-panel.ts");
    fill("distribution", endpoints.distribution(v));
    if (this.detailed) {
      fill("elements", beside(endpoints.elements(v), import("../components/hl-elements-panel.ts")));
      fill("complaints", endpoints.latestComplaints(v, LATEST));
      void import("../components/hl-publication-panel.ts");
    }
  }

  /** The unit above this one when the account's scope includes it: a commune's account does not see its province. */
  private visibleParent(): UnitRef | undefined {
    const { path } = this.detail;
    return path.some((u) => u.code === this.user.unit.code) ? path.at(-1) : undefined;
  }

  private toggleAxis = (event: Event) => {
    this.fullAxis = (event.target as HTMLInputElement).checked;
    localStorage.setItem(FULL_AXIS_KEY, this.fullAxis ? "1" : "0");
  };

  private retry = () => {
    this.loadedKey = "";
    this.requestUpdate("state");
  };

  override render() {
    const s = strings(this.lang);
    const c = chartStrings(this.lang);
    const lang = this.lang;
    const name = this.detail.unit.name;
    const editable = this.user.role !== "viewer";
    return html`<div class="grid">
      <div class="wide">
        ${whenLoaded(this.alerts, lang, (a) => html`<hl-alerts-panel .alerts=${a.alerts} .state=${this.state} .lang=${lang}></hl-alerts-panel>`, this.retry)}
      </div>
      <div class="wide">
        ${whenLoaded(
          this.compare,
          lang,
          (c) => html`<hl-headline .figure=${c.total} .unitName=${name} .minSample=${c.minSample} .lang=${lang}></hl-headline>
            ${c.excluded > 0
              ? html`<p class="note excluded" data-field="excluded">${s.excludedNote(count(c.excluded, lang))} ${viewLink(this.state, { view: "incidents" }, s.seeIncidents)}</p>`
              : ""}`,
          this.retry,
        )}
      </div>
      <div class="wide axis">
        <label><input type="checkbox" .checked=${this.fullAxis} @change=${this.toggleAxis} aria-describedby="axis-note" />${c.fullAxis}</label>
        <span class="note" id="axis-note">${c.fullAxisNote}</span>
      </div>
      <div>
        ${whenLoaded(this.trend, lang, (t) => html`<hl-trend-panel .trend=${t.trend} .parent=${t.parent} ?fullAxis=${this.fullAxis} .lang=${lang}></hl-trend-panel>`, this.retry)}
      </div>
      <div>
        ${whenLoaded(this.distribution, lang, (d) => html`<hl-distribution-panel .distribution=${d} .lang=${lang}></hl-distribution-panel>`, this.retry)}
      </div>
      <div class="wide">${whenLoaded(this.compare, lang, (c) => html`<hl-compare-panel .compare=${c} .state=${this.state} .lang=${lang}></hl-compare-panel>`, this.retry)}</div>
      <div class="wide">${whenLoaded(this.compare, lang, (c) => html`<hl-funnel-panel .compare=${c} .lang=${lang}></hl-funnel-panel>`, this.retry)}</div>
      ${this.detailed
        ? html`<div class="wide">
              ${whenLoaded(
                this.elements,
                lang,
                (e) => html`<hl-elements-panel .elements=${e} .overall=${this.compare instanceof Object && "total" in this.compare ? this.compare.total.share : null} .lang=${lang}></hl-elements-panel>`,
                this.retry,
              )}
            </div>
            <div class="wide">
              ${whenLoaded(
                this.complaints,
                lang,
                (f) => html`<section class="card" aria-labelledby="latest-title">
                  <h2 id="latest-title">${s.latestComplaints}</h2>
                  ${f.items.length === 0 ? html`<p class="summary">${s.noComplaints}</p>` : ""}
                  <div class="complaints">
                    ${f.items.map((item) => html`<hl-complaint .item=${item} ?editable=${editable} .lang=${lang}></hl-complaint>`)}
                  </div>
                  <p>${viewLink(this.state, { view: "complaints" }, s.allComplaints)}</p>
                </section>`,
                this.retry,
              )}
            </div>
            ${this.detail.unit.kind === "official" ? "" : html`<div class="wide"><hl-publication-panel .unit=${this.detail.unit.code} ?editable=${editable} .lang=${lang}></hl-publication-panel></div>`}`
        : ""}
      <div class="wide"><hl-export-links .state=${this.state} .unitName=${name} .lang=${lang}></hl-export-links></div>
    </div>`;
  }
}

customElements.get("hl-unit-view") ?? customElements.define("hl-unit-view", HlUnitView);
