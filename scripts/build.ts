/**
 * Builds the static assets the worker serves (wrangler.toml [assets]) into dist/public:
 * /widget.js (one classic script, Lit included) with the chunks it loads on demand,
 * /dashboard/, /demo/, the API reference /api/docs/ and the templates of the hosted survey
 * pages (/s/<code>, filled in by the worker). Fails when the widget, the hosted page or the
 * dashboard is over its gzipped size budget.
 */
import { build, transform, type BuildOptions, type Metafile, type Plugin } from "esbuild";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { minify } from "terser";
import { SIPAS } from "../worker/domain/templates.ts";
import { publicSurvey } from "../worker/domain/survey.ts";
import { fill, pageSlots, templatePath, type TemplateName } from "../worker/pages/template.ts";
import { buildDemo } from "./demo-site.ts";

/** What every page with the widget loads: widget.js, Lit included, gzipped. */
export const WIDGET_BUDGET_BYTES = 12 * 1024;

/**
 * The hosted survey page /s/<code> as a phone on slow mobile data downloads it: one HTML
 * response carrying the unit's survey, the page's style and script, and the widget.
 */
export const HOSTED_PAGE_BUDGET_BYTES = 20 * 1024;

/** The widget's chunks by output name: ES modules that widget.js imports only where needed. */
export const WIDGET_CHUNKS: Record<string, { entry: string; loadedBy: string }> = {
  "widget-turnstile.js": { entry: "widget/turnstile-chunk.ts", loadedBy: "units that require Turnstile, from the first interaction" },
  "widget-en.js": { entry: "widget/strings-en.ts", loadedBy: 'widgets with lang="en"' },
  "widget-kiosk.js": { entry: "widget/kiosk-chunk.ts", loadedBy: 'widgets with mode="kiosk"' },
};

/**
 * The dashboard's JavaScript, gzipped: what it loads before it shows anything (the login, the
 * overview's figures and tables: Lit, the typed client, every page's strings), and the overview
 * with its charts (Chart.js added). The other pages are chunks of their own, loaded when opened.
 */
export const DASHBOARD_FIRST_LOAD_BUDGET_BYTES = 40 * 1024;
export const DASHBOARD_BUDGET_BYTES = 96 * 1024;

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

/** Any site may load the widget's script, and import its chunks (a cross-origin import needs CORS). */
const EMBEDDABLE = {
  "Access-Control-Allow-Origin": "*",
  "Cross-Origin-Resource-Policy": "cross-origin",
  "Cache-Control": "public, max-age=300",
};

/** The pages of this host (dashboard, demo): framed by nobody, and no referrer to other sites. */
const OWN_PAGES = {
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
};

/** A page of this host that loads and connects to nothing but its own origin. */
const OWN_ORIGIN_ONLY = {
  "Content-Security-Policy":
    "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  ...OWN_PAGES,
};

/**
 * Response headers of the static assets (Cloudflare's _headers file; the worker's own
 * responses get theirs from worker/middleware/headers). Where several rules match, each adds
 * its headers, in this order, so no two rules that can match one path name the same header.
 * - Every asset: nosniff, and HSTS (one year, subdomains) except on a loopback host: an
 *   absolute https:// rule matches a host whatever the request's protocol and port, and a
 *   null value (`! Name`) removes a header an earlier rule set. (Over plain http browsers
 *   ignore HSTS anyway.)
 * - The widget script and its chunks load on any site: no X-Frame-Options, CORP cross-origin.
 * - The dashboard and the API reference allow nothing but their own origin (Swagger UI needs
 *   no inline script, and no inline style but what it sets through CSSOM). The demo pages keep
 *   their meta CSP (demo/layout.html); the header adds frame-ancestors, which a meta CSP
 *   cannot set.
 */
const ASSET_HEADERS: Record<string, Record<string, string | null>> = {
  "/*": {
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
  },
  ...Object.fromEntries(["localhost", "127.0.0.1", "[::1]"].map((host) => [`https://${host}/*`, { "Strict-Transport-Security": null }])),
  "/widget.js": EMBEDDABLE,
  "/widget-*.js": EMBEDDABLE,
  "/dashboard/*": OWN_ORIGIN_ONLY,
  "/api/docs/*": OWN_ORIGIN_ONLY,
  "/demo/*": {
    "Content-Security-Policy": "frame-ancestors 'none'",
    ...OWN_PAGES,
  },
};

const headersFile = (rules: typeof ASSET_HEADERS) =>
  Object.entries(rules)
    .map(([path, headers]) => [path, ...Object.entries(headers).map(([name, value]) => (value === null ? `  ! ${name}` : `  ${name}: ${value}`))].join("\n"))
    .join("\n") + "\n";

/** What /api/docs/ serves from the swagger-ui-dist package, its licence with it. */
const SWAGGER_UI_FILES = ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"];

/** The API reference: our page (api-docs/), rendering /api/v1/openapi.json with Swagger UI. */
function buildApiDocs(dir: string) {
  cpSync("api-docs", dir, { recursive: true });
  for (const file of SWAGGER_UI_FILES) cpSync(`node_modules/swagger-ui-dist/${file}`, `${dir}/${file}`);
}

const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Bundles one widget output with esbuild, then lets terser squeeze it (some 170 bytes gzipped). */
async function bundleWidget(entry: string, format: "iife" | "esm"): Promise<string> {
  const options: BuildOptions = {
    entryPoints: [entry],
    bundle: true,
    format,
    minify: true,
    // Browsers with private class methods and native optional chaining (V8 ran `?.` right from
    // Chrome 91, May 2021; lowering it cost some 300 bytes gzipped). Phones' Chrome and
    // WebView update themselves.
    target: ["chrome91", "safari15", "firefox90", "edge91"],
    charset: "utf8",
    legalComments: "none",
    tsconfig: "widget/tsconfig.json",
    plugins: [cssAsText],
    write: false,
  };
  const [bundle] = (await build(options)).outputFiles!;
  const { code } = await minify(bundle!.text, { ecma: 2020, module: format === "esm", compress: { passes: 2 }, format: { comments: false } });
  // esbuild leaves a lookbehind for the target browsers as a RegExp built at load time, which
  // throws on Safari before 16.4 and would take the whole widget down there.
  if (/\(\?<[=!]/.test(code!)) throw new Error(`${entry}: a regular expression with lookbehind, which Safari 15 cannot run`);
  // Minified, the code has line breaks only inside template literals: Lit's html``, whose
  // indentation is one space to HTML (the widget has no <pre> or text in a <textarea>).
  return code!.replace(/\s*\n\s*/g, " ");
}

/** Code that a page carries inline: nothing in it may end its <script> early or read as a template slot. */
function inlinable(name: string, code: string): string {
  if (/<\/script|<!--|\{\{/i.test(code)) throw new Error(`${name} cannot be put inline in a page: it contains </script, <!-- or {{`);
  return code;
}

/**
 * The hosted pages' templates (widget/page/*.html) with their style and scripts inline, into
 * dist/public/s/; returns the survey page's gzipped size as served, filled in with the largest
 * built-in survey (SIPAS, which asks for the case code and the official) for a ward.
 */
async function buildHostedPages(): Promise<number> {
  const { code: style } = await transform(readFileSync("widget/page/page.css", "utf8"), { loader: "css", minify: true });
  const inline: Record<string, string> = {
    style: style.trim(),
    pageScript: inlinable("widget/page/hosted-page.ts", await bundleWidget("widget/page/hosted-page.ts", "iife")),
    widgetScript: inlinable("widget/page/widget.ts", await bundleWidget("widget/page/widget.ts", "iife")),
  };
  mkdirSync(`${out}/s`, { recursive: true });
  for (const name of ["page", "unavailable"] satisfies TemplateName[]) {
    const html = readFileSync(`widget/page/${name}.html`, "utf8").replace(/\{\{(style|pageScript|widgetScript)\}\}/g, (_, slot: string) => inline[slot]!);
    writeFileSync(`${out}/${templatePath(name)}`, html);
  }
  const sipas = publicSurvey({ id: "sipas", version: 1, definition: SIPAS }, { code: "14329", name: "Phường Hoa Lư" }, [], null);
  const served = fill(readFileSync(`${out}/${templatePath("page")}`, "utf8"), pageSlots(sipas, { lang: "vi", caseCode: "", kiosk: false }, "n".repeat(24)));
  return gzipSync(served, { level: 9 }).length;
}

/** Gzipped sizes in bytes: the widget's first load, each of its chunks; the hosted survey page; the dashboard's first load, its overview with charts, all its JavaScript. */
export interface BuildSizes {
  widgetGzipBytes: number;
  chunkGzipBytes: Record<string, number>;
  hostedPageGzipBytes: number;
  dashboardFirstLoadGzipBytes: number;
  dashboardGzipBytes: number;
  dashboardTotalGzipBytes: number;
}

export async function buildAll(): Promise<BuildSizes> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  const widget = await bundleWidget("widget/index.ts", "iife");
  writeFileSync(`${out}/widget.js`, widget);
  for (const [name, { entry }] of Object.entries(WIDGET_CHUNKS)) writeFileSync(`${out}/${name}`, await bundleWidget(entry, "esm"));
  const hostedPageGzipBytes = await buildHostedPages();
  // Pages other than the overview are chunks loaded when first opened (dashboard/components/hl-app.ts).
  const { metafile } = await build({
    entryPoints: ["dashboard/main.ts"],
    outdir: `${out}/dashboard`,
    bundle: true,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    metafile: true,
    format: "esm",
    minify: true,
    target: "es2022",
    legalComments: "none",
    tsconfig: "dashboard/tsconfig.json",
  });
  cpSync("dashboard/public", `${out}/dashboard`, { recursive: true });
  buildDemo(`${out}/demo`);
  buildApiDocs(`${out}/api/docs`);
  writeFileSync(`${out}/_headers`, headersFile(ASSET_HEADERS));

  const widgetGzipBytes = gzipBytes(`${out}/widget.js`);
  const chunkGzipBytes = Object.fromEntries(Object.keys(WIDGET_CHUNKS).map((name) => [name, gzipBytes(`${out}/${name}`)]));
  if (widgetGzipBytes > WIDGET_BUDGET_BYTES) {
    throw new Error(`widget.js is ${widgetGzipBytes} bytes gzipped, over the ${WIDGET_BUDGET_BYTES}-byte budget`);
  }
  if (hostedPageGzipBytes > HOSTED_PAGE_BUDGET_BYTES) {
    throw new Error(`the hosted survey page is ${hostedPageGzipBytes} bytes gzipped, over the ${HOSTED_PAGE_BUDGET_BYTES}-byte budget`);
  }
  const gzipped = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + gzipBytes(f), 0);
  const firstLoad = staticallyImported(metafile, `${out}/dashboard/main.js`);
  const charts = Object.entries(metafile.outputs).find(([, o]) => o.entryPoint === "dashboard/charts/register.ts")![0];
  const dashboardFirstLoadGzipBytes = gzipped(firstLoad);
  const dashboardGzipBytes = gzipped(new Set([...firstLoad, ...staticallyImported(metafile, charts)]));
  const dashboardTotalGzipBytes = gzipped(Object.keys(metafile.outputs).filter((f) => f.endsWith(".js")));
  if (dashboardFirstLoadGzipBytes > DASHBOARD_FIRST_LOAD_BUDGET_BYTES) {
    throw new Error(`the dashboard's first load is ${dashboardFirstLoadGzipBytes} bytes of JavaScript gzipped, over the ${DASHBOARD_FIRST_LOAD_BUDGET_BYTES}-byte budget`);
  }
  if (dashboardGzipBytes > DASHBOARD_BUDGET_BYTES) {
    throw new Error(`the dashboard's overview with its charts is ${dashboardGzipBytes} bytes of JavaScript gzipped, over the ${DASHBOARD_BUDGET_BYTES}-byte budget`);
  }
  return { widgetGzipBytes, chunkGzipBytes, hostedPageGzipBytes, dashboardFirstLoadGzipBytes, dashboardGzipBytes, dashboardTotalGzipBytes };
}

/** An output and every output it imports statically, transitively: what loads before it runs. */
function staticallyImported(metafile: Metafile, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of metafile.outputs[file]!.imports) if (i.kind === "import-statement") visit(i.path);
  };
  visit(entry);
  return [...seen];
}

if (import.meta.main) {
  const { widgetGzipBytes, chunkGzipBytes, hostedPageGzipBytes, dashboardFirstLoadGzipBytes, dashboardGzipBytes } = await buildAll();
  const chunks = Object.entries(chunkGzipBytes).map(([name, bytes]) => `, ${name} ${bytes}`).join("");
  console.log(
    `built ${out}: widget.js ${widgetGzipBytes} bytes gzipped (budget ${WIDGET_BUDGET_BYTES})${chunks}, ` +
      `hosted page ${hostedPageGzipBytes} (budget ${HOSTED_PAGE_BUDGET_BYTES}), ` +
      `dashboard first load ${dashboardFirstLoadGzipBytes} (budget ${DASHBOARD_FIRST_LOAD_BUDGET_BYTES}), with charts ${dashboardGzipBytes} (budget ${DASHBOARD_BUDGET_BYTES})`,
  );
}
