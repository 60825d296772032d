import { Hono } from "hono";
import { z } from "zod";
import { createSession, revokeSession } from "../db/sessions.ts";
import { findCredentials } from "../db/users.ts";
import { userSchema, userView } from "../domain/access.ts";
import { randomToken, sha256Hex } from "../domain/digest.ts";
import { UNMATCHABLE_HASH, verifyPassword } from "../domain/password.ts";
import { ABSOLUTE_MS, expiryAfterUse, IDLE_MS } from "../domain/session.ts";
import type { AppEnv } from "../env.ts";
import { sameOrigin } from "../middleware/csrf/index.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { jsonBody, requireJson } from "../middleware/json-body/index.ts";
import { enforceLimit } from "../http/rate-limit.ts";
import { clearSessionCookie, setSessionCookie, signedIn } from "../middleware/session/index.ts";
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

/** Logging in and out of the dashboard. */
export const auth = new Hono<AppEnv>()
  .post("/auth/login", sameOrigin, requireJson(4 * 1024), jsonBody(loginSchema), async (c) => {
    const { email, password } = c.req.valid("json");
    await enforceLimit(c.env.LOGIN_LIMITER, `email:${email}`);
    await enforceLimit(c.env.LOGIN_LIMITER, `client:${c.var.clientHash}`);
    const account = await findCredentials(c.env.DB, email);
    // An unknown email costs the same hashing as a wrong password, so timing tells nothing.
    const matches = await verifyPassword(password, account?.passwordHash ?? UNMATCHABLE_HASH);
    if (!account || !matches) throw invalidCredentials();

    const token = randomToken();
    const now = new Date();
    await createSession(c.env.DB, await sha256Hex(token), account.user.id, now, expiryAfterUse(now, now));
    setSessionCookie(c, token);
    return c.json({ user: userView(account.user) }, 200);
  })
  .post("/auth/logout", signedIn, async (c) => {
    await revokeSession(c.env.DB, c.var.sessionId, new Date());
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
      description: `Sets the session cookie \`hl_session\` (HttpOnly, SameSite=Lax, Secure except on loopback). A session ends after ${hours(IDLE_MS)} hours unused, ${hours(ABSOLUTE_MS) / 24} days after login at the latest, or at logout. Rate limited per email and per client. Only from the dashboard's own origin.`,
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
      responses: { "200": json(userBody, "The account"), ...errors(401, 503) },
    },
  },
};
