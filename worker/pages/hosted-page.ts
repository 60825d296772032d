import { Hono } from "hono";
import { NONCE } from "hono/secure-headers";
import type { Lang } from "../domain/text.ts";
import type { AppEnv } from "../env.ts";
import { publicSurveyOf } from "../http/public-survey.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { secureHeadersWithHsts } from "../middleware/headers/index.ts";
import { store } from "../middleware/store/index.ts";
import { fill, pageSlots, template } from "./template.ts";

/*
 * The hosted survey page, /s/<unit code>: what a QR code at the counter opens, for a commune,
 * a desk or an official. On slow mobile data every round trip costs seconds, so the page is
 * one response: the unit's survey (the widget's `preloaded`), the style, the widget and the
 * page's own script all inline. It is the worker's own origin, which every unit allows.
 * `?kiosk` shows it as a desk's tablet does (worker/domain/survey-page.ts kioskPageUrl).
 */

/**
 * A strict CSP: nothing runs or styles the page but what carries this response's nonce, and
 * what that code loads itself (the widget's chunks, Turnstile's script where a unit requires
 * it, whose check is the only frame). It connects to its own origin only (the answers, the
 * receipt lookups) and is framed by nobody.
 */
const pageHeaders = secureHeadersWithHsts({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: [NONCE, "'strict-dynamic'"],
    styleSrc: [NONCE],
    // The empty favicon (data:,), which spares a phone the request for /favicon.ico.
    imgSrc: ["data:"],
    connectSrc: ["'self'"],
    frameSrc: [(c) => new URL(c.env.TURNSTILE_SCRIPT_URL).origin],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: "DENY",
});

// The headers go on every response at the page's address, whatever the method.
export const hostedPage = new Hono<AppEnv>().use("/s/:code", pageHeaders, store).get("/s/:code", async (c) => {
  const lang: Lang = c.req.query("lang") === "en" ? "en" : "vi";
  const nonce = c.get("secureHeadersNonce")!;
  // Each response has a nonce of its own, which a cached copy would reuse.
  c.header("Cache-Control", "no-store");
  try {
    // The worker itself puts the survey in the page: there is no origin to check.
    const survey = await publicSurveyOf(c, { unit: c.req.param("code") }, undefined);
    return c.html(fill(await template(c.env.ASSETS, "page"), pageSlots(survey, { lang, caseCode: c.req.query("ma") ?? "", kiosk: c.req.query("kiosk") !== undefined }, nonce)));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    // The API's explanation, in both languages: a unit that closed is gone for good, anything
    // else (an unknown code, a province's) has no survey page.
    const page = fill(await template(c.env.ASSETS, "unavailable"), { nonce, lang, vi: err.messages.vi, en: err.messages.en });
    return c.html(page, err.code === "unit_closed" ? 410 : 404);
  }
});
