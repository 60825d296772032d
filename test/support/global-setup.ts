/**
 * Before the browser tests: builds the assets and starts one `wrangler dev` on a free
 * loopback port with its own fresh local D1, shared by every browser test file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildAll } from "../../scripts/build.ts";
import { freePort, startLocalServer } from "../../scripts/local-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The running worker, e.g. http://127.0.0.1:40123 */
    baseUrl: string;
    /** Its local D1 directory, for `wrangler d1 execute --local --persist-to`. */
    persistTo: string;
  }
}

export default async function setup(project: TestProject) {
  await buildAll();
  const persistTo = mkdtempSync(join(tmpdir(), "hailong-test-"));
  const server = await startLocalServer({ port: await freePort(), persistTo, vars: { CLIENT_HASH_SECRET: "browser-tests" } });
  project.provide("baseUrl", server.url);
  project.provide("persistTo", persistTo);
  return async () => {
    await server.stop();
    rmSync(persistTo, { recursive: true, force: true });
  };
}
