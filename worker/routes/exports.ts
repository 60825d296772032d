import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { EXPORT_PAGE_ROWS, exportPage, findExportJob, unfinishedExportJob, type ExportPosition } from "../db/exports.ts";
import { complaintMeasures, countFeedback, listFeedback, NO_COMPLAINTS, type FeedbackCursor } from "../db/feedback.ts";
import { answeredItems, surveyDefinitions, totalCounts } from "../db/stats.ts";
import { mayViewOfficials } from "../domain/access.ts";
import { BOM, csvLine, csvPercent, CSV_TYPE } from "../domain/csv.ts";
import type { ComplaintMeasures } from "../domain/feedback.ts";
import { periodParams, refinePeriod, resolvePeriod } from "../domain/period.ts";
import { OVERALL } from "../domain/scales.ts";
import { unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { download } from "../http/download.ts";
import { queueFilter, queueParams } from "../http/feedback-filter.ts";
import { COMPARE_COLUMNS, COMPARE_SHEET, compareFilename, compareRows } from "../jobs/compare-table.ts";
import { answerColumns, answersFilename, answersHeader, answersLine, type AnswersLayout } from "../jobs/answers-csv.ts";
import { COMPLAINTS_SHEET, complaintCells, complaintColumns, complaintsFilename } from "../jobs/complaints-table.ts";
import { exportStatusSchema, jobView, PART_BYTES, STALLED_MS, type ExportJob, type ExportStatusView } from "../jobs/export-job.ts";
import { questionTexts } from "../jobs/questions.ts";
import { sheetCsvHeader, sheetCsvLine } from "../jobs/sheet-csv.ts";
import { onePage, XLSX_TYPE, xlsxStream } from "../jobs/xlsx.ts";
import { ApiError, errorBodySchema } from "../middleware/errors/index.ts";
import { jsonBody, query, requireJson } from "../middleware/json-body/index.ts";
import { signedIn, unitInScope, type PrivateEnv } from "../middleware/session/index.ts";
import { csvFile, errors, json, parameters, xlsxFile } from "../openapi.ts";
import { startExportJob } from "../queue/export-steps.ts";
import { compareOf, item, itemQuery, trendOf, trendParams, trendQuery, unitPeriod } from "../http/figures.ts";

const tooLarge = (rows: number, max: number) =>
  new ApiError(422, "export_too_large", {
    en: `This export holds ${rows.toLocaleString("en")} answer sets, more than the ${max.toLocaleString("en")} one download can read. It is prepared as a file in the background instead: start it with POST /api/v1/exports (the dashboard's export button does).`,
    vi: `Tệp xuất này có ${rows.toLocaleString("vi")} phiếu, nhiều hơn mức ${max.toLocaleString("vi")} phiếu của một lần tải. Tệp lớn được chuẩn bị trong nền: hãy bấm nút xuất trên trang quản trị (POST /api/v1/exports).`,
  });
const tooManyComplaints = (rows: number, max: number) =>
  new ApiError(422, "export_too_large", {
    en: `This filter selects ${rows.toLocaleString("en")} complaints and comments, more than the ${max.toLocaleString("en")} one download can hold. Narrow it: a shorter period, a unit below, a status.`,
    vi: `Bộ lọc này có ${rows.toLocaleString("vi")} phản ánh, góp ý, nhiều hơn mức ${max.toLocaleString("vi")} của một lần tải. Hãy thu hẹp bộ lọc: khoảng thời gian ngắn hơn, đơn vị cấp dưới, trạng thái.`,
  });
const unknownExport = (id: string) =>
  new ApiError(404, "unknown_export", { en: `There is no export ${id} of yours.`, vi: `Không có tệp xuất ${id} của tài khoản này.` });
const notReady = new ApiError(409, "export_not_ready", {
  en: "The file is not ready yet; GET /api/v1/exports/{id} tells how far it is.",
  vi: "Tệp chưa chuẩn bị xong; GET /api/v1/exports/{id} cho biết tiến độ.",
});
const expired = new ApiError(410, "export_expired", {
  en: "This file is no longer kept. Start the export again.",
  vi: "Tệp này không còn được lưu. Hãy xuất lại.",
});
const officialsTexts = new ApiError(403, "officials_restricted", {
  en: "This file has what citizens wrote about named officials, which your account may no longer read.",
  vi: "Tệp này có nội dung người dân viết về công chức cụ thể, tài khoản của bạn không còn được xem.",
});
const encoder = new TextEncoder();

const answersParams = { unit: unitCode, ...periodParams };
const answersQuery = z.strictObject(answersParams).superRefine(refinePeriod);

const complaintsQuery = z.strictObject(queueParams).superRefine(refinePeriod);

/**
 * The most complaints one download holds. Each page of the queue reads every shard under the
 * scope (34 for the country) and the catalog once, and one request may run 1,000 queries:
 * 20 pages of EXPORT_PAGE_ROWS stay within that at any scope.
 */
const COMPLAINTS_MAX_ROWS = 20 * EXPORT_PAGE_ROWS;

/** A CSV download: UTF-8 with a BOM. */
const csvResponse = (body: string | ReadableStream, filename: string, size?: number) => download(body, CSV_TYPE, filename, size);

/** Lines produced one page at a time, so a large export never sits in memory whole. */
function streamLines(pages: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await pages.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
  });
}

const TREND_HEADER = [
  ...["Mã đơn vị", "Đơn vị", "Câu hỏi", "Nội dung câu hỏi", "Từ ngày", "Số phiếu", "Số hài lòng"],
  ...["Tỷ lệ hài lòng (%)", "Cận dưới 95% (%)", "Cận trên 95% (%)", "Điểm trung bình"],
  ...["Phản ánh nhận", "Đã xử lý", "Thời gian xử lý trung vị (giờ)", "Xử lý đúng hạn", "Số phản ánh đến hạn", "Tỷ lệ đúng hạn (%)", "Đang mở", "Quá hạn"],
];

/** A bucket's complaint measures as the trend CSV's cells. */
const measureCells = (m: ComplaintMeasures) => [m.received, m.resolved, m.medianHours, m.onTime.count, m.onTime.n, csvPercent(m.onTime.share), m.open, m.overdue];

/**
 * What an answers export of a unit and period holds for this account: its unit (in scope),
 * period, layout, and how many answer sets (every stored one has the overall question:
 * counted in its rollups, or excluded).
 */
async function answersExport(c: Context<PrivateEnv>, q: z.infer<typeof answersQuery>) {
  const unit = await unitInScope(c, q.unit, { figures: true });
  const period = resolvePeriod(q, new Date());
  const [{ counts, excluded }, items, definitions] = await Promise.all([
    totalCounts(c.var.store, unit.code, OVERALL, period),
    answeredItems(c.var.store, unit.code, period),
    surveyDefinitions(c.var.store, unit.code),
  ]);
  const layout: AnswersLayout = { columns: answerColumns(items, questionTexts(definitions)), officials: mayViewOfficials(c.var.user.role) };
  return { unit, period, layout, total: counts.n + excluded, fitsOneRequest: counts.n + excluded <= Number(c.env.EXPORT_MAX_ROWS) };
}

/**
 * The complaints export of a queue filter for this account: its columns (the named official's
 * only for those who may see officials, whose items the filter leaves out for the others),
 * the items a page at a time, oldest first, and the file's name; refused (422) beyond what one
 * download holds.
 */
async function complaintsExport(c: Context<PrivateEnv>, q: z.infer<typeof complaintsQuery>) {
  const filter = await queueFilter(c, q);
  const max = Math.min(Number(c.env.EXPORT_MAX_ROWS), COMPLAINTS_MAX_ROWS);
  const total = await countFeedback(c.var.store, filter);
  if (total > max) throw tooManyComplaints(total, max);
  const store = c.var.store;
  async function* pages() {
    let after: FeedbackCursor | null = null;
    do {
      const items = await listFeedback(store, { ...filter, sort: "oldest", after, limit: EXPORT_PAGE_ROWS });
      yield items;
      after = items.length === EXPORT_PAGE_ROWS ? items.at(-1)! : null;
    } while (after);
  }
  return { columns: complaintColumns(filter.officials), pages: pages(), filename: (extension: "csv" | "xlsx") => complaintsFilename(filter.root, filter.from, filter.to, extension) };
}

/**
 * The account's own job, provided it may still read what the job holds: 404 for another
 * account's (or none), 403 once its scope no longer covers the unit or its role no longer
 * sees officials' texts the file has.
 */
async function ownJob(c: Context<PrivateEnv>, id: string): Promise<ExportJob> {
  const job = await findExportJob(c.var.store, id);
  if (!job || job.account !== c.var.user.id) throw unknownExport(id);
  await unitInScope(c, job.unit, { figures: true });
  if (job.officials && !mayViewOfficials(c.var.user.role)) throw officialsTexts;
  return job;
}

/**
 * Exports filtered like the dashboard's screens: the trend figures and the answers as CSV
 * (larger answers exports as jobs), the complaints queue as CSV and XLSX.
 */
export const csvExports = new Hono<AppEnv>()
  .get("/exports/trend.csv", signedIn, query(trendQuery), async (c) => {
    const { unit, period, item, bucket, points } = await trendOf(c, c.req.valid("query"));
    const filter = { root: unit.code, ...period, officials: mayViewOfficials(c.var.user.role) };
    const [measures, definitions] = await Promise.all([complaintMeasures(c.var.store, filter, bucket), surveyDefinitions(c.var.store, unit.code)]);
    const text = questionTexts(definitions).get(item);
    const lines = points.map((p) =>
      csvLine([
        ...[unit.code, unit.name, item, text, p.start, p.n, p.satisfied, csvPercent(p.share), csvPercent(p.lower), csvPercent(p.upper), p.mean],
        ...measureCells(measures.get(p.start) ?? NO_COMPLAINTS),
      ]),
    );
    return csvResponse(BOM + csvLine(TREND_HEADER) + lines.join(""), `hailong-trend-${unit.code}-${item}-${bucket}-${period.from}-${period.to}.csv`);
  })
  .get("/exports/compare.csv", signedIn, query(itemQuery), async (c) => {
    const compared = await compareOf(c, c.req.valid("query"));
    const body = sheetCsvHeader(COMPARE_COLUMNS) + compareRows(compared).map(sheetCsvLine).join("");
    return csvResponse(body, compareFilename(compared.unit.code, compared.item, compared.period, "csv"));
  })
  .get("/exports/compare.xlsx", signedIn, query(itemQuery), async (c) => {
    const compared = await compareOf(c, c.req.valid("query"));
    const file = xlsxStream(COMPARE_SHEET, COMPARE_COLUMNS, onePage(compareRows(compared)));
    return download(file, XLSX_TYPE, compareFilename(compared.unit.code, compared.item, compared.period, "xlsx"));
  })
  .get("/exports/complaints.csv", signedIn, query(complaintsQuery), async (c) => {
    const { columns, pages, filename } = await complaintsExport(c, c.req.valid("query"));
    async function* lines() {
      yield sheetCsvHeader(columns);
      for await (const items of pages) yield items.map((item) => sheetCsvLine(complaintCells(item, columns))).join("");
    }
    return csvResponse(streamLines(lines()), filename("csv"));
  })
  .get("/exports/complaints.xlsx", signedIn, query(complaintsQuery), async (c) => {
    const { columns, pages, filename } = await complaintsExport(c, c.req.valid("query"));
    async function* rows() {
      for await (const items of pages) yield items.map((item) => complaintCells(item, columns));
    }
    return download(xlsxStream(COMPLAINTS_SHEET, columns, rows()), XLSX_TYPE, filename("xlsx"));
  })
  .get("/exports/responses.csv", signedIn, query(answersQuery), async (c) => {
    const { unit, period, layout, total, fitsOneRequest } = await answersExport(c, c.req.valid("query"));
    if (!fitsOneRequest) throw tooLarge(total, Number(c.env.EXPORT_MAX_ROWS));
    const store = c.var.store;
    async function* lines() {
      yield answersHeader(layout);
      let at: ExportPosition | null = null;
      do {
        const page = await exportPage(store, unit.code, period, at, EXPORT_PAGE_ROWS);
        yield page.rows.map((r) => answersLine(r, layout)).join("");
        at = page.next;
      } while (at);
    }
    return csvResponse(streamLines(lines()), answersFilename(unit.code, period.from, period.to));
  })
  .post("/exports", signedIn, requireJson(1024), jsonBody(answersQuery), async (c) => {
    const q = c.req.valid("json");
    const { unit, period, layout, total, fitsOneRequest } = await answersExport(c, q);
    if (fitsOneRequest) {
      const url = `/api/v1/exports/responses.csv?${new URLSearchParams({ unit: unit.code, from: period.from, to: period.to })}`;
      const ready: ExportStatusView = { status: "ready", rows: total, total, url };
      return c.json(ready, 200);
    }
    const account = c.var.user.id;
    const now = new Date();
    const running = await unfinishedExportJob(c.var.store, account, unit.code, period, layout.officials, new Date(now.getTime() - STALLED_MS));
    if (running) return c.json(jobView(running, now), 200);
    const job = await startExportJob(c.env, c.var.store, { account, unit: unit.code, period, ...layout, total }, now);
    c.header("Location", `/api/v1/exports/${job.id}`);
    return c.json(jobView(job, now), 202);
  })
  .get("/exports/:id", signedIn, async (c) => {
    return c.json(jobView(await ownJob(c, c.req.param("id")), new Date()), 200);
  })
  .get("/exports/:id/answers.csv", signedIn, async (c) => {
    const job = await ownJob(c, c.req.param("id"));
    if (job.status !== "ready") throw notReady;
    if (job.expiresAt && job.expiresAt <= new Date().toISOString()) throw expired;
    const file = await c.env.EXPORTS.get(job.objectKey);
    if (!file) throw expired;
    return csvResponse(file.body, answersFilename(job.unit, job.period.from, job.period.to), file.size);
  });

const COMPARE_NOTE =
  "What GET /stats/compare shows this account, as a table: the unit first, then its children by code. Per row: n, satisfied, the share with its 95 % Wilson interval, the estimate adjusted for sample size (empirical Bayes, to rank by) and the funnel label in Vietnamese, the previous period's n and share and the change in percentage points, and in words why a share is not shown (below the minimum sample, or hidden so that no other unit's figure can be had by subtraction). Vietnamese headers; shares as percentages.";
const compareParameters = parameters("query", z.object({ ...unitPeriod, item }));
const CSV_NOTE = "UTF-8 with a byte order mark (Excel shows Vietnamese correctly), one header row, CRLF line ends.";
const ANSWERS_NOTE = `One row per stored answer set, with whether it counts ("Được tính") or was left out as suspicious (a honeypot, or the incident it was flagged in); one column per item answered in the period; for viewers, the reason and comment of answers about a named official are left empty. ${CSV_NOTE}`;
const COMPLAINTS_NOTE = `The complaints and comments GET /feedback lists for the same filter (without its paging and sort), oldest first, all of them. One row each: when received and when resolved (Viet Nam time), the unit, for managers and admins the official the citizen named (for viewers those columns are absent, as are the items naming an official), the kind, the overall level as its Vietnamese label, the reason, the comment, the status and whether it is overdue, the assignee, the due day, the hours to resolution (whole hours, as the measures count them) and the last note. A filter selecting more than one download holds (${COMPLAINTS_MAX_ROWS.toLocaleString("en")} items as deployed) is refused before it starts (422 \`export_too_large\`): narrow it.`;
const complaintsParameters = parameters("query", z.object(queueParams));
const jobPath = parameters("path", z.object({ id: z.uuid() }));
const gone = { "410": json(errorBodySchema, "The file is no longer kept (`export_expired`): start the export again.") };

/** OpenAPI description of this module's paths. */
export const exportsDoc = {
  "/exports/trend.csv": {
    get: {
      summary: "The trend figures as CSV",
      description: `The same points as /stats/trend; suppressed figures are empty cells. Each bucket also has the measures of the complaints received in it, as GET /feedback/summary gives them for a period: received, resolved, the median hours to resolution, resolved by the due day of those whose outcome is known (its n, and the share), still open, overdue. For viewers, complaints naming an official are left out of them. ${CSV_NOTE}`,
      parameters: parameters("query", z.object(trendParams)),
      responses: { "200": csvFile("The figures"), ...errors(400, 401, 403, 404, 503) },
    },
  },
  "/exports/compare.csv": {
    get: {
      summary: "The comparison of a unit's children as CSV",
      description: `${COMPARE_NOTE} ${CSV_NOTE}`,
      parameters: compareParameters,
      responses: { "200": csvFile("The comparison"), ...errors(400, 401, 403, 404, 503) },
    },
  },
  "/exports/compare.xlsx": {
    get: {
      summary: "The comparison of a unit's children as an Excel workbook",
      description: `${COMPARE_NOTE} One sheet, "${COMPARE_SHEET}"; shares and the change are numbers shown as percentages.`,
      parameters: compareParameters,
      responses: { "200": xlsxFile("The comparison"), ...errors(400, 401, 403, 404, 503) },
    },
  },
  "/exports/complaints.csv": {
    get: {
      summary: "The complaints queue of a filter as CSV",
      description: `${COMPLAINTS_NOTE} ${CSV_NOTE}`,
      parameters: complaintsParameters,
      responses: { "200": csvFile("The complaints"), ...errors(400, 401, 403, 404, 422, 503) },
    },
  },
  "/exports/complaints.xlsx": {
    get: {
      summary: "The complaints queue of a filter as an Excel workbook",
      description: `${COMPLAINTS_NOTE} One sheet, "Phản ánh", its header row frozen; times and days are dates, the hours a number.`,
      parameters: complaintsParameters,
      responses: {
        "200": xlsxFile("The complaints"),
        ...errors(400, 401, 403, 404, 422, 503),
      },
    },
  },
  "/exports/responses.csv": {
    get: {
      summary: "The answer sets counted in a unit's subtree as CSV, in one download",
      description: `${ANSWERS_NOTE} The trend export counts only what counts. Read shard by shard, ${EXPORT_PAGE_ROWS} rows at a time, within one request: an export of more answer sets than one request can read (800,000 as deployed) is refused before it starts (422 \`export_too_large\`); POST /exports prepares it as a file instead.`,
      parameters: parameters("query", z.object(answersParams)),
      responses: { "200": csvFile("The answers"), ...errors(400, 401, 403, 404, 422, 503) },
    },
  },
  "/exports": {
    post: {
      summary: "Start an answers export of any size",
      description: `The same export as GET /exports/responses.csv. One small enough for one request is ready at once (200, \`url\` is that download). A larger one is prepared in the background (202, \`Location\` is the job): a queue hands it to the worker step by step, each step writing ${PART_BYTES / 1024 / 1024} MiB of the file into storage; follow it with GET /exports/{id} until \`status\` is ready, then download \`url\`. Asking again for the same export while it is under way gives the same job (200). Only the account that asked may follow and download it.`,
      requestBody: { required: true, ...json(answersQuery, "The unit and period, as for GET /exports/responses.csv") },
      responses: {
        "200": json(exportStatusSchema, "Ready to download from `url`, or the job already under way for the same export"),
        "202": json(exportStatusSchema, "A job, queued"),
        ...errors(400, 401, 403, 404, 413, 415, 503),
      },
    },
  },
  "/exports/{id}": {
    get: {
      summary: "How far an answers export job is",
      description: `\`rows\` of \`total\` answer sets written; \`url\` once ready (the file is kept for a week); \`error\` if it failed, as has a job that has not moved for ${STALLED_MS / 3600_000} hour. Poll every few seconds.`,
      parameters: jobPath,
      responses: { "200": json(exportStatusSchema, "The job's progress"), ...errors(401, 403, 404, 503) },
    },
  },
  "/exports/{id}/answers.csv": {
    get: {
      summary: "The file an answers export job prepared",
      description: `Byte for byte what GET /exports/responses.csv gives for the same rows. ${ANSWERS_NOTE}`,
      parameters: jobPath,
      responses: { "200": csvFile("The answers"), ...errors(401, 403, 404, 409, 503), ...gone },
    },
  },
};
