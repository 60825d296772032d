import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../errors/index.ts";

/**
 * CORS for the endpoints the widget calls from ward portals. It answers preflights and lets
 * any origin read responses; whether an origin may actually use a unit is decided per unit
 * by the route, which answers 403 otherwise. The 403 must stay readable: a widget that sees
 * an opaque network error would keep the answer queued and retry forever, while a readable
 * 403 tells it (and the ward's web editor, in the console) that this site is not allowed.
 */
export const publicCors = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header("origin");
  if (c.req.method === "OPTIONS") {
    return c.body(null, 204, {
      ...(origin && { "Access-Control-Allow-Origin": origin }),
      "Access-Control-Allow-Methods": "GET, POST",
      "Access-Control-Allow-Headers": "Content-Type",
      "Access-Control-Max-Age": "86400",
      Vary: "Origin",
    });
  }
  await next();
  if (origin) {
    c.res.headers.set("Access-Control-Allow-Origin", origin);
    c.res.headers.set("Access-Control-Expose-Headers", "Retry-After, ETag");
    c.res.headers.append("Vary", "Origin");
  }
});

/** The 403 for a page whose origin is not on the unit's list of allowed origins. */
export function originRefused(origin: string, unit: string): ApiError {
  return new ApiError(403, "origin_not_allowed", {
    en: `${origin} is not an allowed site for unit ${unit}. Ask the unit's manager to add it under Embed in the dashboard.`,
    vi: `Trang ${origin} chưa được phép nhúng khảo sát của đơn vị ${unit}. Đề nghị quản trị đơn vị thêm trang này trong mục Nhúng của trang quản trị.`,
  });
}
