import { ApiError } from "../middleware/errors/index.ts";

/**
 * Verifies a Cloudflare Turnstile token for a unit that requires one; throws 403 when the
 * token is missing or refused, 503 when the deployment lacks the secret or Turnstile cannot
 * be reached (the widget keeps the answer and retries).
 */
export async function verifyTurnstile(
  { secret, verifyUrl }: { secret: string | undefined; verifyUrl: string },
  token: string | undefined,
  ip: string | undefined,
): Promise<void> {
  if (!token) {
    throw new ApiError(403, "turnstile_required", {
      en: "This unit requires a Turnstile check with each answer; the token is missing.",
      vi: "Đơn vị này yêu cầu xác minh Turnstile kèm câu trả lời; thiếu mã xác minh.",
    });
  }
  const unavailable = new ApiError(503, "turnstile_unavailable", {
    en: "The Turnstile check could not be made just now; the answer was not stored. Retry shortly.",
    vi: "Chưa thể xác minh Turnstile lúc này, câu trả lời chưa được lưu. Vui lòng thử lại sau.",
  }, undefined, { "Retry-After": "10" });
  if (!secret) throw unavailable;
  const form = new FormData();
  form.set("secret", secret);
  form.set("response", token);
  if (ip) form.set("remoteip", ip);
  let outcome: { success?: boolean };
  try {
    const res = await fetch(verifyUrl, { method: "POST", body: form });
    outcome = await res.json();
  } catch {
    throw unavailable;
  }
  if (!outcome.success) {
    throw new ApiError(403, "turnstile_failed", {
      en: "The Turnstile check failed; reload the page and answer again.",
      vi: "Xác minh Turnstile không thành công; vui lòng tải lại trang và trả lời lại.",
    });
  }
}
