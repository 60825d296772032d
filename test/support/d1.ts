/**
 * Reads and changes the browser tests' local D1 directly (the server's own count, not what a
 * page believes). Each call runs `wrangler d1 execute`, about a second: use sparingly.
 */
import { persistArgs, wrangler } from "../../scripts/local-server.ts";

/** The rows of one read-only SQL statement against the local D1 in `persistTo`. */
export function d1Rows<T = Record<string, unknown>>(persistTo: string, sql: string): T[] {
  const out = wrangler(["d1", "execute", "DB", "--local", ...persistArgs(persistTo), "--command", sql, "--json"]);
  return (JSON.parse(out) as { results: T[] }[])[0]?.results ?? [];
}

/** Runs one SQL statement that changes the local D1 in `persistTo` (a test's setting, say). */
export function d1Run(persistTo: string, sql: string): void {
  wrangler(["d1", "execute", "DB", "--local", ...persistArgs(persistTo), "--command", sql]);
}
