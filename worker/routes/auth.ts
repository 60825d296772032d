import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { createSession, revokeSession } from "../db/sessions.ts";
import { checkCredentials } from "../db/users.ts";
import { userSchema, userView } from "../domain/access.ts";
import { randomToken, sha256Hex } from "../domain/digest.ts";
import { ABSOLUTE_MS, deviceToken, DEVICE_TRUST_MS, ENDED_KEPT_MS, expiryAfterUse, IDLE_MS, knownDevice } from "../domain/session.ts";
import type { AppEnv } from "../env.ts";
import { enforceLimit, LIMIT_WINDOW_SECONDS } from "../http/rate-limit.ts";
import { sameOrigin } from "../middleware/csrf/index.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { jsonBody, requireJson } from "../middleware/json-body/index.ts";
import {
  assertSecureTransport,
  clearSessionCookie,
  DEVICE_COOKIE,
  deviceCookie,
  SESSION_COOKIE,
  setDeviceCookie,
  setSessionCookie,
  signedIn,
} from "../middleware/session/index.ts";
import { errors, json } from "../openapi.ts";

const loginSchema = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email("an email address").max(254)),
  password: z.string().min(1, "required").max(1024),
});

const invalidCredentials = () =>
  new ApiError(401, "invalid_credentials", {
    en: "The email or the password is wrong.",
    vi: "Email hoặc mật khẩu không đúng.",
  });

const TOO_MANY_ATTEMPTS = {
  en: `Too many login attempts; try again in ${LIMIT_WINDOW_SECONDS} seconds.`,
  vi: `Đăng nhập quá nhiều lần; vui lòng thử lại sau ${LIMIT_WINDOW_SECONDS} giây.`,
};

/** Counts one login attempt under a key; 429 with Retry-After when the key is over its limit. */
const countAttempt = (limiter: RateLimit, key: string) => enforceLimit(limiter, key, TOO_MANY_ATTEMPTS);

/*
 * Password guessing is held up without locking the account's owner out. Every attempt
 * counts before the password is checked, under keys made of the email as typed and the
 * daily client hash, whether or not the account exists (so the limits reveal nothing
 * either), and a refused attempt counts no further (wrangler.toml has the numbers):
 * - from a known device of the account (a browser that logged in to it with its password
 *   before, worker/domain/session.ts): 5 a minute per device, and nothing else;
 * - from any other browser: 5 a minute per account and address, 10 a minute per address
 *   (all accounts together), then 15 a minute per account (all such browsers together).
 * Hammering an account from one address is stopped after 5 guesses a minute, which never
 * fill the account's limit: its owner still logs in from any other address. Guessing from
 * many addresses fills it; until that minute is over, the account takes logins only from
 * its known devices, so the owner's usual browsers get in and only a new one has to wait.
 */
async function limitAttempt(env: AppEnv["Bindings"], email: string, clientHash: string, device: string | null): Promise<void> {
  if (device) return countAttempt(env.LOGIN_GUESS_LIMITER, `device:${device}`);
  await countAttempt(env.LOGIN_GUESS_LIMITER, `account:${email}:client:${clientHash}`);
  await countAttempt(env.LOGIN_LIMITER, `client:${clientHash}`);
  await countAttempt(env.LOGIN_ACCOUNT_LIMITER, `account:${email}`);
}

/** Refuses plain http outside loopback, where the session cookie cannot be kept (worker/middleware/session). */
const secureTransport = createMiddleware<AppEnv>(async (c, next) => {
  assertSecureTransport(c);
  await next();
});

/** Logging in and out of the dashboard. */
export const auth = new Hono<AppEnv>()
  .post("/auth/login", sameOrigin, secureTransport, requireJson(4 * 1024), jsonBody(loginSchema), async (c) => {
    const { email, password } = c.req.valid("json");
    const now = new Date();
    const device = await knownDevice(c.env.CLIENT_HASH_SECRET, email, deviceCookie(c), now);
    await limitAttempt(c.env, email, c.var.clientHash, device);
    // The same work and the same answer for an unknown account as for a wrong password.
    const user = await checkCredentials(c.var.store, email, password);
    if (!user) throw invalidCredentials();

    const token = randomToken();
    await createSession(c.var.store, await sha256Hex(token), user.id, now, expiryAfterUse(now, now), new Date(now.getTime() - ENDED_KEPT_MS));
    setSessionCookie(c, token);
    setDeviceCookie(c, await deviceToken(c.env.CLIENT_HASH_SECRET, email, now));
    return c.json({ user: userView(user) }, 200);
  })
  .post("/auth/logout", signedIn, async (c) => {
    await revokeSession(c.var.store, c.var.sessionId, new Date());
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .get("/auth/me", signedIn, (c) => c.json({ user: userView(c.var.user) }, 200));

const userBody = z.object({ user: userSchema });
const hours = (ms: number) => ms / 3_600_000;

/** OpenAPI description of this module's paths. */
export const authDoc = {
  "/auth/login": {
    post: {
      summary: "Log in to the dashboard",
      description: `Sets the session cookie \`${SESSION_COOKIE}\` (HttpOnly, Secure, SameSite=Lax) and \`${DEVICE_COOKIE}\`, which marks the browser a known device of the account (HttpOnly, Secure, SameSite=Strict, ${DEVICE_TRUST_MS / 86_400_000} days). A session ends after ${hours(IDLE_MS)} hours unused, ${hours(ABSOLUTE_MS) / 24} days after login at the latest, or at logout. Only from the dashboard's own origin, and only over https or on a loopback host (403 \`https_required\` otherwise). Rate limited (429 with Retry-After): per known device; from other browsers per account and address, per address, and per account; an unknown email is limited like a known one.`,
      requestBody: { required: true, ...json(loginSchema, "Email and password") },
      responses: { "200": json(userBody, "Logged in"), ...errors(400, 401, 403, 413, 415, 429, 503) },
    },
  },
  "/auth/logout": {
    post: {
      summary: "Log out: ends the session at once",
      responses: { "204": { description: "Logged out" }, ...errors(401, 403, 503) },
    },
  },
  "/auth/me": {
    get: {
      summary: "The logged-in account",
      responses: { "200": json(userBody, "The account"), ...errors(401, 403, 503) },
    },
  },
};
