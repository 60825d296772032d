import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { extendSession, findLiveSession } from "../../db/sessions.ts";
import { scopedUnit } from "../../db/units.ts";
import { canChange, isOfficial, mayViewOfficials, type SessionUser, type UnitView } from "../../domain/access.ts";
import { sha256Hex } from "../../domain/digest.ts";
import { ABSOLUTE_MS, refreshedExpiry } from "../../domain/session.ts";
import type { AppEnv } from "../../env.ts";
import { assertSameOrigin } from "../csrf/index.ts";
import { ApiError, unknownUnit } from "../errors/index.ts";

/** The cookie that carries the session token. */
export const SESSION_COOKIE = "hl_session";

/** The environment of routes behind `signedIn`. */
export interface PrivateEnv extends AppEnv {
  Variables: AppEnv["Variables"] & {
    user: SessionUser;
    /** The stored id of the session: the SHA-256 of its token. */
    sessionId: string;
  };
}

const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/;

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure except on a loopback host (local development). */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: !LOOPBACK.test(new URL(c.req.url).hostname),
    maxAge: ABSOLUTE_MS / 1000,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: !LOOPBACK.test(new URL(c.req.url).hostname) });
}

const unauthenticated = () =>
  new ApiError(401, "unauthenticated", {
    en: "Not logged in, or the session has ended. Log in again.",
    vi: "Chưa đăng nhập hoặc phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.",
  });

/**
 * Admits requests with a live session and sets `user` and `sessionId`; 401 otherwise. A
 * state-changing request must also come from the dashboard's own origin (CSRF). Each use
 * moves the idle expiry forward (worker/domain/session.ts).
 */
export const signedIn = createMiddleware<PrivateEnv>(async (c, next) => {
  assertSameOrigin(c);
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) throw unauthenticated();
  const id = await sha256Hex(token);
  const now = new Date();
  const session = await findLiveSession(c.env.DB, id, now);
  if (!session) throw unauthenticated();
  const expiresAt = refreshedExpiry(session.createdAt, session.expiresAt, now);
  if (expiresAt) await extendSession(c.env.DB, id, expiresAt);
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
  const unit = await scopedUnit(c.env.DB, code, user.unit.code);
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
