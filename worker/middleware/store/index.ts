import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { forgetContexts } from "../../db/contexts.ts";
import { bookmarksOf, storeFrom, type Bookmarks } from "../../db/store.ts";
import type { AppEnv } from "../../env.ts";
import { SESSION_COOKIE } from "../session/index.ts";

/*
 * Read your own writes: a dashboard request that changes something leaves, in a cookie, the
 * D1 bookmarks of the databases it used; the account's next requests start their sessions
 * there, so a replica that has not caught up yet never shows a page without the change.
 * Replicas catch up within seconds; the cookie outlives that comfortably.
 */
const BOOKMARKS = "hl_bookmarks";
const BOOKMARKS_KEPT_S = 300;

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The bookmarks a request carries; none if the cookie is missing or not ours. */
function bookmarksIn(c: Context): Bookmarks {
  try {
    const parsed: unknown = JSON.parse(getCookie(c, BOOKMARKS, "host") ?? "{}");
    if (typeof parsed !== "object" || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === "string"));
  } catch {
    return {};
  }
}

/**
 * Sets `store`: the catalog and the province shards behind the worker's D1 bindings, each in
 * a D1 session, from the request's bookmarks if it has them.
 */
export const store = createMiddleware<AppEnv>(async (c, next) => {
  c.set("store", storeFrom(c.env, bookmarksIn(c)));
  await next();
});

/** Whether a response ends the session (a logout): nothing is read back after it. */
const endsSession = (res: Response) => res.headers.getSetCookie().some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=;`));

/**
 * After a request that changed something (a login, a decision, a new kiosk), keeps the
 * bookmarks of the databases it used in the cookie, and this isolate forgets what it kept of
 * the units' settings (db/contexts.ts), so that the change applies at once here. For the
 * dashboard's API only: the public endpoints answer other sites' pages, which read nothing
 * back, and change no setting. A refused request changed nothing, and a logout leaves nobody
 * to read.
 */
export const keepBookmarks = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const store = c.get("store");
  if (READS.has(c.req.method) || !store || !c.res.ok) return;
  forgetContexts();
  if (endsSession(c.res)) return;
  const bookmarks = bookmarksOf(store);
  if (Object.keys(bookmarks).length === 0) return;
  setCookie(c, BOOKMARKS, JSON.stringify(bookmarks), { prefix: "host", httpOnly: true, sameSite: "Strict", maxAge: BOOKMARKS_KEPT_S });
});
