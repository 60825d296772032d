/**
 * Before the browser tests: builds the assets, starts a stand-in for Cloudflare Turnstile and
 * one `wrangler dev` on a free loopback port with its own fresh local D1, pointed at that
 * stand-in, shared by every browser test file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildAll } from "../../scripts/build.ts";
import { freePort, startLocalServer } from "../../scripts/local-server.ts";
import { startTurnstileStandIn } from "./turnstile-stand-in.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The running worker, e.g. http://127.0.0.1:40123 */
    baseUrl: string;
    /** Its local D1 directory, for `wrangler d1 execute --local --persist-to`. */
    persistTo: string;
    /** The Turnstile stand-in the worker uses (test/support/turnstile-stand-in.ts). */
    turnstileOrigin: string;
  }
}

const TURNSTILE_SECRET = "browser-tests-turnstile-secret";

export default async function setup(project: TestProject) {
  await buildAll();
  const persistTo = mkdtempSync(join(tmpdir(), "hailong-test-"));
  const turnstile = await startTurnstileStandIn(TURNSTILE_SECRET);
  const server = await startLocalServer({
    port: await freePort(),
    persistTo,
    vars: {
      CLIENT_HASH_SECRET: "browser-tests",
      // Tests change units' settings in SQL (a Turnstile key), which the widget must see at once.
      UNIT_CONTEXT_TTL_S: "0",
      TURNSTILE_SCRIPT_URL: `${turnstile.origin}/api.js?render=explicit`,
      TURNSTILE_VERIFY_URL: `${turnstile.origin}/siteverify`,
      TURNSTILE_SECRET_KEY: TURNSTILE_SECRET,
    },
  });
  project.provide("baseUrl", server.url);
  project.provide("persistTo", persistTo);
  project.provide("turnstileOrigin", turnstile.origin);
  return async () => {
    await server.stop();
    await turnstile.close();
    rmSync(persistTo, { recursive: true, force: true });
  };
}
