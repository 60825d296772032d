import { createUser } from "../../worker/db/users.ts";
import type { Role } from "../../worker/domain/access.ts";
import { SESSION_COOKIE } from "../../worker/middleware/session/index.ts";
import { api, BASE, store } from "./helpers.ts";

/** A password that passes the length rule. */
export const PASSWORD = "mật-khẩu-đủ-dài-2026";

/** Creates an account directly in the catalog through the users module; returns its email. */
export async function createAccount(role: Role, unit: string, name = `${role} ${unit}`): Promise<string> {
  const email = `${role}.${crypto.randomUUID().slice(0, 8)}@${unit.toLowerCase()}.example.vn`;
  await createUser(store(), { email, name, password: PASSWORD, role, unit });
  return email;
}

/** A distinct client address per call, so the per-client login limit stays out of the way. */
export const someAddress = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** POSTs a login from the dashboard's own origin. */
export function postLogin(email: string, password: string, address = someAddress()): Promise<Response> {
  return api("/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE, "cf-connecting-ip": address },
    body: JSON.stringify({ email, password }),
  });
}

/** The session cookie ("__Host-hl_session=…") a response sets. */
export function sessionCookie(res: Response): string {
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie?.startsWith(`${SESSION_COOKIE}=`)) throw new Error(`no session cookie in ${res.status} response`);
  return cookie;
}

/** A client logged in as a new account: sends requests with its cookie, as the dashboard does. */
export interface Client {
  email: string;
  cookie: string;
  get(path: string): Promise<Response>;
  send(method: string, path: string, body?: unknown): Promise<Response>;
}

export async function loginAs(role: Role, unit: string, name?: string): Promise<Client> {
  const email = await createAccount(role, unit, name);
  const res = await postLogin(email, PASSWORD);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return clientFor(email, sessionCookie(res));
}

export function clientFor(email: string, cookie: string): Client {
  return {
    email,
    cookie,
    get: (path) => api(path, { headers: { cookie } }),
    send: (method, path, body) =>
      api(path, {
        method,
        headers: { cookie, origin: BASE, ...(body !== undefined && { "content-type": "application/json" }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      }),
  };
}
