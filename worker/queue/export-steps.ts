import {
  advanceExportJob,
  EXPORT_PAGE_ROWS,
  exportPage,
  failExportJob,
  findExportJob,
  insertExportJob,
  markExportStepSent,
  type ExportProgress,
  type NewExportJob,
} from "../db/exports.ts";
import { storeFrom, type Store } from "../db/store.ts";
import { CSV_TYPE } from "../domain/csv.ts";
import type { Bindings } from "../env.ts";
import { answersFilename, answersHeader, answersLine } from "../jobs/answers-csv.ts";
import { EXPORT_KEPT_DAYS, PART_BYTES, type ExportJob, type ExportStep } from "../jobs/export-job.ts";

/*
 * Export jobs, step by step. A step reads rows from where the job stands until it holds one
 * part of the file (or the rows end), uploads that part to the job's R2 multipart upload,
 * records the job's new position, and sends the message for the next step. The queue
 * delivers each message at least once, so a step tells from the job's row whether it is
 * new, ran already, or ran but lost its successor's message.
 */

const encoder = new TextEncoder();

/** Attempts at one step before its job is given up as failed; the queue's own max_retries (wrangler.toml) is higher, only a backstop. */
export const STEP_ATTEMPTS = 3;

/** What a job exports, for whom, and how many answer sets it starts with. */
export type ExportAsk = Pick<NewExportJob, "account" | "unit" | "period" | "officials" | "columns" | "total">;

/**
 * Starts a job: the multipart upload of its file, its row, and the message for its first
 * step. Should the message not go, the job is failed at once rather than left waiting.
 */
export async function startExportJob(env: Bindings, store: Store, ask: ExportAsk, at: Date): Promise<ExportJob> {
  const id = crypto.randomUUID();
  const objectKey = `exports/${id}.csv`;
  const upload = await env.EXPORTS.createMultipartUpload(objectKey, {
    httpMetadata: { contentType: CSV_TYPE, contentDisposition: `attachment; filename="${answersFilename(ask.unit, ask.period.from, ask.period.to)}"` },
  });
  await insertExportJob(store, { ...ask, id, carry: encoder.encode(answersHeader(ask)), objectKey, uploadId: upload.uploadId }, at);
  try {
    await env.EXPORT_QUEUE.send({ job: id, step: 0 } satisfies ExportStep);
  } catch (err) {
    await failExportJob(store, id, `the first step could not be queued: ${String(err)}`, at);
    throw err;
  }
  return (await findExportJob(store, id))!;
}

/** The catalog read at its primary: a step must see what the step before it wrote. */
const stepStore = (env: Bindings) => storeFrom(env, { CATALOG: "first-primary" });

/** Runs one step of a job, or nothing if that step is no longer due. */
export async function runExportStep(env: Bindings, { job: id, step }: ExportStep): Promise<void> {
  const store = stepStore(env);
  const job = await findExportJob(store, id);
  if (!job || job.status === "ready" || job.status === "failed") return;
  // The step before this one's run recorded its work but its message for this step was lost.
  if (step === job.step - 1 && job.sent < job.step) return sendStep(env, store, id, job.step);
  if (step !== job.step) return;
  const progress = await writePart(env, store, job);
  // Another run of the same step got there first, and sent the next message.
  if (!(await advanceExportJob(store, id, step, progress, new Date()))) return;
  if (progress.status === "running") await sendStep(env, store, id, step + 1);
}

async function sendStep(env: Bindings, store: Store, job: string, step: number): Promise<void> {
  await env.EXPORT_QUEUE.send({ job, step } satisfies ExportStep);
  await markExportStepSent(store, job, step);
}

/** Pieces of bytes joined into one array. */
function joined(pieces: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) out.set(piece, at), (at += piece.length);
  return out;
}

/**
 * Reads rows from the job's position on until one part's worth of bytes is gathered and
 * uploads it; the bytes past it wait for the next step, which resumes after the last row
 * read. When the rows end first, uploads what is left as the last part and completes the
 * file.
 */
async function writePart(env: Bindings, store: Store, job: ExportJob): Promise<ExportProgress> {
  const upload = env.EXPORTS.resumeMultipartUpload(job.objectKey, job.uploadId);
  const pieces = [job.carry];
  let size = job.carry.length;
  let rows = job.rows;
  let at = job.position;
  for (;;) {
    const page = await exportPage(store, job.unit, job.period, at, EXPORT_PAGE_ROWS);
    for (const row of page.rows) {
      const line = encoder.encode(answersLine(row, job));
      pieces.push(line);
      size += line.length;
      rows++;
      if (size >= PART_BYTES) {
        const bytes = joined(pieces);
        const parts = [...job.parts, await upload.uploadPart(job.parts.length + 1, bytes.subarray(0, PART_BYTES))];
        return { status: "running", position: row.resume, carry: bytes.slice(PART_BYTES), parts, rows, bytes: job.bytes + PART_BYTES, expiresAt: null };
      }
    }
    if (!page.next) break;
    at = page.next;
  }
  const last = joined(pieces);
  // Every part but the last is full; a last part of nothing is left out.
  const parts = last.length > 0 || job.parts.length === 0 ? [...job.parts, await upload.uploadPart(job.parts.length + 1, last)] : job.parts;
  await upload.complete(parts);
  const expiresAt = new Date(Date.now() + EXPORT_KEPT_DAYS * 86_400_000).toISOString();
  return { status: "ready", position: at, carry: new Uint8Array(), parts, rows, bytes: job.bytes + last.length, expiresAt };
}

/** Gives a job up as failed, and its unfinished upload with it. */
async function giveUp(env: Bindings, id: string, reason: unknown): Promise<void> {
  const store = stepStore(env);
  const job = await findExportJob(store, id);
  await failExportJob(store, id, String(reason), new Date());
  if (!job) return;
  await env.EXPORTS.resumeMultipartUpload(job.objectKey, job.uploadId)
    .abort()
    // An upload left behind is aborted by R2 after seven days anyway.
    .catch((err: unknown) => console.error(`export job ${id}: its upload could not be aborted`, err));
}

/**
 * The queue's consumer: each message is one step of one job. A step that throws is tried
 * again later; after STEP_ATTEMPTS its job is failed, which the account that asked is told.
 */
export const exportQueue: ExportedHandlerQueueHandler<Bindings, ExportStep> = async (batch, env) => {
  for (const message of batch.messages) {
    try {
      await runExportStep(env, message.body);
      message.ack();
    } catch (err) {
      console.error(`export job ${message.body.job}, step ${message.body.step}, attempt ${message.attempts}:`, err);
      if (message.attempts < STEP_ATTEMPTS) {
        message.retry({ delaySeconds: 10 * message.attempts });
      } else {
        await giveUp(env, message.body.job, err);
        message.ack();
      }
    }
  }
};
