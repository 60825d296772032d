import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { extendSession, findLiveSession } from "../../db/sessions.ts";
import { scopedUnit } from "../../db/units.ts";
import { canChange, isOfficial, mayViewOfficials, type SessionUser, type UnitView } from "../../domain/access.ts";
import { sha256Hex } from "../../domain/digest.ts";
import { ABSOLUTE_MS, DEVICE_TRUST_MS, refreshedExpiry } from "../../domain/session.ts";
import type { AppEnv } from "../../env.ts";
import { assertSameOrigin } from "../csrf/index.ts";
import { ApiError, unknownUnit } from "../errors/index.ts";
import { isLoopback } from "../../domain/origin.ts";

/*
 * The cookies take the __Host- prefix: the browser keeps them only if they are Secure, for
 * Path=/ and without Domain, so no other host (a sibling subdomain, a page on plain http)
 * can set or shadow them. Browsers accept Secure cookies over https and, as secure contexts,
 * on http://localhost and http://127.0.0.1 (local development, the browser tests); on plain
 * http elsewhere they would drop them and the token would travel in clear text, so there the
 * dashboard's API refuses to log in or serve a session (403 https_required) rather than fall
 * back to a weaker cookie.
 */
const SESSION = "hl_session";
const DEVICE = "hl_device";

/** The cookie that carries the session token. */
export const SESSION_COOKIE = `__Host-${SESSION}`;

/** The cookie that marks a known device of an account (worker/domain/session.ts). */
export const DEVICE_COOKIE = `__Host-${DEVICE}`;

/** The environment of routes behind `signedIn`. */
export interface PrivateEnv extends AppEnv {
  Variables: AppEnv["Variables"] & {
    user: SessionUser;
    /** The stored id of the session: the SHA-256 of its token. */
    sessionId: string;
  };
}

/** Throws 403 unless the request came over https or to a loopback host (see above). */
export function assertSecureTransport(c: Context): void {
  const url = new URL(c.req.url);
  if (url.protocol === "https:" || isLoopback(url)) return;
  throw new ApiError(403, "https_required", {
    en: `The dashboard works only over https: open https://${url.host}/dashboard/.`,
    vi: `Trang quản trị chỉ hoạt động qua https: hãy mở https://${url.host}/dashboard/.`,
  });
}

/** Sets the session cookie: __Host-, HttpOnly, SameSite=Lax, for the longest a session may last. */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION, token, { prefix: "host", httpOnly: true, sameSite: "Lax", maxAge: ABSOLUTE_MS / 1000 });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION, { prefix: "host", httpOnly: true, sameSite: "Lax" });
}

/** Marks this browser a known device of the account it just logged in to; SameSite=Strict, as only the login reads it. */
export function setDeviceCookie(c: Context, token: string): void {
  setCookie(c, DEVICE, token, { prefix: "host", httpOnly: true, sameSite: "Strict", maxAge: DEVICE_TRUST_MS / 1000 });
}

/** The known-device token the browser sent, if any. */
export function deviceCookie(c: Context): string | undefined {
  return getCookie(c, DEVICE, "host");
}

const unauthenticated = () =>
  new ApiError(401, "unauthenticated", {
    en: "Not logged in, or the session has ended. Log in again.",
    vi: "Chưa đăng nhập hoặc phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.",
  });

/**
 * Admits requests with a live session and sets `user` and `sessionId`; 401 otherwise. A
 * state-changing request must also come from the dashboard's own origin (CSRF), and every
 * request over https or to a loopback host (403 otherwise, see above). Each use
 * moves the idle expiry forward (worker/domain/session.ts).
 */
export const signedIn = createMiddleware<PrivateEnv>(async (c, next) => {
  assertSameOrigin(c);
  assertSecureTransport(c);
  const token = getCookie(c, SESSION, "host");
  if (!token) throw unauthenticated();
  const id = await sha256Hex(token);
  const now = new Date();
  const session = await findLiveSession(c.var.store, id, now);
  if (!session) throw unauthenticated();
  const expiresAt = refreshedExpiry(session.createdAt, session.expiresAt, now);
  if (expiresAt) await extendSession(c.var.store, id, expiresAt);
  c.set("user", session.user);
  c.set("sessionId", id);
  await next();
});

/** What a scope check may additionally require. */
interface ScopeNeeds {
  /** The account must be allowed to change things (not a viewer). */
  change?: boolean;
  /** The unit's figures are asked for (an official's are for managers and admins only). */
  figures?: boolean;
}

/**
 * The unit with this code, provided the account may use it: 404 for an unknown code, 403 for
 * a unit outside the account's subtree, for a change by a viewer, or for an official's
 * figures asked by a viewer.
 */
export async function unitInScope(c: Context<PrivateEnv>, code: string, needs: ScopeNeeds = {}): Promise<UnitView> {
  const user = c.var.user;
  const unit = await scopedUnit(c.var.store, code, user.unit.code);
  if (!unit) throw unknownUnit(code);
  if (!unit.inScope) throw outOfScope(code, user);
  if (needs.change) assertMayChange(user);
  if (needs.figures && isOfficial(unit.kind) && !mayViewOfficials(user.role)) {
    throw new ApiError(403, "officials_restricted", {
      en: "An individual official's figures are shown only to the managers of their unit.",
      vi: "Số liệu của từng công chức chỉ hiển thị cho lãnh đạo, quản lý đơn vị của công chức đó.",
    });
  }
  const { inScope: _, ...view } = unit;
  return view;
}

/** The 403 for a unit or item outside the account's subtree. */
export function outOfScope(what: string, user: SessionUser): ApiError {
  return new ApiError(403, "out_of_scope", {
    en: `${what} is outside your account's units (${user.unit.name}).`,
    vi: `${what} nằm ngoài phạm vi đơn vị của tài khoản (${user.unit.name}).`,
  });
}

/** Throws 403 unless the account may change things. */
export function assertMayChange(user: SessionUser): void {
  if (canChange(user.role)) return;
  throw new ApiError(403, "read_only", {
    en: "Your account can read but not change anything; ask a manager of your unit.",
    vi: "Tài khoản của bạn chỉ được xem, không được thay đổi; đề nghị liên hệ quản lý đơn vị.",
  });
}

/**
 * For a change to one item of a subtree (a complaint, an incident, a kiosk): 403 for a
 * read-only account, `unknown` when there is no such item, 403 for one outside the account's
 * units. `scope` is what the item's scope query found.
 */
export function assertMayChangeItem(user: SessionUser, scope: { inScope: number } | null, what: string, unknown: ApiError): void {
  assertMayChange(user);
  if (!scope) throw unknown;
  if (!scope.inScope) throw outOfScope(what, user);
}
