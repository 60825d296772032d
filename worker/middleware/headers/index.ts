import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";
import { isLoopback } from "../../domain/origin.ts";

/*
 * Security headers of the worker's responses, one set per route group (worker/index.ts).
 * The static assets (widget, demo, dashboard) get theirs from dist/public/_headers
 * (scripts/build.ts ASSET_HEADERS), since they are served before the worker runs.
 */

/**
 * HSTS: one year, subdomains included (ASVS 5.0 3.4.1). Sent everywhere except on a loopback
 * host, where it would pin localhost to https in the developer's browser for a year; over
 * plain http browsers ignore it anyway.
 */
export const HSTS = "max-age=31536000; includeSubDomains";

type Options = NonNullable<Parameters<typeof secureHeaders>[0]>;

/** secureHeaders with HSTS, except on a loopback host. */
export function secureHeadersWithHsts(options: Options): MiddlewareHandler {
  const remote = secureHeaders({ ...options, strictTransportSecurity: HSTS });
  const local = secureHeaders({ ...options, strictTransportSecurity: false });
  return (c, next) => (isLoopback(new URL(c.req.url)) ? local : remote)(c, next);
}

/**
 * The endpoints other sites use: the widget fetches the survey and posts answers (and a
 * kiosk enrols) from ward portals, and anyone may read the OpenAPI document. secureHeaders'
 * defaults minus what would stop that: Cross-Origin-Resource-Policy is cross-origin, not
 * same-origin, and no X-Frame-Options. nosniff, no-referrer and HSTS as everywhere.
 */
export const publicApiHeaders = secureHeadersWithHsts({
  crossOriginResourcePolicy: "cross-origin",
  xFrameOptions: false,
});

/** Private responses (accounts, figures, complaints, exports) are never kept by a browser or a proxy. */
const noStore = createMiddleware(async (c, next) => {
  await next();
  c.res.headers.set("Cache-Control", "no-store");
});

/**
 * Everything else the worker answers: the dashboard's API (only its own origin reads it),
 * its errors, and a 404 for any path. secureHeaders' defaults (CORP same-origin, nosniff,
 * no-referrer, HSTS), a CSP that lets a response load nothing and be framed by nobody,
 * X-Frame-Options DENY for older browsers, and Cache-Control: no-store.
 */
export const privateApiHeaders: MiddlewareHandler[] = [
  secureHeadersWithHsts({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: "DENY",
  }),
  noStore,
];
