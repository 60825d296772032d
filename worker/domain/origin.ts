const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether a URL is on this machine (local development, the browser tests). */
export function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname);
}

/**
 * Whether a request's Origin is allowed without looking at any unit's list:
 * - no Origin at all (not a browser's cross-origin request: curl, a server, a kiosk app);
 * - the worker's own origin (the demo portal and the dashboard it serves);
 * - any loopback origin while the worker itself runs on loopback (local development), so a
 *   page on another local port can embed the widget.
 */
export function originImplicitlyAllowed(origin: string | undefined, self: string): boolean {
  if (!origin) return true;
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false;
  }
  const own = new URL(self);
  return from.origin === own.origin || (isLoopback(own) && isLoopback(from));
}
