/**
 * The typed API client: routes, parameters and bodies come from the worker's own type
 * (types only; no worker code reaches the bundle). Same origin, so the session cookie rides
 * along and state changes carry the Origin header the CSRF check wants.
 */
import { hc, type ClientResponse } from "hono/client";
import type { ResponseFormat } from "hono/types";
import type { SuccessStatusCode } from "hono/utils/http-status";
import type { AppType } from "../../worker/index.ts";
import { strings, type Lang } from "../i18n/strings.ts";

/** The endpoints under /api/v1. */
export const api = hc<AppType>(location.origin).api.v1;

/** Fired on window when the session is missing or over, so the app can ask to sign in again. */
export const SIGNED_OUT = "hl-signed-out";

/** A refused or failed request, with what the API said in both languages. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: Record<Lang, string>,
    readonly fields?: Record<string, string>,
  ) {
    super(messages.en);
  }

  text(lang: Lang): string {
    return this.messages[lang];
  }
}

/** The body of a successful response, whatever status the route declares. */
export type Success<R> = R extends ClientResponse<infer T, infer S, ResponseFormat> ? (S extends SuccessStatusCode ? T : never) : never;

interface ErrorBody {
  error?: { code?: string; message?: string; messageVi?: string; fields?: Record<string, string> };
}

/** Waits for a typed request and returns its JSON body, or throws an ApiFailure. */
export async function read<R extends ClientResponse<unknown, number, ResponseFormat>>(pending: Promise<R>): Promise<Success<R>> {
  let res: R;
  try {
    res = await pending;
  } catch {
    throw new ApiFailure(0, "network", { vi: strings("vi").networkError, en: strings("en").networkError });
  }
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as Success<R>;
  const body = (await res.json().catch(() => ({}))) as ErrorBody;
  const en = body.error?.message ?? `${res.status} ${res.statusText}`;
  const failure = new ApiFailure(res.status, body.error?.code ?? "http_error", { en, vi: body.error?.messageVi ?? en }, body.error?.fields);
  if (res.status === 401) window.dispatchEvent(new CustomEvent(SIGNED_OUT));
  throw failure;
}
