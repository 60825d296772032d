/**
 * Creates a dashboard account in the catalog D1: the first production admin, or any account later.
 *
 *   npm run admin:create -- --email lan@ninhbinh.gov.vn --name "Nguyễn Thị Lan"
 *       [--unit VN] [--role admin|manager|viewer] [--local [--persist-to DIR]]
 *
 * Defaults: --unit VN (the whole country), --role admin, the remote (production) database.
 * The password comes from the environment variable HAILONG_ADMIN_PASSWORD, or is asked for
 * twice on the terminal without being shown; at least 12 characters. It is hashed here with
 * the worker's own PBKDF2 (worker/domain/password.ts); only the hash reaches D1, through
 * `wrangler d1 execute CATALOG --remote` (or --local) and a temporary SQL file that only the
 * current user can read and that is deleted at once. The password is never printed.
 * The database must already be migrated (`npm run deploy` does it for production).
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createUserSql, userRow, type NewUser } from "../worker/db/users.ts";
import { ROLES } from "../worker/domain/access.ts";
import { passwordProblem } from "../worker/domain/password.ts";
import { COUNTRY, unitCode } from "../worker/domain/units.ts";
import { persistArgs, wrangler } from "./local-server.ts";

/** Which D1 to write to: production's, or a local one (wrangler's default directory, or persistTo). */
export type Target = { remote: true } | { remote: false; persistTo?: string };

/** Stores an account in a D1 database through wrangler, the password hashed first. */
export async function storeAccount(user: NewUser, target: Target): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "hailong-account-"));
  const file = join(dir, "account.sql");
  try {
    writeFileSync(file, createUserSql(await userRow(user)), { mode: 0o600 });
    chmodSync(file, 0o600);
    const where = target.remote ? ["--remote"] : ["--local", ...persistArgs(target.persistTo)];
    wrangler(["d1", "execute", "CATALOG", ...where, "--file", file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const argsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("an email address")),
  name: z.string().trim().min(1, "required"),
  unit: unitCode.default(COUNTRY),
  role: z.enum(ROLES).default("admin"),
  local: z.boolean().default(false),
  "persist-to": z.string().optional(),
});

/** Reads a line from the terminal without echoing it (or the first line of piped input). */
async function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let all = "";
    for await (const chunk of stdin) all += chunk;
    return all.split(/\r?\n/)[0] ?? "";
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve) => {
    let typed = "";
    const onData = (chars: string) => {
      for (const ch of chars) {
        if (ch === "\u0003") process.exit(130); // Ctrl-C
        if (ch === "\r" || ch === "\n") {
          stdin.off("data", onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stderr.write("\n");
          resolve(typed);
          return;
        }
        typed = ch === "\u007f" ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function password(): Promise<string> {
  const fromEnv = process.env.HAILONG_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  const first = await readSecret("Password: ");
  if (process.stdin.isTTY && (await readSecret("Again: ")) !== first) throw new Error("The two passwords differ.");
  return first;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      unit: { type: "string" },
      role: { type: "string" },
      local: { type: "boolean" },
      "persist-to": { type: "string" },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  --${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Check the options:\n${problems}\nUsage: npm run admin:create -- --email E --name N [--unit VN] [--role admin] [--local]`);
  }
  const args = parsed.data;
  const secret = await password();
  const problem = passwordProblem(secret);
  if (problem) throw new Error(`The password needs ${problem}.`);
  const target: Target = args.local ? { remote: false, persistTo: args["persist-to"] } : { remote: true };
  await storeAccount({ email: args.email, name: args.name, password: secret, role: args.role, unit: args.unit }, target);
  console.log(`Created ${args.role} ${args.email} for unit ${args.unit} in the ${args.local ? "local" : "remote"} database.`);
}

if (import.meta.main) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
