/**
 * Builds the static assets the worker serves (wrangler.toml [assets]) into dist/public:
 * /widget.js (one classic script, Lit included), /dashboard/ and /demo/.
 * Fails when the widget is over its gzipped size budget.
 */
import { build } from "esbuild";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

/** The whole widget, Lit included, gzipped. */
export const WIDGET_BUDGET_BYTES = 12 * 1024;

const out = "dist/public";

export async function buildAll(): Promise<{ widgetGzipBytes: number }> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  await build({
    entryPoints: ["widget/index.ts"],
    outfile: `${out}/widget.js`,
    bundle: true,
    format: "iife",
    minify: true,
    target: "es2021",
    legalComments: "none",
    tsconfig: "widget/tsconfig.json",
  });
  await build({
    entryPoints: ["dashboard/main.ts"],
    outdir: `${out}/dashboard`,
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2022",
    legalComments: "none",
    tsconfig: "dashboard/tsconfig.json",
  });
  cpSync("dashboard/public", `${out}/dashboard`, { recursive: true });
  cpSync("demo", `${out}/demo`, { recursive: true });
  // Headers for assets other sites embed: the widget script must load cross-origin.
  writeFileSync(
    `${out}/_headers`,
    ["/widget.js", "  Access-Control-Allow-Origin: *", "  Cross-Origin-Resource-Policy: cross-origin", "  Cache-Control: public, max-age=300", ""].join("\n"),
  );

  const widgetGzipBytes = gzipSync(readFileSync(`${out}/widget.js`), { level: 9 }).length;
  if (widgetGzipBytes > WIDGET_BUDGET_BYTES) {
    throw new Error(`widget.js is ${widgetGzipBytes} bytes gzipped, over the ${WIDGET_BUDGET_BYTES}-byte budget`);
  }
  return { widgetGzipBytes };
}

if (import.meta.main) {
  const { widgetGzipBytes } = await buildAll();
  console.log(`built ${out}: widget.js ${widgetGzipBytes} bytes gzipped (budget ${WIDGET_BUDGET_BYTES})`);
}
