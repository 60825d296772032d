import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../errors/index.ts";

const SAFE_METHODS = /^(GET|HEAD|OPTIONS)$/;

/**
 * Refuses a state-changing request that a browser sent from another site: its Origin must be
 * the worker's own (Sec-Fetch-Site, when there is no Origin, must say same-origin). Requests
 * without either come from no browser, so no cookie can be riding on them unasked.
 */
export function assertSameOrigin(c: Context): void {
  if (SAFE_METHODS.test(c.req.method)) return;
  const origin = c.req.header("origin");
  const site = c.req.header("sec-fetch-site");
  const same = origin ? origin === new URL(c.req.url).origin : !site || site === "same-origin" || site === "none";
  if (same) return;
  throw new ApiError(403, "cross_origin", {
    en: "Changes are accepted only from the dashboard's own pages; this request came from another site.",
    vi: "Chỉ chấp nhận thay đổi gửi từ chính trang quản trị; yêu cầu này đến từ một trang khác.",
  });
}

/** assertSameOrigin as middleware, for the routes that change state without a session (login). */
export const sameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  assertSameOrigin(c);
  await next();
});
