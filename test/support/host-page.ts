/**
 * A ward portal on another loopback origin, for embedding the widget the way a real site
 * does: a tiny HTTP server whose pages (and their headers, such as a strict CSP) each test
 * sets before opening them.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface HostPage {
  /** e.g. http://127.0.0.1:40321 */
  origin: string;
  /** Serves `html` at `path` with these extra response headers; returns its URL. */
  page(path: string, html: string, headers?: Record<string, string>): string;
  close(): Promise<void>;
}

export async function startHostPage(): Promise<HostPage> {
  const pages = new Map<string, { html: string; headers: Record<string, string> }>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://host").pathname;
    // Some Chromium builds ask every origin for an icon; a 404 would be a console error.
    if (path === "/favicon.ico") return void res.writeHead(204).end();
    const found = pages.get(path);
    if (!found) return void res.writeHead(404).end("not found");
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...found.headers }).end(found.html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    page(path, html, headers = {}) {
      pages.set(path, { html, headers });
      return origin + path;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
