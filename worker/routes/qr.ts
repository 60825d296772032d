import { Hono } from "hono";
import { etag } from "hono/etag";
import { z } from "zod";
import { unitContext } from "../db/contexts.ts";
import { qrSvg } from "../domain/qr.ts";
import { surveyPageUrl } from "../domain/survey-page.ts";
import { unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { usableContext } from "../http/public-unit.ts";
import { errors, parameters } from "../openapi.ts";

/**
 * The QR code a unit's poster prints: it opens the unit's hosted survey page on this host.
 * A code is drawn only for a unit whose page takes answers, by the survey endpoint's own
 * checks: an unknown unit is a 404, and so is a closed one (`unit_closed`), since a poster
 * printed for it would send citizens to a page that no longer takes their rating; a
 * province, which serves no citizens itself, is a 400.
 */
export const qr = new Hono<AppEnv>().get("/units/:code/qr.svg", etag(), async (c) => {
  const unit = c.req.param("code");
  const { code } = usableContext(await unitContext(c.var.store, { unit }), { unit }, undefined);
  // The address for a code never changes; a day's freshness lets a closure reach caches soon.
  c.header("Cache-Control", "public, max-age=86400");
  return c.body(qrSvg(surveyPageUrl(new URL(c.req.url).origin, code)), 200, { "Content-Type": "image/svg+xml" });
});

/** OpenAPI description of this module's paths. */
export const qrDoc = {
  "/units/{code}/qr.svg": {
    get: {
      summary: "The QR code of a unit's hosted survey page, for its poster",
      description:
        "An SVG of the bare code of `/s/{code}` on this host, for a commune, desk or official that takes answers: error correction M or higher, a four-module quiet zone, crisp edges, scalable. Cacheable for a day; revalidate with If-None-Match.",
      parameters: parameters("path", z.object({ code: unitCode })),
      responses: {
        "200": { description: "The QR code", content: { "image/svg+xml": { schema: { type: "string" } } } },
        "304": { description: "Not modified" },
        ...errors(400, 404, 503),
      },
    },
  },
};
