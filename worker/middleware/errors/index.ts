import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import type { FieldErrors } from "../../domain/submission.ts";

/** The body of every error the API returns. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe("Stable and machine-readable: clients branch on it."),
    message: z.string().describe("What went wrong and what to do, in English."),
    messageVi: z.string().describe("The same in Vietnamese."),
    fields: z.record(z.string(), z.string()).optional().describe("Per-field problems, for validation errors."),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * An error a caller can act on. Thrown anywhere in a request, it becomes a JSON
 * `{ "error": { code, message, messageVi, fields? } }` response with its status.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly messages: { en: string; vi: string },
    readonly fields?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(messages.en);
  }

  body(): ErrorBody {
    const { code, messages, fields } = this;
    return { error: { code, message: messages.en, messageVi: messages.vi, ...(fields && { fields }) } };
  }
}

/** The 404 for a unit code that names no current unit. */
export function unknownUnit(code: string): ApiError {
  return new ApiError(404, "unknown_unit", {
    en: `There is no unit with code "${code}". Use the official statistics code, e.g. "00004" for a ward, "01" for a province.`,
    vi: `Không có đơn vị mã "${code}". Dùng mã thống kê chính thức, ví dụ "00004" cho phường, "01" cho tỉnh, thành phố.`,
  });
}

/**
 * Whether a thrown value is D1 failing to run a statement for reasons of its own (lost
 * connection, overload, reset), so that the same request may succeed later. Constraint
 * violations and SQL mistakes are the request's or the code's fault, not unavailability.
 */
export function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return /^D1_|Network connection lost/.test(err.message) && !/constraint|D1_TYPE_ERROR|SQLITE_ERROR|no such/i.test(err.message);
}

/**
 * The app's error handler: ApiErrors as themselves, an unavailable database as 503 with
 * Retry-After, anything else as a 500 that hides internals (and is logged).
 */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return c.json(err.body(), err.status, err.headers);
  if (err instanceof HTTPException && err.status < 500) {
    // Hono's own rejections, such as a body that is not JSON at all.
    const rejected = new ApiError(err.status, "bad_request", { en: err.message, vi: "Yêu cầu không hợp lệ: " + err.message });
    return c.json(rejected.body(), err.status);
  }
  if (isUnavailable(err)) {
    const unavailable = new ApiError(503, "unavailable", {
      en: "The service is briefly unavailable; the answer was not stored. Retry after the given seconds.",
      vi: "Hệ thống tạm thời gián đoạn, câu trả lời chưa được lưu. Vui lòng thử lại sau ít giây.",
    }, undefined, { "Retry-After": "5" });
    return c.json(unavailable.body(), 503, unavailable.headers);
  }
  console.error(err);
  const internal = new ApiError(500, "internal", {
    en: "Something went wrong on our side; nothing was changed. Please try again.",
    vi: "Có lỗi phía máy chủ, chưa có gì thay đổi. Vui lòng thử lại.",
  });
  return c.json(internal.body(), 500);
}
