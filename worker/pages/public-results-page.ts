import { html, raw } from "hono/html";
import type { PublishedUnit } from "../db/publications.ts";
import type { ComplaintMeasures } from "../domain/feedback.ts";
import type { Period } from "../domain/period.ts";
import type { Figure } from "../domain/stats.ts";
import type { Lang, Localized } from "../domain/text.ts";

/*
 * The HTML of the published results (worker/pages/public-results.ts): a table for every
 * figure, readable by a screen reader and printable, in Vietnamese or English. Every value is
 * escaped by hono/html. A share is also given as a number in <data value>, for machines.
 */

/** What the page shows of a unit. */
export interface PublicResults {
  unit: PublishedUnit;
  period: Period;
  minSample: number;
  /** Answers left out as suspicious (quarantined). */
  excluded: number;
  months: (Figure & { start: string })[];
  total: Figure;
  children: (Figure & { name: string })[];
  complaints: ComplaintMeasures;
}

const TEXT = {
  title: { vi: "Kết quả đánh giá sự hài lòng", en: "Citizen satisfaction results" },
  intro: {
    vi: "Ý kiến của người dân, tổ chức về việc giải quyết thủ tục hành chính, do đơn vị công khai. Tỉ lệ hài lòng là tỉ lệ ý kiến Rất hài lòng và Hài lòng, kèm khoảng tin cậy 95 % (Wilson) và số ý kiến (n).",
    en: "What citizens and organisations said of how their administrative procedures were handled, published by the unit. % satisfied is the share of answers Very satisfied or Satisfied, with its 95 % interval (Wilson) and the number of answers (n).",
  },
  period: { vi: "Giai đoạn", en: "Period" },
  fewer: { vi: "Dưới {n} ý kiến: chưa đủ mẫu, không hiển thị số.", en: "Fewer than {n} answers: not enough answers, no figure shown." },
  excluded: { vi: "{n} ý kiến nghi vấn bị loại, không tính.", en: "{n} suspicious answers left out of every figure." },
  trend: { vi: "Tỉ lệ hài lòng theo tháng", en: "% satisfied by month" },
  month: { vi: "Tháng", en: "Month" },
  share: { vi: "% hài lòng", en: "% satisfied" },
  interval: { vi: "Khoảng tin cậy 95 %", en: "95 % interval" },
  n: { vi: "Số ý kiến (n)", en: "Answers (n)" },
  notEnough: { vi: "chưa đủ mẫu", en: "not enough answers" },
  compare: { vi: "So sánh các đơn vị trực thuộc", en: "Units below, side by side" },
  unitColumn: { vi: "Đơn vị", en: "Unit" },
  whole: { vi: "Toàn đơn vị", en: "The whole unit" },
  complaints: { vi: "Giải quyết phản ánh", en: "Complaints handled" },
  received: { vi: "Đã tiếp nhận", en: "Received" },
  resolved: { vi: "Đã giải quyết", en: "Resolved" },
  median: { vi: "Thời gian giải quyết (trung vị)", en: "Time to resolve (median)" },
  hours: { vi: "{n} giờ", en: "{n} h" },
  onTime: { vi: "Giải quyết đúng hạn", en: "Resolved on time" },
  onTimeOf: { vi: "trên {n} phản ánh đã đến hạn hoặc đã giải quyết", en: "of {n} complaints resolved or due" },
  none: { vi: "—", en: "—" },
  // The other language's name, written in it.
  otherLang: { vi: "English", en: "Tiếng Việt" },
  notFoundTitle: { vi: "Không có kết quả công khai", en: "No published results" },
  notFound: {
    vi: "Đơn vị này không có hoặc chưa công khai kết quả đánh giá.",
    en: "This unit does not exist or has not published its results.",
  },
} satisfies Record<string, Localized>;

type Key = keyof typeof TEXT;
const say = (lang: Lang, key: Key, n?: number | string) => TEXT[key][lang].replace("{n}", String(n));

/** The page's whole style, allowed by its hash (pageCsp): no script, no other style. */
const CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.2rem 0}.parent{margin:0;color:#555}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border-bottom:1px solid #ccc;padding:.4rem .5rem;text-align:right}th:first-child,td:first-child{text-align:left}
thead th{background:#f2f4f7}.na{color:#555;font-style:italic}
a{color:#0b57d0}@media print{a.lang{display:none}}`;

/** The Content-Security-Policy of the page: nothing but its own style. Computed once per isolate. */
let csp: Promise<string> | undefined;
export function pageCsp(): Promise<string> {
  csp ??= crypto.subtle.digest("SHA-256", new TextEncoder().encode(CSS)).then((digest) => {
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    return `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  });
  return csp;
}

const locale = (lang: Lang) => (lang === "vi" ? "vi-VN" : "en-GB");
const percent = (lang: Lang, share: number) => new Intl.NumberFormat(locale(lang), { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
const count = (lang: Lang, n: number) => new Intl.NumberFormat(locale(lang)).format(n);
const shareData = (lang: Lang, share: number) => html`<data value="${share}">${percent(lang, share)}</data>`;

/** A figure's cells: share, interval, n; below the minimum sample, "chưa đủ mẫu" and n only. */
function figureCells(lang: Lang, f: Figure) {
  if (f.share === null || f.lower === null || f.upper === null) {
    return html`<td class="na" colspan="2">${say(lang, "notEnough")}</td><td>${count(lang, f.n)}</td>`;
  }
  return html`<td>${shareData(lang, f.share)}</td><td>${shareData(lang, f.lower)} – ${shareData(lang, f.upper)}</td><td>${count(lang, f.n)}</td>`;
}

const figureHead = (lang: Lang, first: Key) =>
  html`<thead><tr><th scope="col">${say(lang, first)}</th><th scope="col">${say(lang, "share")}</th><th scope="col">${say(lang, "interval")}</th><th scope="col">${say(lang, "n")}</th></tr></thead>`;

/** "03/12/2026" for 2026-12-03, as both languages' readers here write a day. */
const dayLabel = (day: string) => day.split("-").reverse().join("/");
/** "11/2026" for the month starting 2026-11-01. */
const monthLabel = (start: string) => dayLabel(start).slice(3);

function page(lang: Lang, title: string, body: unknown) {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${raw(CSS)}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

function trendTable(lang: Lang, r: PublicResults) {
  const rows = r.months.map((m) => html`<tr><th scope="row"><time datetime="${m.start.slice(0, 7)}">${monthLabel(m.start)}</time></th>${figureCells(lang, m)}</tr>`);
  return html`<table id="trend"><caption>${say(lang, "trend")}</caption>${figureHead(lang, "month")}<tbody>${rows}</tbody></table>`;
}

function compareTable(lang: Lang, r: PublicResults) {
  if (r.children.length === 0) return "";
  const rows = r.children.map((child) => html`<tr><th scope="row">${child.name}</th>${figureCells(lang, child)}</tr>`);
  return html`<table id="compare"><caption>${say(lang, "compare")}</caption>${figureHead(lang, "unitColumn")}<tbody>${rows}</tbody>
<tfoot><tr><th scope="row">${say(lang, "whole")}</th>${figureCells(lang, r.total)}</tr></tfoot></table>`;
}

function complaintsTable(lang: Lang, { received, resolved, medianHours, onTime }: ComplaintMeasures) {
  const row = (key: Key, value: unknown) => html`<tr><th scope="row">${say(lang, key)}</th><td>${value}</td></tr>`;
  const onTimeValue = onTime.share === null ? say(lang, "none") : html`${shareData(lang, onTime.share)} (${count(lang, onTime.count)} ${say(lang, "onTimeOf", count(lang, onTime.n))})`;
  return html`<table id="complaints"><caption>${say(lang, "complaints")}</caption><tbody>
${row("received", count(lang, received))}${row("resolved", count(lang, resolved))}
${row("median", medianHours === null ? say(lang, "none") : say(lang, "hours", count(lang, medianHours)))}${row("onTime", onTimeValue)}
</tbody></table>`;
}

/** The published results of a unit. */
export function resultsPage(r: PublicResults, lang: Lang) {
  const other: Lang = lang === "vi" ? "en" : "vi";
  return page(
    lang,
    `${say(lang, "title")}: ${r.unit.name}`,
    html`<p><a class="lang" href="?lang=${other}" hreflang="${other}" lang="${other}">${say(lang, "otherLang")}</a></p>
${r.unit.parentName ? html`<p class="parent">${r.unit.parentName}</p>` : ""}
<h1>${r.unit.name}</h1>
<p>${say(lang, "title")}. ${say(lang, "intro")}</p>
<p>${say(lang, "period")}: <time datetime="${r.period.from}">${dayLabel(r.period.from)}</time> – <time datetime="${r.period.to}">${dayLabel(r.period.to)}</time>. ${say(lang, "fewer", r.minSample)} ${say(lang, "excluded", count(lang, r.excluded))}</p>
${trendTable(lang, r)}${compareTable(lang, r)}${complaintsTable(lang, r.complaints)}`,
  );
}

/** The short page for a unit with no published results. */
export function notPublishedPage(lang: Lang) {
  return page(lang, say(lang, "notFoundTitle"), html`<h1>${say(lang, "notFoundTitle")}</h1><p>${say(lang, "notFound")}</p>`);
}
