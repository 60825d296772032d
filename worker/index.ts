import { Hono } from "hono";
import type { AppEnv } from "./env.ts";
import { clientHash } from "./middleware/client-hash/index.ts";
import { publicCors } from "./middleware/cors/index.ts";
import { ApiError, handleError } from "./middleware/errors/index.ts";
import { openApiDocument } from "./openapi.ts";
import { auth, authDoc } from "./routes/auth.ts";
import { bench } from "./routes/bench.ts";
import { devices, devicesDoc } from "./routes/devices.ts";
import { csvExports, exportsDoc } from "./routes/exports.ts";
import { feedback, feedbackDoc } from "./routes/feedback.ts";
import { incidents, incidentsDoc } from "./routes/incidents.ts";
import { responses, responsesDoc } from "./routes/responses.ts";
import { stats, statsDoc } from "./routes/stats.ts";
import { surveys, surveysDoc } from "./routes/surveys.ts";
import { units, unitsDoc } from "./routes/units.ts";

const openApi = openApiDocument({ ...surveysDoc, ...responsesDoc, ...authDoc, ...statsDoc, ...unitsDoc, ...feedbackDoc, ...incidentsDoc, ...devicesDoc, ...exportsDoc });

/**
 * The API under /api/v1. Static assets (/widget.js, /demo/, /dashboard/) are served by the
 * assets binding before the worker runs (wrangler.toml), so only API paths reach this app.
 */
const app = new Hono<AppEnv>()
  .basePath("/api/v1")
  .use("/units/:code/survey", publicCors)
  .use("/responses", publicCors)
  .use("/devices/enrol", publicCors)
  .use(clientHash)
  .route("/", surveys)
  .route("/", responses)
  .route("/", bench)
  .route("/", auth)
  .route("/", stats)
  .route("/", units)
  .route("/", feedback)
  .route("/", incidents)
  .route("/", devices)
  .route("/", csvExports)
  .get("/openapi.json", (c) => c.json(openApi));

app.onError(handleError);
app.notFound((c) => {
  const missing = new ApiError(404, "not_found", {
    en: `No API endpoint at ${c.req.method} ${new URL(c.req.url).pathname}; see /api/v1/openapi.json.`,
    vi: `Không có điểm cuối API ${c.req.method} ${new URL(c.req.url).pathname}; xem /api/v1/openapi.json.`,
  });
  return c.json(missing.body(), 404);
});

/** The API's type, for the dashboard's typed client (hono/client). */
export type AppType = typeof app;

export default app;
