/**
 * A dashboard account's API session from the tests' own process, as the dashboard makes it:
 * a login, then requests with the session cookie and the dashboard's Origin.
 */
import { inject } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { asClient } from "./client-address.ts";

export interface ApiSession {
  send(method: string, path: string, body?: unknown): Promise<Response>;
}

/** Creates the account in the test server's D1, logs it in and returns its session. */
export async function apiSessionOf(user: Parameters<typeof storeAccount>[0]): Promise<ApiSession> {
  const baseUrl = inject("baseUrl");
  await storeAccount(user, { remote: false, persistTo: inject("persistTo") });
  const headers = { "content-type": "application/json", origin: baseUrl, ...asClient() };
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: "POST", headers, body: JSON.stringify({ email: user.email, password: user.password }) });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  return {
    send: (method, path, body) =>
      fetch(`${baseUrl}/api/v1${path}`, { method, headers: { ...headers, cookie }, ...(body !== undefined && { body: JSON.stringify(body) }) }),
  };
}
