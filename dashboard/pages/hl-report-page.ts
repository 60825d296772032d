import { css, html, LitElement, type PropertyValues } from "lit";
import { compare, complaintMeasures, decision766, elements, reportWorkbookLinks, sipasReport, trend } from "../api/endpoints.ts";
import type { Compare, Elements, Figure, Trend, UnitDetail } from "../api/types.ts";
import { dataTable, type Cell } from "../components/data-table.ts";
import "../components/hl-compare-panel.ts";
import "../components/hl-elements-panel.ts";
import "../components/hl-funnel-panel.ts";
import "../components/hl-trend-panel.ts";
import { settle, whenLoaded, type Loaded } from "../components/loaded.ts";
import { shared } from "../components/styles.ts";
import { complaintStrings } from "../i18n/complaint-strings.ts";
import { count, day, interval, percent } from "../i18n/format.ts";
import { reportStrings } from "../i18n/report-strings.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { vnToday, type ViewState } from "../state/view-state.ts";

type Decision766 = Awaited<ReturnType<typeof decision766>>;
type Sipas = Awaited<ReturnType<typeof sipasReport>>;
type ComplaintMeasures = Awaited<ReturnType<typeof complaintMeasures>>;

/** Decision 766's ratios in the order of its form. */
const RATIOS = ["onTime", "notUnsatisfiedOrLate", "satisfiedSets"] as const;

/** Every figure the report shows, fetched together: a report prints whole or not at all. */
interface Report {
  trend: Trend;
  compare: Compare;
  elements: Elements;
  decision766: Decision766;
  sipas: Sipas;
  measures: ComplaintMeasures;
}

/**
 * The report for the monthly meeting ("Báo cáo"): the scope's unit and period, then each figure
 * with its chart and its table of numbers (the trend, the units below compared and on the
 * funnel, Decision 766's ratios, the SIPAS elements, the complaints' handling), laid out at the
 * width of an A4 page so that what is on screen is what prints. The header, the pickers and
 * the buttons stay off the paper.
 */
export class HlReportPage extends LitElement {
  static override properties = { state: { attribute: false }, detail: { attribute: false }, lang: {}, report: { state: true } };
  declare state: ViewState;
  declare detail: UnitDetail;
  declare lang: Lang;
  declare report: Loaded<Report>;
  private loaded = "";

  static override styles = [
    shared,
    css`
      .sheet {
        max-width: 180mm;
        margin: 0 auto;
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 1rem;
        /* A report is read whole: every table shows all its rows, in the panels too. */
        --hl-table-height: none;
      }
      /* The figures' headers wrap rather than the units' names, so that the forms' tables fit the page's width. */
      th.num {
        white-space: normal;
      }
      th[scope="row"] {
        white-space: nowrap;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem;
      }
      .brand {
        margin: 0;
        font-weight: 700;
        color: var(--hl-primary);
      }
      h1 {
        margin: 0.1rem 0 0.6rem;
        font-size: 1.5rem;
        color: var(--hl-heading);
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.2rem 1rem;
        margin: 0 0 0.4rem;
      }
      dt {
        color: var(--hl-muted);
      }
      dd {
        margin: 0;
        font-weight: 600;
      }
      ul.note {
        margin: 0.5rem 0 0;
        padding-left: 1.2rem;
      }
      @media print {
        .actions {
          display: none;
        }
        .sheet {
          gap: 6mm;
        }
        .title,
        hl-trend-panel,
        hl-funnel-panel,
        hl-elements-panel,
        .measures {
          break-inside: avoid;
        }
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has("state")) return;
    const { unit, from, to, bucket } = this.state;
    const key = [unit, from, to, bucket].join("|");
    if (key !== this.loaded) {
      this.loaded = key;
      this.load();
    }
  }

  private load() {
    const key = this.loaded;
    const v = this.state;
    this.report = undefined;
    const all = Promise.all([trend(v), compare(v), elements(v), decision766(v), sipasReport(v), complaintMeasures(v)]);
    const pending = all.then(([trend, compare, elements, decision766, sipas, measures]) => ({ trend, compare, elements, decision766, sipas, measures }));
    void settle(pending).then((report) => {
      if (key === this.loaded) this.report = report;
    });
  }

  private retry = () => {
    this.loaded = "";
    this.requestUpdate("state");
  };

  override render() {
    const r = reportStrings(this.lang);
    const links = reportWorkbookLinks(this.state);
    return html`<article class="sheet" aria-labelledby="report-title">
      <div class="actions">
        <button type="button" data-action="print" @click=${() => window.print()}>${r.print}</button>
        <a class="button secondary" href=${links.decision766} download data-export="766"><span aria-hidden="true">↓</span> ${r.workbook766}</a>
        <a class="button secondary" href=${links.sipas} download data-export="sipas"><span aria-hidden="true">↓</span> ${r.workbookSipas}</a>
        <p class="note">${r.reportIntro}</p>
      </div>
      ${this.titleBlock()} ${whenLoaded(this.report, this.lang, (report) => this.sections(report), this.retry)}
    </article>`;
  }

  /** Whose figures, over which days, printed when. */
  private titleBlock() {
    const r = reportStrings(this.lang);
    const s = strings(this.lang);
    const { unit, path } = this.detail;
    const parent = path.at(-1);
    const { from, to, bucket } = this.state;
    return html`<header class="card title">
      <p class="brand">${s.appName}</p>
      <h1 id="report-title">${r.reportTitle}</h1>
      <dl>
        <dt>${r.unitLabel}</dt>
        <dd data-field="unit">${unit.name} (${unit.code})</dd>
        ${parent ? html`<dt>${r.parentLabel}</dt><dd data-field="parent">${parent.name}</dd>` : ""}
        <dt>${r.periodLabel}</dt>
        <dd data-field="period">${r.period(day(from, this.lang), day(to, this.lang), s.buckets[bucket])}</dd>
      </dl>
      <p class="note" data-field="printed">${r.printedOn(day(vnToday(), this.lang))}</p>
    </header>`;
  }

  private sections(report: Report) {
    const s = strings(this.lang);
    const lang = this.lang;
    const { excluded, total } = report.compare;
    return html`${excluded > 0 ? html`<p class="note" data-field="excluded">${s.excludedNote(count(excluded, lang))}</p>` : ""}
      <hl-trend-panel .trend=${report.trend} tableOpen .lang=${lang}></hl-trend-panel>
      <hl-compare-panel .compare=${report.compare} .state=${this.state} .lang=${lang}></hl-compare-panel>
      <hl-funnel-panel .compare=${report.compare} tableOpen .lang=${lang}></hl-funnel-panel>
      ${this.decision766(report.decision766)}
      <hl-elements-panel .elements=${report.elements} .overall=${total.share} tableOpen .lang=${lang}></hl-elements-panel>
      ${this.sipas(report.sipas)} ${this.measures(report.measures)}`;
  }

  /** Decision 766's three ratios per unit, each as numerator / denominator beside its share. */
  private decision766({ minSample, units }: Decision766) {
    const r = reportStrings(this.lang);
    const s = strings(this.lang);
    const lang = this.lang;
    return html`<section class="card" aria-labelledby="decision-766-title" data-section="766">
      <h2 id="decision-766-title">${r.decision766Title}</h2>
      <p class="summary">${r.decision766Summary(count(minSample, lang))}</p>
      ${dataTable(
        s.showTable,
        r.decision766Title,
        [{ label: s.colUnit }, ...RATIOS.flatMap((key) => [{ label: r.ratios[key], num: true }, { label: r.ratioShare(r.ratios[key]), num: true }])],
        units.map((u) => [
          u.name,
          ...RATIOS.flatMap((key): Cell[] => {
            const { numerator, denominator, share } = u[key];
            // A count of ratings is withheld as a figure is: below the minimum, or hidden to protect another unit's.
            const counted = numerator === null ? (denominator >= minSample ? s.protectedCell : s.notEnough) : count(numerator, lang);
            return [
              { value: html`<span data-ratio=${key}>${r.ratioCell(counted, count(denominator, lang))}</span>`, num: true },
              { value: percent(share, lang), num: true, suppressed: share === null },
            ];
          }),
        ]),
        true,
      )}
      <ul class="note">
        ${RATIOS.map((key) => html`<li>${r.ratioDefinitions[key]}</li>`)}
      </ul>
    </section>`;
  }

  /**
   * A figure's share, interval and n as the comparison shows them: "chưa đủ mẫu" below the
   * minimum sample, "ẩn" when it has enough answers but is hidden so that a smaller unit's
   * figure cannot be worked out from it.
   */
  private figureCells(f: Figure, minSample: number): Cell[] {
    const s = strings(this.lang);
    const suppressed = f.share === null;
    const hidden = suppressed && f.n >= minSample;
    return [
      { value: hidden ? s.protectedCell : percent(f.share, this.lang), num: true, suppressed },
      { value: hidden ? s.protectedCell : interval(f.lower, f.upper, this.lang), num: true, suppressed },
      { value: count(f.n, this.lang), num: true },
    ];
  }

  /**
   * The SIPAS view per unit whose answers used SIPAS statements: its overall rating, then each
   * element. The other units' overall rating is the comparison's, above: not printed twice.
   */
  private sipas({ minSample, units }: Sipas) {
    const r = reportStrings(this.lang);
    const s = strings(this.lang);
    const asked = units.filter((u) => u.elements.length > 0);
    const hidden = asked.some((u) => u.overall.share === null && u.overall.n >= minSample);
    return html`<section class="card" aria-labelledby="sipas-title" data-section="sipas">
      <h2 id="sipas-title">${r.sipasTitle}</h2>
      <p class="summary">${r.sipasSummary}</p>
      ${hidden ? html`<p class="note">${s.protectedNote}</p>` : ""}
      ${asked.length > 0
        ? dataTable(
            s.showTable,
            r.sipasTitle,
            [{ label: r.colFigure }, { label: s.colShare, num: true }, { label: s.colInterval, num: true }, { label: s.colN, num: true }],
            asked.flatMap((u) => [
              [html`<strong>${u.name}</strong> — ${r.sipasOverall}`, ...this.figureCells(u.overall, minSample)],
              ...u.elements.map((e) => [`— ${e.name[this.lang]}`, ...this.figureCells(e, minSample)]),
            ]),
            true,
          )
        : ""}
      ${asked.length < units.length ? html`<p class="note" data-field="not-asked">${r.sipasNotAsked(units.length - asked.length)}</p>` : ""}
    </section>`;
  }

  /** How the complaints received in the period were handled, in the queue's words. */
  private measures(m: ComplaintMeasures) {
    const r = reportStrings(this.lang);
    const c = complaintStrings(this.lang);
    return html`<section class="card measures" aria-labelledby="measures-title" data-section="measures">
      <h2 id="measures-title">${c.measuresTitle}</h2>
      ${dataTable(
        c.showTable,
        r.measuresTable,
        [{ label: r.colMeasure }, { label: r.colValue }],
        [
          [c.medianTime, c.medianValue(m.medianHours, m.resolved)],
          [c.onTime, c.onTimeValue(m.onTime.share, m.onTime.count, m.onTime.n)],
          [c.stillOpen, c.ofReceived(m.open, m.received)],
          [c.pastDue, c.ofReceived(m.overdue, m.received)],
        ],
        true,
      )}
    </section>`;
  }
}

customElements.get("hl-report-page") ?? customElements.define("hl-report-page", HlReportPage);
