import { Hono, type Context } from "hono";
import { z } from "zod";
import { listAudit } from "../db/audit.ts";
import { AUDIT_ACTIONS, type AuditRecord } from "../domain/audit.ts";
import { AUDIT_ACTION_NAMES } from "../domain/audit-names.ts";
import { BOM, csvLine } from "../domain/csv.ts";
import { periodParams, refinePeriod, resolvePeriod } from "../domain/period.ts";
import { unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { query } from "../middleware/json-body/index.ts";
import { signedIn, unitInScope, type PrivateEnv } from "../middleware/session/index.ts";
import { csvFile, errors, json, parameters } from "../openapi.ts";

/** The most records the page lists; the CSV holds more. */
const LIST_LIMIT = 500;
const CSV_LIMIT = 10_000;

const auditShape = { unit: unitCode.optional().describe("Default: the account's unit"), ...periodParams };
const auditQuery = z.strictObject(auditShape).superRefine(refinePeriod);

const adminsOnly = new ApiError(403, "admins_only", {
  en: "Only admins read the audit log.",
  vi: "Chỉ quản trị viên được xem nhật ký thay đổi.",
});

const auditRecordSchema = z.object({
  id: z.string().describe('"<database>-<row>": CATALOG-12, or a province code and a row'),
  at: z.string(),
  actor: z.object({ id: z.int(), name: z.string() }).nullable().describe("null for the command line"),
  action: z.enum(AUDIT_ACTIONS),
  unit: z.string(),
  target: z.string().describe("What within the unit: an account's id, a device's, a response's, an origin"),
  before: z.record(z.string(), z.unknown()).nullable().describe("The changed fields before"),
  after: z.record(z.string(), z.unknown()).nullable().describe("The changed fields after"),
});

/** The records an admin asked for: of a unit's subtree within theirs, in a period, newest first. */
async function recordsAsked(c: Context<PrivateEnv>, asked: z.infer<typeof auditQuery>, limit: number) {
  if (c.var.user.role !== "admin") throw adminsOnly;
  const unit = await unitInScope(c, asked.unit ?? c.var.user.unit.code);
  const period = resolvePeriod(asked, new Date());
  return { unit, period, records: await listAudit(c.var.store, { root: unit.code, ...period, limit }) };
}

const VN_OFFSET_MS = 7 * 3600_000;

/** An instant as Viet Nam wall-clock time, "2026-12-02 13:45:07". */
const vnTime = (iso: string) => new Date(Date.parse(iso) + VN_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");

const CSV_HEADER = ["Thời điểm (giờ Việt Nam)", "Người thực hiện", "Thao tác", "Mã thao tác", "Mã đơn vị", "Đối tượng", "Trước", "Sau", "Mã bản ghi"];

const csvRow = (r: AuditRecord) =>
  csvLine([
    vnTime(r.at),
    r.actor ? r.actor.name : "Dòng lệnh",
    AUDIT_ACTION_NAMES[r.action].vi,
    r.action,
    r.unit,
    r.target,
    r.before && JSON.stringify(r.before),
    r.after && JSON.stringify(r.after),
    r.id,
  ]);

/** The administrative record: who changed what, before and after, and when (admins). */
export const audit = new Hono<AppEnv>()
  .get("/audit", signedIn, query(auditQuery), async (c) => {
    const { records } = await recordsAsked(c, c.req.valid("query"), LIST_LIMIT);
    return c.json({ records }, 200);
  })
  .get("/audit.csv", signedIn, query(auditQuery), async (c) => {
    const { unit, period, records } = await recordsAsked(c, c.req.valid("query"), CSV_LIMIT);
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename="hailong-audit-${unit.code}-${period.from}-${period.to}.csv"`);
    return c.body(BOM + csvLine(CSV_HEADER) + records.map(csvRow).join(""), 200);
  });

/** OpenAPI description of this module's paths. */
export const auditDoc = {
  "/audit": {
    get: {
      summary: "The administrative changes concerning a unit's subtree, newest first (admins)",
      description: `Accounts, units, surveys, allowed origins, kiosks, and the decisions on anomalies and complaints: who, what, the changed fields before and after, and when. Period in Viet Nam days (default the last twelve months); at most ${LIST_LIMIT} records.`,
      parameters: parameters("query", z.object(auditShape)),
      responses: { "200": json(z.object({ records: z.array(auditRecordSchema) }), "Newest first"), ...errors(400, 401, 403, 404, 503) },
    },
  },
  "/audit.csv": {
    get: {
      summary: "The same records as CSV (admins)",
      description: `Times in Viet Nam time, Vietnamese headers, before and after as JSON; at most ${CSV_LIMIT.toLocaleString("en")} records. UTF-8 with a byte order mark (Excel shows Vietnamese correctly), one header row, CRLF line ends.`,
      parameters: parameters("query", z.object(auditShape)),
      responses: { "200": csvFile("The records"), ...errors(400, 401, 403, 404, 503) },
    },
  },
};
