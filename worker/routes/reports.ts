import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { decision766Counts } from "../db/reports.ts";
import { childCounts, statementCounts, surveyDefinitions } from "../db/stats.ts";
import { mayListChild, mayViewOfficials } from "../domain/access.ts";
import { DECISION_766_DEFINITIONS, decision766Ratios, decision766RatiosSchema, type Decision766Ratios, type Ratio } from "../domain/decision-766.ts";
import { elementFigures, elementSchema } from "../domain/elements.ts";
import { OVERALL } from "../domain/scales.ts";
import { figure, figureSchema, suppressed, type Figure } from "../domain/stats.ts";
import { listedChildren } from "../domain/suppression.ts";
import { vnDay } from "../domain/vn-time.ts";
import type { AppEnv } from "../env.ts";
import { download } from "../http/download.ts";
import { elementsQuery, scope, unitPeriod } from "../http/figures.ts";
import { onePage, XLSX_TYPE, xlsxWorkbook, type SheetCell, type SheetColumn } from "../jobs/xlsx.ts";
import { query } from "../middleware/json-body/index.ts";
import { signedIn, type PrivateEnv } from "../middleware/session/index.ts";
import { errors, json, parameters, xlsxFile } from "../openapi.ts";

/*
 * The official forms for a scope and period: Decision 766's satisfaction ratios and the SIPAS
 * view, per unit (the scope and its direct children), as JSON and as XLSX workbooks whose
 * cells are the JSON's numbers.
 */

/** Decision 766's ratios for the scope and its children, as this account may see them. */
async function decision766Report(c: Context<PrivateEnv>, q: z.infer<typeof elementsQuery>) {
  const { unit, period, minSample } = await scope(c, q);
  const role = c.var.user.role;
  const rows = await decision766Counts(c.var.store, { root: unit.code, ...period, officials: mayViewOfficials(role), today: vnDay(new Date()) });
  const [scopeRow, ...childRows] = rows;
  // Listed and protected as the comparison lists children, by their answer sets.
  const { listed, hidden } = listedChildren(scopeRow!.answerSets, childRows.map((row) => ({ ...row, n: row.answerSets })), role, minSample);
  const units = [scopeRow!, ...listed].map((row) => ({ code: row.code, name: row.name, ...decision766Ratios(row, minSample, hidden.has(row.code)) }));
  return { unit: unit.code, period, minSample, units };
}

/** A unit's element figures without their statements. */
const elementsOnly = (elements: ReturnType<typeof elementFigures>) => elements.map(({ statements: _, ...element }) => element);
type ElementRow = ReturnType<typeof elementsOnly>[number];

/** A few units at a time: each read costs a shard connection, of which a Worker has few. */
const UNITS_AT_ONCE = 4;

/**
 * The SIPAS view for the scope and its children, as this account may see them: the overall
 * question's figure as /stats/compare shows it (complementary suppression included) and the
 * element figures as /stats/elements does; a hidden figure's elements are hidden with it.
 */
async function sipasReport(c: Context<PrivateEnv>, q: z.infer<typeof elementsQuery>) {
  const { unit, period, minSample } = await scope(c, q);
  const store = c.var.store;
  const role = c.var.user.role;
  const { total, children } = await childCounts(store, unit.code, OVERALL, period);
  const { listed: shown, hidden } = listedChildren(total.n, children, role, minSample);
  const listed = [{ code: unit.code, name: unit.name, counts: total }, ...shown.map((child) => ({ code: child.code, name: child.name, counts: child }))];
  const units: { code: string; name: string; overall: Figure; elements: ElementRow[] }[] = [];
  for (let i = 0; i < listed.length; i += UNITS_AT_ONCE) {
    const some = listed.slice(i, i + UNITS_AT_ONCE).map(async ({ code, name, counts }) => {
      const [{ statements }, definitions] = await Promise.all([statementCounts(store, code, period), surveyDefinitions(store, code)]);
      const elements = elementsOnly(elementFigures(statements, definitions, minSample));
      if (hidden.has(code)) return { code, name, overall: suppressed(counts.n), elements: elements.map((e) => ({ ...e, ...suppressed(e.n) })) };
      return { code, name, overall: figure(counts, 3, minSample), elements };
    });
    units.push(...(await Promise.all(some)));
  }
  return { unit: unit.code, period, minSample, units };
}

/** The sheet of the Decision 766 workbook. */
export const DECISION_766_SHEET = "Quyết định 766";
/** The sheets of the SIPAS workbook: the overall question, and the elements. */
export const SIPAS_SHEETS = { overall: "Hài lòng chung", elements: "Yếu tố SIPAS" } as const;

const percent = (share: number | null): SheetCell => (share === null ? null : { percent: share });
const column = (header: string, width = 14): SheetColumn => ({ header, width });
const UNIT_COLUMNS = [column("Mã đơn vị", 11), column("Đơn vị", 30)];
const FIGURE_COLUMNS = ["Số hài lòng", "Tỷ lệ hài lòng", "Cận dưới 95%", "Cận trên 95%", "Điểm trung bình"].map((header) => column(header));
const figureCells = (f: Figure): SheetCell[] => [f.n, f.satisfied, percent(f.share), percent(f.lower), percent(f.upper), f.mean];

/** Decision 766's ratios in the order of the sheet, with their headers. */
const RATIOS: [keyof Decision766Ratios, string, string, string][] = [
  ["onTime", "Phản ánh xử lý đúng hạn", "Phản ánh tiếp nhận", "Tỷ lệ xử lý đúng hạn"],
  ["notUnsatisfiedOrLate", "Phản ánh không tồn đọng, quá hạn", "Phản ánh tiếp nhận", "Tỷ lệ không tồn đọng, quá hạn"],
  ["satisfiedSets", "Phiếu hài lòng, không có phản ánh đang mở", "Phiếu đánh giá", "Tỷ lệ phiếu hài lòng"],
];
const ratioCells = ({ numerator, denominator, share }: Ratio): SheetCell[] => [numerator, denominator, percent(share)];

const reportQuery = query(elementsQuery);
const filename = (form: string, { unit, period }: { unit: string; period: { from: string; to: string } }) => `hailong-${form}-${unit}-${period.from}-${period.to}.xlsx`;

/** The official forms: Decision 766's ratios and the SIPAS view of a scope, as JSON and XLSX. */
export const reports = new Hono<AppEnv>()
  .get("/reports/766", signedIn, reportQuery, async (c) => c.json(await decision766Report(c, c.req.valid("query")), 200))
  .get("/reports/766.xlsx", signedIn, reportQuery, async (c) => {
    const report = await decision766Report(c, c.req.valid("query"));
    const columns = [...UNIT_COLUMNS, ...RATIOS.flatMap(([, numerator, denominator, share]) => [column(numerator, 18), column(denominator, 14), column(share, 16)])];
    const rows = report.units.map((u) => [u.code, u.name, ...RATIOS.flatMap(([key]) => ratioCells(u[key]))]);
    return download(xlsxWorkbook([{ name: DECISION_766_SHEET, columns, pages: onePage(rows) }]), XLSX_TYPE, filename("766", report));
  })
  .get("/reports/sipas", signedIn, reportQuery, async (c) => c.json(await sipasReport(c, c.req.valid("query")), 200))
  .get("/reports/sipas.xlsx", signedIn, reportQuery, async (c) => {
    const report = await sipasReport(c, c.req.valid("query"));
    const overall = report.units.map((u) => [u.code, u.name, ...figureCells(u.overall)]);
    const elements = report.units.flatMap((u) => u.elements.map((e) => [u.code, u.name, e.element, e.name.vi, ...figureCells(e)]));
    return download(
      xlsxWorkbook([
        { name: SIPAS_SHEETS.overall, columns: [...UNIT_COLUMNS, column("Số phiếu"), ...FIGURE_COLUMNS], pages: onePage(overall) },
        { name: SIPAS_SHEETS.elements, columns: [...UNIT_COLUMNS, column("Yếu tố", 8), column("Tên yếu tố", 34), column("Số người trả lời"), ...FIGURE_COLUMNS], pages: onePage(elements) },
      ]),
      XLSX_TYPE,
      filename("sipas", report),
    );
  });

const period = z.object({ from: z.string(), to: z.string() });
const reportErrors = errors(400, 401, 403, 404, 503);
const UNITS =
  "Per unit: the scope first, then its direct children open in the period by code; an official's row only for admins and managers, and only from the minimum sample up.";
const SHARES =
  "Below `minSample` in a share's denominator, the share is null (\"chưa đủ mẫu\"). The complaint ratios still give their counts; `satisfiedSets`, a count of citizens' ratings, then gives its denominator only, as it does when it is hidden so that no unit's figure below the minimum can be had by subtracting the others from the scope's (the comparison's rule, applied to the answer sets).";
const decision766Schema = z.object({
  unit: z.string(),
  period,
  minSample: z.int(),
  units: z.array(decision766RatiosSchema.extend({ code: z.string(), name: z.string() })),
});
const sipasSchema = z.object({
  unit: z.string(),
  period,
  minSample: z.int(),
  units: z.array(z.object({ code: z.string(), name: z.string(), overall: figureSchema, elements: z.array(elementSchema.omit({ statements: true })) })),
});
const DECISION_766 = `${DECISION_766_DEFINITIONS} For viewers, complaints and answer sets about a named official are left out, as the complaints queue leaves them out. ${UNITS} ${SHARES}`;
const SIPAS = `Per unit, the overall question's share satisfied (Rất hài lòng or Hài lòng) with its Wilson 95 % interval and n, as /stats/compare gives it (complementary suppression included: a hidden figure hides its elements too), and each SIPAS element's, as /stats/elements gives it (n counts respondents). ${UNITS} Below the minimum sample every number but n is null.`;
const WORKBOOK = "Vietnamese headers, numbers as numbers (shares as percentages), an empty cell where the JSON has null.";

/** OpenAPI description of this module's paths. */
export const reportsDoc = {
  "/reports/766": {
    get: {
      summary: "Decision 766's satisfaction ratios for a scope and its children",
      description: DECISION_766,
      parameters: parameters("query", z.object(unitPeriod)),
      responses: { "200": json(decision766Schema, "The ratios, each with its numerator and denominator"), ...reportErrors },
    },
  },
  "/reports/766.xlsx": {
    get: {
      summary: "Decision 766's satisfaction ratios as an Excel workbook",
      description: `The rows of GET /reports/766, on one sheet "${DECISION_766_SHEET}": each ratio's numerator, denominator and share. ${WORKBOOK}`,
      parameters: parameters("query", z.object(unitPeriod)),
      responses: { "200": xlsxFile("The ratios"), ...reportErrors },
    },
  },
  "/reports/sipas": {
    get: {
      summary: "The SIPAS view of a scope and its children",
      description: SIPAS,
      parameters: parameters("query", z.object(unitPeriod)),
      responses: { "200": json(sipasSchema, "The figures"), ...reportErrors },
    },
  },
  "/reports/sipas.xlsx": {
    get: {
      summary: "The SIPAS view as an Excel workbook",
      description: `The figures of GET /reports/sipas on two sheets: "${SIPAS_SHEETS.overall}" (a row per unit) and "${SIPAS_SHEETS.elements}" (a row per unit and element). ${WORKBOOK}`,
      parameters: parameters("query", z.object(unitPeriod)),
      responses: { "200": xlsxFile("The figures"), ...reportErrors },
    },
  },
};
