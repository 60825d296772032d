/**
 * Dashboard accounts for the browser tests, stored the way `npm run admin:create` stores
 * them: the worker's own password hashing, then `wrangler d1 execute` on the running
 * server's local D1.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createUserSql, userRow, type NewUser } from "../../worker/db/users.ts";
import { wrangler } from "../../scripts/local-server.ts";

/** Creates an account in the local D1 under `persistTo`. */
export async function createUser(persistTo: string, user: NewUser): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "hailong-user-"));
  const file = join(dir, "user.sql");
  try {
    writeFileSync(file, createUserSql(await userRow(user)));
    wrangler(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--file", file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
