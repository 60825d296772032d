import { Hono } from "hono";
import { z } from "zod";
import { findByReceipt } from "../db/feedback.ts";
import { receiptViewSchema } from "../domain/feedback.ts";
import { normalizeReceipt } from "../domain/receipt.ts";
import type { AppEnv } from "../env.ts";
import { enforceLimit } from "../http/rate-limit.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { errors, json, parameters } from "../openapi.ts";

const malformed = new ApiError(
  400,
  "invalid",
  {
    en: "This is not a receipt code: a receipt code has 10 letters and digits, e.g. K7QM4-XPZ2D.",
    vi: "Mã tra cứu phản ánh không đúng: mã gồm 10 chữ và số, ví dụ K7QM4-XPZ2D.",
  },
  { code: "a receipt code of two groups of five, e.g. K7QM4-XPZ2D" },
);

const unknownReceipt = (code: string) =>
  new ApiError(404, "unknown_receipt", {
    en: `No complaint has the receipt code ${code}. Check the code; a complaint sent without a connection can be followed once it has reached us.`,
    vi: `Không có phản ánh nào mang mã tra cứu ${code}. Vui lòng kiểm tra lại mã; phản ánh gửi lúc mất mạng sẽ tra cứu được khi đã đến được hệ thống.`,
  });

const erasedReceipt = (code: string) =>
  new ApiError(404, "receipt_erased", {
    en: `The complaint with the receipt code ${code} was erased on request and can no longer be followed.`,
    vi: `Phản ánh mang mã tra cứu ${code} đã được xóa theo yêu cầu nên không còn tra cứu được.`,
  });

/**
 * The public lookup of a receipt code: how far its complaint is, and the unit's reply. Limited
 * per client, so that codes cannot be guessed. A complaint whose text was erased is erased
 * for its receipt too: the code led to what the citizen wrote, which is gone for good.
 */
export const receipts = new Hono<AppEnv>().get("/receipts/:code", async (c) => {
  await enforceLimit(c.env.RECEIPT_LIMITER, `receipt:${c.var.clientHash}`);
  const code = normalizeReceipt(c.req.param("code"));
  if (!code) throw malformed;
  const found = await findByReceipt(c.var.store, code);
  if (!found) throw unknownReceipt(code);
  if (found.erasedAt) throw erasedReceipt(code);
  const { erasedAt: _, ...view } = found;
  // Whoever holds the code may look it up, and only they: no cache keeps it.
  c.header("Cache-Control", "no-store");
  return c.json(view, 200);
});

/** OpenAPI description of this module's paths. */
export const receiptsDoc = {
  "/receipts/{code}": {
    get: {
      summary: "Follow a complaint with its receipt code",
      description:
        "The receipt code the widget showed when the citizen sent a reason or a comment: the complaint's status, when it was received and last changed (status or reply), and the unit's public reply if any. Never what the citizen wrote, the unit's notes or who handled it. Case, spaces and dashes in the code do not matter; a malformed code gets 400, an unknown one 404 `unknown_receipt`, one whose complaint was erased on request 404 `receipt_erased`. Rate limited per client.",
      parameters: parameters("path", z.object({ code: z.string().describe("As typed, e.g. K7QM4-XPZ2D or k7qm4 xpz2d") })),
      responses: { "200": json(receiptViewSchema, "The complaint as its receipt shows it"), ...errors(400, 404, 429, 503) },
    },
  },
};
