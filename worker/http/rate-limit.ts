import { ApiError } from "../middleware/errors/index.ts";

/** Workers' rate-limiting binding counts in fixed windows of this many seconds (wrangler.toml). */
const WINDOW_SECONDS = 60;

const TOO_MANY = {
  en: `Too many requests from this address; try again in ${WINDOW_SECONDS} seconds.`,
  vi: `Quá nhiều yêu cầu từ địa chỉ này; vui lòng thử lại sau ${WINDOW_SECONDS} giây.`,
};

/**
 * Counts one request against a limiter under a key; throws 429 with Retry-After (and these
 * words, or the general ones) when the key is over its limit for the current window.
 */
export async function enforceLimit(limiter: RateLimit, key: string, messages = TOO_MANY): Promise<void> {
  const { success } = await limiter.limit({ key });
  if (success) return;
  throw new ApiError(429, "rate_limited", messages, undefined, { "Retry-After": String(WINDOW_SECONDS) });
}

/** The window of every limiter, in seconds. */
export const LIMIT_WINDOW_SECONDS = WINDOW_SECONDS;
