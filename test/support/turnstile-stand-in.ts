/**
 * A local stand-in for Cloudflare Turnstile (unreachable here), so that the browser tests run
 * the product's own code path with only its configuration changed: /api.js defines
 * window.turnstile (render, execute, reset, remove) handing out tokens this server issued;
 * /siteverify answers success for each of them once, like the real one (single-use); /log
 * tells the tests what happened.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** What the stand-in saw, as GET /log returns it. */
export interface TurnstileLog {
  /** How many times /api.js was fetched. */
  scripts: number;
  /** Every siteverify call: the token, the secret it came with, the answer. */
  verified: { token: string; secret: string; success: boolean }[];
}

export interface TurnstileStandIn {
  /** e.g. http://127.0.0.1:40555 */
  origin: string;
  close(): Promise<void>;
}

/** Tokens issued with each copy of the script: more than a test ever needs. */
const TOKENS_PER_SCRIPT = 20;

/** The script a page gets: the explicit-render API, solving every check at once, invisibly. */
const script = (tokens: string[]) => `(() => {
  const tokens = ${JSON.stringify(tokens)};
  const widgets = new Map();
  let next = 0;
  window.turnstile = {
    /** Where each check rendered: the host element of the container's shadow root, if any. */
    renderedIn: [],
    render(container, options) {
      const id = "stand-in-" + next++;
      widgets.set(id, options);
      this.renderedIn.push(container.getRootNode().host?.localName ?? "document");
      if (options.execution !== "execute") this.execute(id);
      return id;
    },
    execute(id) {
      const options = widgets.get(id);
      setTimeout(() => {
        const token = tokens.shift();
        if (token) options.callback?.(token);
        else options["error-callback"]?.("stand-in: out of tokens");
      }, 10);
    },
    reset() {},
    remove(id) {
      widgets.delete(id);
    },
  };
})();
`;

/** Starts the stand-in on a free loopback port; only tokens verified with `secret` succeed. */
export async function startTurnstileStandIn(secret: string): Promise<TurnstileStandIn> {
  const issued = new Set<string>();
  const log: TurnstileLog = { scripts: 0, verified: [] };
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://stand-in");
    if (pathname === "/api.js") {
      log.scripts++;
      const tokens = Array.from({ length: TOKENS_PER_SCRIPT }, () => `stand-in.${randomUUID()}`);
      for (const token of tokens) issued.add(token);
      return void res.writeHead(200, { "Content-Type": "text/javascript", "Cache-Control": "no-store" }).end(script(tokens));
    }
    if (pathname === "/siteverify" && req.method === "POST") {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const form = await new Response(Buffer.concat(chunks), { headers: { "Content-Type": req.headers["content-type"] ?? "" } }).formData();
      const token = String(form.get("response") ?? "");
      const given = String(form.get("secret") ?? "");
      const success = given === secret && issued.delete(token);
      log.verified.push({ token, secret: given, success });
      return void res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ success }));
    }
    if (pathname === "/log") return void res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(log));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
