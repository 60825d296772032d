/*
 * How long a dashboard login lasts: it ends after IDLE_MS without a request, and in any
 * case ABSOLUTE_MS after logging in, whichever comes first. Logging out ends it at once.
 */

/** A session unused this long has expired: a working day and a lunch break. */
export const IDLE_MS = 12 * 60 * 60 * 1000;

/** No session outlives a week, however busy. */
export const ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;

/** Expiry moves forward at most this often, so that reads do not each write. */
const REFRESH_STEP_MS = 10 * 60 * 1000;

/** When a session that began at `createdAt` and is used `now` expires. */
export function expiryAfterUse(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + IDLE_MS, createdAt.getTime() + ABSOLUTE_MS));
}

/** The new expiry to store after a use, or null when the stored one is recent enough. */
export function refreshedExpiry(createdAt: Date, expiresAt: Date, now: Date): Date | null {
  const next = expiryAfterUse(createdAt, now);
  return next.getTime() - expiresAt.getTime() >= REFRESH_STEP_MS ? next : null;
}
