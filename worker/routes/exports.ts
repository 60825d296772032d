import { Hono } from "hono";
import { z } from "zod";
import { exportPage, type ExportPosition, type ExportRow } from "../db/exports.ts";
import { answeredItems, totalCounts } from "../db/stats.ts";
import { mayViewOfficials } from "../domain/access.ts";
import { BOM, csvLine, type Cell } from "../domain/csv.ts";
import { periodParams, refinePeriod, resolvePeriod } from "../domain/period.ts";
import { OVERALL } from "../domain/scales.ts";
import { unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { query } from "../middleware/json-body/index.ts";
import { signedIn, unitInScope } from "../middleware/session/index.ts";
import { errors, parameters } from "../openapi.ts";
import { trendOf, trendParams, trendQuery } from "../http/figures.ts";

/**
 * Rows per read. One request may make 1,000 D1 queries (Workers Paid); an export of at most
 * EXPORT_MAX_ROWS (wrangler.toml, 800,000) stays well inside that: that many rows in full
 * pages, and one short page per shard.
 */
const PAGE_SIZE = 1000;

const tooLarge = (rows: number, max: number) =>
  new ApiError(422, "export_too_large", {
    en: `This export would hold ${rows.toLocaleString("en")} answer sets, more than the ${max.toLocaleString("en")} one file can take. Choose a shorter period or a smaller unit.`,
    vi: `Tệp xuất này có ${rows.toLocaleString("vi")} phiếu, nhiều hơn mức ${max.toLocaleString("vi")} phiếu của một tệp. Hãy chọn khoảng thời gian ngắn hơn hoặc đơn vị nhỏ hơn.`,
  });
const encoder = new TextEncoder();

const answersQuery = z.strictObject({ unit: unitCode, ...periodParams }).superRefine(refinePeriod);

/** A CSV download: UTF-8 with a BOM, named after what it holds. */
function csvResponse(body: string | ReadableStream, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

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

const TREND_HEADER = ["Mã đơn vị", "Đơn vị", "Câu hỏi", "Từ ngày", "Số phiếu", "Số hài lòng", "Tỷ lệ hài lòng", "Cận dưới 95%", "Cận trên 95%", "Điểm trung bình"];
const ANSWERS_HEADER = [
  "Mã phiếu",
  "Trạng thái",
  "Thời điểm nhận (UTC)",
  "Thời điểm đánh giá (UTC)",
  "Ngày (giờ Việt Nam)",
  "Mã đơn vị",
  "Đơn vị",
  "Khảo sát",
  "Phiên bản",
  "Kênh",
  "Ngôn ngữ",
  "Mã hồ sơ",
];

/** Whether an answer counts, as the answers export says it. */
const statusCell = (r: ExportRow) =>
  r.status === "accepted" ? "Được tính" : r.incident === null ? "Không tính: bẫy chống bot" : `Không tính: bất thường #${r.incident}`;

/** CSV exports of the trend figures and of the answers, filtered like the dashboard's screens. */
export const csvExports = new Hono<AppEnv>()
  .get("/exports/trend.csv", signedIn, query(trendQuery), async (c) => {
    const { unit, period, item, bucket, points } = await trendOf(c, c.req.valid("query"));
    const lines = points.map((p) => csvLine([unit.code, unit.name, item, p.start, p.n, p.satisfied, p.share, p.lower, p.upper, p.mean]));
    return csvResponse(BOM + csvLine(TREND_HEADER) + lines.join(""), `hailong-trend-${unit.code}-${item}-${bucket}-${period.from}-${period.to}.csv`);
  })
  .get("/exports/responses.csv", signedIn, query(answersQuery), async (c) => {
    const q = c.req.valid("query");
    const unit = await unitInScope(c, q.unit, { figures: true });
    const period = resolvePeriod(q, new Date());
    const store = c.var.store;
    // Every stored answer set has the overall question: counted in its rollups, or excluded.
    const [{ counts, excluded }, items] = await Promise.all([totalCounts(store, unit.code, OVERALL, period), answeredItems(store, unit.code, period)]);
    const max = Number(c.env.EXPORT_MAX_ROWS);
    if (counts.n + excluded > max) throw tooLarge(counts.n + excluded, max);
    // The overall question first, then the statements.
    const columns = [OVERALL, ...items.filter((i) => i !== OVERALL)];
    const officials = mayViewOfficials(c.var.user.role);
    async function* lines() {
      yield BOM + csvLine([...ANSWERS_HEADER, ...columns, "Lý do không hài lòng", "Góp ý"]);
      let at: ExportPosition | null = null;
      do {
        const page = await exportPage(store, unit.code, period, at, PAGE_SIZE);
        yield page.rows
          .map((r) => {
            const answers = JSON.parse(r.answers) as Record<string, number>;
            const cells: Cell[] = [r.id, statusCell(r), r.receivedAt, r.answeredAt, r.day, r.unit, r.unitName, r.survey, r.version, r.channel, r.lang, r.caseCode];
            // What a citizen wrote about a named official is the unit's managers' business.
            const texts = r.official && !officials ? [null, null] : [r.reason, r.comment];
            return csvLine([...cells, ...columns.map((item) => answers[item]), ...texts]);
          })
          .join("");
        at = page.next;
      } while (at);
    }
    return csvResponse(streamLines(lines()), `hailong-answers-${unit.code}-${period.from}-${period.to}.csv`);
  });

const csv = (description: string) => ({ description, content: { "text/csv": { schema: { type: "string" } } } });
const CSV_NOTE = "UTF-8 with a byte order mark (Excel shows Vietnamese correctly), one header row, CRLF line ends.";

/** OpenAPI description of this module's paths. */
export const exportsDoc = {
  "/exports/trend.csv": {
    get: {
      summary: "The trend figures as CSV",
      description: `The same points as /stats/trend; suppressed figures are empty cells. ${CSV_NOTE}`,
      parameters: parameters("query", z.object(trendParams)),
      responses: { "200": csv("The figures"), ...errors(400, 401, 403, 404, 503) },
    },
  },
  "/exports/responses.csv": {
    get: {
      summary: "The answer sets counted in a unit's subtree as CSV",
      description: `One row per stored answer set, with whether it counts ("Được tính") or was left out as suspicious (a honeypot, or the incident it was flagged in); one column per item answered in the period; for viewers, the reason and comment of answers about a named official are left empty. The trend export counts only what counts. Read shard by shard, ${PAGE_SIZE} rows at a time; an export of more answer sets than one request can read (800,000 as deployed) is refused before it starts (422 \`export_too_large\`): choose a shorter period or a smaller unit. ${CSV_NOTE}`,
      parameters: parameters("query", z.object({ unit: unitCode, ...periodParams })),
      responses: { "200": csv("The answers"), ...errors(400, 401, 403, 404, 422, 503) },
    },
  },
};
