import { Hono } from "hono";
import { except } from "hono/combine";
import type { AppEnv, Bindings } from "./env.ts";
import type { ExportStep } from "./jobs/export-job.ts";
import { clientHash } from "./middleware/client-hash/index.ts";
import { publicCors } from "./middleware/cors/index.ts";
import { ApiError, handleError } from "./middleware/errors/index.ts";
import { privateApiHeaders, publicApiHeaders } from "./middleware/headers/index.ts";
import { keepBookmarks, store } from "./middleware/store/index.ts";
import { openApiDocument } from "./openapi.ts";
import { hostedPage } from "./pages/hosted-page.ts";
import { publicResultsPage } from "./pages/public-results.ts";
import { exportQueue } from "./queue/export-steps.ts";
import { accounts, accountsDoc } from "./routes/accounts.ts";
import { audit, auditDoc } from "./routes/audit.ts";
import { auth, authDoc } from "./routes/auth.ts";
import { bench } from "./routes/bench.ts";
import { devices, devicesDoc } from "./routes/devices.ts";
import { csvExports, exportsDoc } from "./routes/exports.ts";
import { feedback, feedbackDoc } from "./routes/feedback.ts";
import { incidents, incidentsDoc } from "./routes/incidents.ts";
import { mergers, mergersDoc } from "./routes/mergers.ts";
import { publications, publicationsDoc } from "./routes/publications.ts";
import { receipts, receiptsDoc } from "./routes/receipts.ts";
import { reports, reportsDoc } from "./routes/reports.ts";
import { qr, qrDoc } from "./routes/qr.ts";
import { responses, responsesDoc } from "./routes/responses.ts";
import { stats, statsDoc } from "./routes/stats.ts";
import { surveyAdmin, surveyAdminDoc } from "./routes/survey-admin.ts";
import { surveys, surveysDoc } from "./routes/surveys.ts";
import { units, unitsDoc } from "./routes/units.ts";

/** The endpoints other sites call (the widget, a kiosk) or read (the API description, a poster's QR code); the rest is private. */
const PUBLIC_ENDPOINTS = ["/units/:code/survey", "/responses", "/devices/enrol", "/receipts/:code", "/units/:code/qr.svg", "/openapi.json"];

/** The endpoints that need no session: the public ones, the login that makes one, and the link that sets a password. */
const SESSIONLESS_ENDPOINTS = [...PUBLIC_ENDPOINTS, "/auth/login", "/invitations/accept"];

const openApi = openApiDocument(
  { ...surveysDoc, ...responsesDoc, ...authDoc, ...statsDoc, ...unitsDoc, ...feedbackDoc, ...incidentsDoc, ...devicesDoc, ...exportsDoc, ...accountsDoc, ...auditDoc, ...surveyAdminDoc, ...mergersDoc, ...qrDoc, ...receiptsDoc, ...publicationsDoc, ...reportsDoc },
  { sessionless: SESSIONLESS_ENDPOINTS },
);

/**
 * The API under /api/v1. Static assets (/widget.js, /demo/, /dashboard/, /api/docs/) are served by the
 * assets binding before the worker runs (wrangler.toml), so only API paths reach this app,
 * the hosted survey pages /s/<code> and the published results /cong-khai/<code> (worker/pages,
 * with headers of their own), and paths that
 * are no asset (they get the 404 below).
 *
 * Security headers per route group (worker/middleware/headers): the public endpoints' stay
 * embeddable by any site; every other response is private. The private set is registered
 * before basePath, so it covers every response outside the public endpoints, a 404 for a
 * path outside /api/v1 included.
 */
const app = new Hono<AppEnv>()
  .use(except([...PUBLIC_ENDPOINTS.map((path) => `/api/v1${path}`), "/s/:code", "/cong-khai/:code"], ...privateApiHeaders, keepBookmarks))
  .route("/", hostedPage)
  .route("/", publicResultsPage)
  .basePath("/api/v1")
  .use("/units/:code/survey", publicApiHeaders, publicCors)
  .use("/responses", publicApiHeaders, publicCors)
  .use("/devices/enrol", publicApiHeaders, publicCors)
  .use("/receipts/:code", publicApiHeaders, publicCors)
  .use("/units/:code/qr.svg", publicApiHeaders)
  .use("/openapi.json", publicApiHeaders)
  .use(clientHash, store)
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
  .route("/", accounts)
  .route("/", audit)
  .route("/", mergers)
  .route("/", surveyAdmin)
  .route("/", qr)
  .route("/", receipts)
  .route("/", reports)
  .route("/", publications)
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

/**
 * The worker: the app answers requests (fetch) and, as the consumer of the export queue
 * (wrangler.toml), runs the steps of export jobs (queue). Still the app itself, so that tests
 * and scripts may call `app.request()`.
 */
export default Object.assign(app, { queue: exportQueue } satisfies ExportedHandler<Bindings, ExportStep>);
