import { z } from "zod";
import type { ExportPosition } from "../db/exports.ts";
import type { Period } from "../domain/period.ts";
import type { AnswersLayout } from "./answers-csv.ts";

/*
 * An answers export too large for one request runs as a job: the queue carries one step at
 * a time, each step writes one part of the file into R2 (worker/queue/export-steps.ts).
 */

export const EXPORT_STATUSES = ["queued", "running", "ready", "failed"] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/**
 * The size of every part of the file but the last: R2 wants parts of at least 5 MiB, all of
 * one size but the last. A step stops as soon as it holds one part, so it reads at most
 * 5 MiB of rows: with a row at least 100 bytes long (its id alone is 36), that is at most
 * 53 pages of 1,000 rows, plus one read per shard without rows, far below the 1,000 queries
 * one invocation may make.
 */
export const PART_BYTES = 5 * 1024 * 1024;

/**
 * How long a job under way may stand still before it is taken for failed: far longer than a
 * step can run (a queue consumer's invocation ends within 15 minutes) and its retries wait.
 * Should a step fail in a way that could not even be recorded, its job is not awaited forever.
 */
export const STALLED_MS = 60 * 60 * 1000;

/** Whether a job under way has not moved for STALLED_MS at `now`. */
export const stalled = (job: Pick<ExportJob, "status" | "updatedAt">, now: Date) =>
  (job.status === "queued" || job.status === "running") && now.getTime() - Date.parse(job.updatedAt) > STALLED_MS;

/** How long a finished file can be downloaded; the bucket's lifecycle rule deletes it after that (README). */
export const EXPORT_KEPT_DAYS = 7;

/** The queue's message: run this step of this job. */
export interface ExportStep {
  job: string;
  step: number;
}

/** An export job as stored. */
export interface ExportJob extends AnswersLayout {
  id: string;
  /** The account that asked; only it may follow and download the job. */
  account: number;
  unit: string;
  period: Period;
  status: ExportStatus;
  total: number;
  rows: number;
  /** The step to run next. */
  step: number;
  /** The last step a queue message was sent for. */
  sent: number;
  /** Where the next step reads; null before the first row. */
  position: ExportPosition | null;
  /** Bytes written but not uploaded yet: less than one part. */
  carry: Uint8Array;
  objectKey: string;
  uploadId: string;
  parts: R2UploadedPart[];
  bytes: number;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  expiresAt: string | null;
}

/** An export as the API shows its progress. */
export const exportStatusSchema = z.object({
  id: z.string().optional().describe("The job's id; absent for an export small enough to download at once from `url`"),
  status: z.enum(EXPORT_STATUSES),
  rows: z.int().describe("Answer sets written so far"),
  total: z.int().describe("Answer sets in the export when it started (answers arriving meanwhile may add a few)"),
  url: z.string().optional().describe("Where to download the file, once `status` is ready"),
  expiresAt: z.string().optional().describe("Until when the file can be downloaded"),
  error: z.object({ message: z.string(), messageVi: z.string() }).optional().describe("Why there is no file, once `status` is failed"),
});
export type ExportStatusView = z.infer<typeof exportStatusSchema>;

/** Where the finished file of a job is downloaded, under the API's base path. */
const jobFilePath = (id: string) => `/api/v1/exports/${id}/answers.csv`;

const FAILED = {
  message: "The file could not be prepared. Start the export again; if it fails again, tell the system's administrators.",
  messageVi: "Không chuẩn bị được tệp. Hãy xuất lại; nếu vẫn không được, đề nghị báo quản trị hệ thống.",
};

/** A job's progress at `now` as the account that asked sees it; a stalled one has failed. */
export function jobView(job: ExportJob, now: Date): ExportStatusView {
  const { id, status, rows, total } = job;
  if (status === "ready") return { id, status, rows, total, url: jobFilePath(id), ...(job.expiresAt && { expiresAt: job.expiresAt }) };
  if (status === "failed" || stalled(job, now)) return { id, status: "failed", rows, total, error: FAILED };
  return { id, status, rows, total };
}
