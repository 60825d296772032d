import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// The worker and node tests run side by side, even on two cores (their files' databases are
// their own), then the browser tests, whose files take turns on the one running server.
const sideBySide = { maxWorkers: Math.max(2, availableParallelism() - 1), sequence: { groupOrder: 0 } };

/**
 * Three projects, one per runtime:
 * - worker: the API inside workerd against real local D1 databases, the catalog and all 34
 *   province shards of wrangler.toml (migrations applied in setup);
 * - node: pure domain logic, scripts and generated files;
 * - browser: the widget and dashboard in real Chromium against a running `wrangler dev`.
 */
export default defineConfig(async () => ({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                CATALOG_MIGRATIONS: await readD1Migrations("./migrations/catalog"),
                PROVINCE_MIGRATIONS: await readD1Migrations("./migrations/province"),
                CLIENT_HASH_SECRET: "test-secret",
                // Small enough for a test to go past it (test/worker/exports.test.ts).
                EXPORT_MAX_ROWS: "200",
                // Tests stand in for siteverify at this address (test/worker/exactly-once.test.ts).
                TURNSTILE_VERIFY_URL: "https://siteverify.test/turnstile/v0/siteverify",
                TURNSTILE_SECRET_KEY: "test-turnstile-secret",
              },
            },
          }),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          ...sideBySide,
          setupFiles: ["test/worker/apply-migrations.ts", "test/worker/forget-contexts.ts"],
          // Some tests send hundreds of answers through 35 databases; on a busy machine that
          // takes longer than vitest's default of five seconds, never a failure.
          testTimeout: 60_000,
        },
      },
      {
        test: { name: "node", include: ["test/domain/**/*.test.ts", "test/scripts/**/*.test.ts"], environment: "node", ...sideBySide },
      },
      {
        test: {
          name: "browser",
          include: ["test/widget/**/*.test.ts", "test/dashboard/**/*.test.ts", "test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/support/global-setup.ts"],
          // One Chromium and one worker on two cores: files take turns, in one process that
          // imports Playwright and the helpers once (each file launches and closes its own Chromium).
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A page waits on the worker, which shares the machine: polls wait as long as
          // Playwright's own actions do, never a second.
          expect: { poll: { timeout: 30_000 } },
        },
      },
    ],
  },
}));
