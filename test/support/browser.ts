/**
 * Real Chromium for the browser tests, driven by playwright-core. The binary comes from
 * CHROMIUM_PATH if set, else Debian's /usr/bin/chromium if present, else the npm package
 * @sparticuz/chromium (installed from the registry: nothing is downloaded at install time).
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { asClient } from "./client-address.ts";

/** Flags for a headless Chromium as root on a machine without internet access. */
const QUIET = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/**
 * @sparticuz/chromium's flags that would make tests lie: one process shares storage across
 * browser contexts, and the others switch off the same-origin policy (CORS) that embedding
 * pages live under.
 */
const UNREALISTIC = new Set(["--single-process", "--disable-web-security", "--allow-running-insecure-content"]);

async function executable(): Promise<{ path: string; args: string[] }> {
  if (process.env.CHROMIUM_PATH) return { path: process.env.CHROMIUM_PATH, args: QUIET };
  if (existsSync("/usr/bin/chromium")) return { path: "/usr/bin/chromium", args: QUIET };
  const { default: sparticuz } = await import("@sparticuz/chromium");
  return { path: await sparticuz.executablePath(), args: [...sparticuz.args.filter((a) => !UNREALISTIC.has(a)), ...QUIET] };
}

/**
 * Launches headless Chromium, each of whose contexts (browser.newPage's too) logs in from an
 * address of its own (client-address.ts). Only the logins carry it: a header on every request
 * would make the widget's cross-origin requests need a preflight that they do not need.
 */
export async function launchBrowser(): Promise<Browser> {
  const { path, args } = await executable();
  const browser = await chromium.launch({ executablePath: path, args: [...new Set(args)], headless: true });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    const client = asClient();
    await context.route("**/api/v1/auth/login", (route) => route.continue({ headers: { ...route.request().headers(), ...client } }));
    return context;
  };
  return browser;
}
