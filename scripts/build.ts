/**
 * Builds the static assets the worker serves (wrangler.toml [assets]) into dist/public:
 * /widget.js (one classic script, Lit included), /dashboard/ and /demo/.
 * Fails when the widget or the dashboard is over its gzipped size budget.
 */
import { build, transform, type Plugin } from "esbuild";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { buildDemo } from "./demo-site.ts";

/** The whole widget, Lit included, gzipped. */
export const WIDGET_BUDGET_BYTES = 12 * 1024;

/** All of the dashboard's JavaScript (Lit, Chart.js and the typed client included), gzipped. */
export const DASHBOARD_BUDGET_BYTES = 90 * 1024;

const out = "dist/public";

/** Lets the widget import its stylesheet as minified text (for Lit's adopted stylesheets). */
const cssAsText: Plugin = {
  name: "css-as-text",
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async ({ path }) => {
      const { code } = await transform(readFileSync(path, "utf8"), { loader: "css", minify: true });
      return { contents: code.trim(), loader: "text" };
    });
  },
};

/**
 * Response headers of the static assets (Cloudflare's _headers file). The widget script
 * must load on any site; the dashboard allows nothing but its own origin and no framing.
 */
const ASSET_HEADERS: Record<string, Record<string, string>> = {
  "/widget.js": {
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Cache-Control": "public, max-age=300",
  },
  "/dashboard/*": {
    "Content-Security-Policy":
      "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
  },
};

const headersFile = (rules: typeof ASSET_HEADERS) =>
  Object.entries(rules)
    .map(([path, headers]) => [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join("\n"))
    .join("\n") + "\n";

const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export async function buildAll(): Promise<{ widgetGzipBytes: number; dashboardGzipBytes: number }> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  await build({
    entryPoints: ["widget/index.ts"],
    outfile: `${out}/widget.js`,
    bundle: true,
    format: "iife",
    minify: true,
    // Browsers with private class methods: phones' Chrome and WebView update themselves.
    target: ["chrome84", "safari15", "firefox90", "edge84"],
    charset: "utf8",
    legalComments: "none",
    tsconfig: "widget/tsconfig.json",
    plugins: [cssAsText],
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
  buildDemo(`${out}/demo`);
  writeFileSync(`${out}/_headers`, headersFile(ASSET_HEADERS));

  const widgetGzipBytes = gzipBytes(`${out}/widget.js`);
  if (widgetGzipBytes > WIDGET_BUDGET_BYTES) {
    throw new Error(`widget.js is ${widgetGzipBytes} bytes gzipped, over the ${WIDGET_BUDGET_BYTES}-byte budget`);
  }
  const dashboardJs = readdirSync(`${out}/dashboard`, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
  const dashboardGzipBytes = dashboardJs.reduce((sum, f) => sum + gzipBytes(`${out}/dashboard/${f}`), 0);
  if (dashboardGzipBytes > DASHBOARD_BUDGET_BYTES) {
    throw new Error(`the dashboard's JavaScript is ${dashboardGzipBytes} bytes gzipped, over the ${DASHBOARD_BUDGET_BYTES}-byte budget`);
  }
  return { widgetGzipBytes, dashboardGzipBytes };
}

if (import.meta.main) {
  const { widgetGzipBytes, dashboardGzipBytes } = await buildAll();
  console.log(`built ${out}: widget.js ${widgetGzipBytes} bytes gzipped (budget ${WIDGET_BUDGET_BYTES}), dashboard ${dashboardGzipBytes} (budget ${DASHBOARD_BUDGET_BYTES})`);
}
