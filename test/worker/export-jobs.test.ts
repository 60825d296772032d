import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { findExportJob, insertExportJob } from "../../worker/db/exports.ts";
import { addUnits } from "../../worker/db/units.ts";
import { storeResponses } from "../../worker/db/responses.ts";
import type { ResponseRecord } from "../../worker/domain/submission.ts";
import worker from "../../worker/index.ts";
import { PART_BYTES, STALLED_MS, type ExportStatusView, type ExportStep } from "../../worker/jobs/export-job.ts";
import { STEP_ATTEMPTS } from "../../worker/queue/export-steps.ts";
import { BASE, catalog, store } from "./helpers.ts";
import { loginAs, type Client } from "./accounts.ts";

/*
 * Answers exports beyond what one request may read (EXPORT_MAX_ROWS, 200 in these tests) run
 * as jobs: the queue hands each step to the worker's queue handler, which writes the file
 * into R2 part by part.
 */

const PROVINCE = "33"; // Hưng Yên: no other test here answers there.
const DAY = "2026-03-16";
const PERIOD = { from: DAY, to: DAY };
/** Per commune, under EXPORT_MAX_ROWS, so each commune's own export streams in one request. */
const PER_COMMUNE = 190;
/** Long enough (3-byte letters, quotes, commas, line breaks) that the file needs several 5 MiB parts. */
const TEXT = `Cán bộ "nhiệt tình", hướng dẫn chu đáo,\r\nthủ tục nhanh gọn; ${"ữ".repeat(900)}`;

let communes: string[];
let admin: Client;
let total: number;

/** The first communes of the province by code, the order in which the export lists them. */
async function communesOf(province: string, count: number): Promise<string[]> {
  const { results } = await catalog()
    .prepare(
      `SELECT u.code FROM units u JOIN unit_ancestors a ON a.unit = u.code AND a.ancestor = ?1
       WHERE u.kind IN ('xa', 'phuong', 'dac_khu') ORDER BY u.code LIMIT ?2`,
    )
    .bind(province, count)
    .all<{ code: string }>();
  return results.map((r) => r.code);
}

/** An answer set as the submission path stores it; every tenth one a honeypot's, kept but not counted. */
function record(unit: string, i: number, overrides: Partial<ResponseRecord> = {}): ResponseRecord {
  const day = overrides.day ?? DAY;
  return {
    id: crypto.randomUUID(),
    bodyHash: `hash-${unit}-${i}`,
    unit,
    official: null,
    survey: "quick",
    version: 1,
    receivedAt: `${day}T02:00:00.000Z`,
    answeredAt: `${day}T01:59:00.000Z`,
    day,
    channel: "web",
    lang: "vi",
    caseCode: null,
    caseKey: null,
    reason: TEXT,
    comment: `${i}: ${TEXT}`,
    clientHash: `client-${i}`,
    device: null,
    source: `client-${i}`,
    pacedAt: `${day}T02:00:00.000Z`,
    durationMs: 20_000,
    status: i % 10 === 0 ? "quarantined" : "accepted",
    answers: { overall: 1 + (i % 3) },
    ...overrides,
  };
}

/** Follows a job until it is no longer under way. */
function finished(client: Client, id: string): Promise<ExportStatusView> {
  return vi.waitFor(
    async () => {
      const job = (await (await client.get(`/exports/${id}`)).json()) as ExportStatusView;
      if (job.status === "queued" || job.status === "running") throw new Error(`still ${job.status}: ${job.rows} of ${job.total}`);
      return job;
    },
    { timeout: 55_000, interval: 50 },
  );
}

async function startExport(client: Client, body: unknown) {
  const res = await client.send("POST", "/exports", body);
  return { res, job: (await res.json()) as ExportStatusView };
}

async function bytesOf(res: Response): Promise<Uint8Array> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  return new Uint8Array(await res.arrayBuffer());
}

/** The account's id, as its session knows it. */
async function accountId(client: Client): Promise<number> {
  return (await catalog().prepare(`SELECT id FROM users WHERE email = ?1`).bind(client.email).first<{ id: number }>())!.id;
}

beforeAll(async () => {
  communes = await communesOf(PROVINCE, 7);
  const records = communes.flatMap((unit) => Array.from({ length: PER_COMMUNE }, (_, i) => record(unit, i)));
  // A few hundred at a time: each statement's JSON stays well under D1's limits.
  for (let i = 0; i < records.length; i += 150) await storeResponses(store(), records.slice(i, i + 150));
  total = records.length;
  admin = await loginAs("admin", PROVINCE);
});

describe("an answers export beyond what one request may read", () => {
  it("runs as a job through the queue into R2, its file byte for byte the streamed exports of the same rows", async () => {
    // The one-request download refuses it, and says where it is prepared instead.
    const refused = await admin.get(`/exports/responses.csv?unit=${PROVINCE}&from=${DAY}&to=${DAY}`);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "export_too_large",
      message: expect.stringContaining("POST /api/v1/exports"),
    });

    const { res, job } = await startExport(admin, { unit: PROVINCE, ...PERIOD });
    expect(res.status).toBe(202);
    expect(job).toEqual({ id: expect.any(String), status: "queued", rows: 0, total });
    expect(res.headers.get("location")).toBe(`/api/v1/exports/${job.id}`);

    const done = await finished(admin, job.id!);
    expect(done).toMatchObject({ id: job.id, status: "ready", rows: total, total, url: `/api/v1/exports/${job.id}/answers.csv` });
    const file = await admin.get(done.url!.slice("/api/v1".length));
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="hailong-answers-${PROVINCE}-${DAY}-${DAY}.csv"`);
    const bytes = await bytesOf(file);
    // Several full parts and a last one: each step resumed where the part before it ended, inside a row.
    const stored = (await findExportJob(store(), job.id!))!;
    expect(stored.parts.length).toBeGreaterThanOrEqual(2);
    expect(bytes.length).toBe(stored.bytes);
    expect(bytes.length).toBeGreaterThan(PART_BYTES);

    // Each commune streams in one request; one header, then their rows in the order of their codes.
    const streamed = await Promise.all(communes.map(async (unit) => bytesOf(await admin.get(`/exports/responses.csv?unit=${unit}&from=${DAY}&to=${DAY}`))));
    const afterHeader = (b: Uint8Array) => b.subarray(b.indexOf(0x0a) + 1);
    const expected = Buffer.concat([streamed[0]!, ...streamed.slice(1).map(afterHeader)]);
    expect(bytes.length).toBe(expected.length);
    expect(Buffer.from(bytes).equals(expected)).toBe(true);
  });

  it("is the account's own: another account, even a national admin, finds no such export", async () => {
    const { job } = await startExport(admin, { unit: communes[0]!, from: DAY, to: DAY });
    // Small enough for one request: ready at once, from the streaming download.
    expect(job).toEqual({ status: "ready", rows: PER_COMMUNE, total: PER_COMMUNE, url: `/api/v1/exports/responses.csv?unit=${communes[0]}&from=${DAY}&to=${DAY}` });
    expect((await admin.get(job.url!.slice("/api/v1".length))).status).toBe(200);

    const { job: big } = await startExport(admin, { unit: PROVINCE, from: "2026-03-01", to: DAY });
    const national = await loginAs("admin", "VN");
    for (const path of [`/exports/${big.id}`, `/exports/${big.id}/answers.csv`]) {
      const res = await national.get(path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unknown_export");
    }
    expect((await finished(admin, big.id!)).status).toBe("ready");
  });

  it("follows the rules of the one-request export: scope, validation, same origin", async () => {
    const elsewhere = await loginAs("manager", "01");
    const outside = await startExport(elsewhere, { unit: PROVINCE, ...PERIOD });
    expect(outside.res.status).toBe(403);
    expect((await startExport(admin, { unit: PROVINCE, from: DAY, to: "2026-03-01" })).res.status).toBe(400);
    expect((await startExport(admin, { unit: PROVINCE, ...PERIOD, extra: 1 })).res.status).toBe(400);
    const crossSite = await worker.request(
      `${BASE}/api/v1/exports`,
      { method: "POST", headers: { cookie: admin.cookie, origin: "https://evil.example", "content-type": "application/json" }, body: JSON.stringify({ unit: PROVINCE }) },
      env,
    );
    expect(crossSite.status).toBe(403);
  });

  it("gives the job under way to the account asking again for the same export; its file waits until it is ready", async () => {
    const account = await accountId(admin);
    const period = { from: "2026-03-02", to: DAY };
    const id = crypto.randomUUID();
    // A job no queue message drives: it stays queued.
    await insertExportJob(store(), { id, account, unit: PROVINCE, period, officials: true, columns: [{ item: "overall", text: null }], total, carry: new Uint8Array(), objectKey: `exports/${id}.csv`, uploadId: "none" }, new Date());
    const { res, job } = await startExport(admin, { unit: PROVINCE, ...period });
    expect(res.status).toBe(200);
    expect(job).toEqual({ id, status: "queued", rows: 0, total });
    const file = await admin.get(`/exports/${id}/answers.csv`);
    expect(file.status).toBe(409);
    expect(((await file.json()) as { error: { code: string } }).error.code).toBe("export_not_ready");

    // A job that has not moved for longer than any step and its retries take has failed, and asking again starts anew.
    await catalog().prepare(`UPDATE export_jobs SET updated_at = ?2 WHERE id = ?1`).bind(id, new Date(Date.now() - STALLED_MS - 1000).toISOString()).run();
    expect(((await (await admin.get(`/exports/${id}`)).json()) as ExportStatusView).status).toBe("failed");
    const again = await startExport(admin, { unit: PROVINCE, ...period });
    expect(again.res.status).toBe(202);
    expect(again.job.id).not.toBe(id);
    expect((await finished(admin, again.job.id!)).status).toBe("ready");
  });
});

describe("what citizens wrote about a named official", () => {
  const day = "2026-03-17";
  it("is left out of a viewer's job; a file that has it is for managers only", async () => {
    const commune = communes[1]!;
    const [desk, official] = [`${commune}-tn`, `${commune}-tn-lan`];
    await addUnits(store(), [
      { code: desk, name: "Bộ phận một cửa", kind: "desk", parent: commune },
      { code: official, name: "Nguyễn Thị Lan", kind: "official", parent: desk },
    ]);
    const named = Array.from({ length: 3 }, (_, i) => record(commune, i, { day, official, status: "accepted", comment: `VỀ CÁN BỘ LAN ${i}` }));
    await storeResponses(store(), [...named, ...Array.from({ length: 200 }, (_, i) => record(communes[2]!, i, { day, reason: null, comment: `thường ${i}` }))]);

    const viewer = await loginAs("viewer", PROVINCE);
    const manager = await loginAs("manager", PROVINCE);
    const files = new Map<Client, string>();
    for (const client of [viewer, manager]) {
      const { res, job } = await startExport(client, { unit: PROVINCE, from: day, to: day });
      expect(res.status).toBe(202);
      const done = await finished(client, job.id!);
      expect(done).toMatchObject({ status: "ready", rows: 203 });
      files.set(client, new TextDecoder().decode(await bytesOf(await client.get(done.url!.slice("/api/v1".length)))));
    }
    expect(files.get(viewer)).not.toContain("VỀ CÁN BỘ LAN");
    expect(files.get(viewer)).toContain("thường 199");
    expect(files.get(manager)).toContain("VỀ CÁN BỘ LAN 2");

    // The manager's job keeps its file; once the account only reads, it may no longer have it.
    const { job } = await startExport(manager, { unit: PROVINCE, from: day, to: day });
    await finished(manager, job.id!);
    await catalog().prepare(`UPDATE users SET role = 'viewer' WHERE email = ?1`).bind(manager.email).run();
    const refused = await manager.get(`/exports/${job.id}/answers.csv`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("officials_restricted");
  });
});

describe("a queue that delivers a message twice, or loses one", () => {
  it("moves the job once per step, and sends a lost message again", async () => {
    const account = await accountId(admin);
    const unit = communes[3]!;
    const id = crypto.randomUUID();
    const objectKey = `exports/${id}.csv`;
    const upload = await env.EXPORTS.createMultipartUpload(objectKey);
    // As a job stands whose step 0 wrote nothing yet, was recorded as done, and lost its message for step 1.
    const streamed = await bytesOf(await admin.get(`/exports/responses.csv?unit=${unit}&from=${DAY}&to=${DAY}`));
    const headerLine = streamed.subarray(0, streamed.indexOf(0x0a) + 1);
    await insertExportJob(store(), { id, account, unit, period: PERIOD, officials: true, columns: [{ item: "overall", text: null }], total: PER_COMMUNE, carry: headerLine, objectKey, uploadId: upload.uploadId }, new Date());
    await catalog().prepare(`UPDATE export_jobs SET step = 1, sent = 0 WHERE id = ?1`).bind(id).run();

    // The message for step 0, delivered again: it sends step 1's, which the queue then delivers.
    const batch = createMessageBatch<ExportStep>("hailong-exports", [{ id: "again", timestamp: new Date(), attempts: 1, body: { job: id, step: 0 } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["again"]);
    const done = await finished(admin, id);
    expect(done).toMatchObject({ status: "ready", rows: PER_COMMUNE });
    const file = await bytesOf(await admin.get(done.url!.slice("/api/v1".length)));
    expect(Buffer.from(file).equals(Buffer.from(streamed))).toBe(true);

    // Step 1's message once more, after the job is done: nothing changes.
    const before = await findExportJob(store(), id);
    const late = createMessageBatch<ExportStep>("hailong-exports", [{ id: "late", timestamp: new Date(), attempts: 1, body: { job: id, step: 1 } }]);
    const lateCtx = createExecutionContext();
    await worker.queue(late, env, lateCtx);
    expect((await getQueueResult(late, lateCtx)).explicitAcks).toEqual(["late"]);
    expect(await findExportJob(store(), id)).toEqual(before);
  });
});

describe("a step that keeps failing", () => {
  it(`is tried again, and after ${STEP_ATTEMPTS} attempts its job is reported failed`, async () => {
    const account = await accountId(admin);
    const id = crypto.randomUUID();
    // Its upload does not exist, so writing its part fails every time.
    await insertExportJob(store(), { id, account, unit: communes[0]!, period: PERIOD, officials: true, columns: [{ item: "overall", text: null }], total: 1, carry: new Uint8Array([0xef, 0xbb, 0xbf]), objectKey: `exports/${id}.csv`, uploadId: "no-such-upload" }, new Date());
    const deliver = async (attempts: number) => {
      const batch = createMessageBatch<ExportStep>("hailong-exports", [{ id: `m${attempts}`, timestamp: new Date(), attempts, body: { job: id, step: 0 } }]);
      const ctx = createExecutionContext();
      const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        await worker.queue(batch, env, ctx);
      } finally {
        quiet.mockRestore();
      }
      return getQueueResult(batch, ctx);
    };

    const first = await deliver(1);
    expect(first.retryMessages.map((m) => m.msgId)).toEqual(["m1"]);
    expect(first.explicitAcks).toEqual([]);
    expect(((await (await admin.get(`/exports/${id}`)).json()) as ExportStatusView).status).toBe("queued");

    const last = await deliver(STEP_ATTEMPTS);
    expect(last.explicitAcks).toEqual([`m${STEP_ATTEMPTS}`]);
    expect(last.retryMessages).toEqual([]);
    const job = (await (await admin.get(`/exports/${id}`)).json()) as ExportStatusView;
    expect(job).toEqual({ id, status: "failed", rows: 0, total: 1, error: { message: expect.stringContaining("Start the export again"), messageVi: expect.stringContaining("Hãy xuất lại") } });
    expect((await admin.get(`/exports/${id}/answers.csv`)).status).toBe(409);
  });
});
