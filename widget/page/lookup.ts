import type { ReceiptView } from "../../worker/domain/feedback.ts";
import { normalizeReceipt } from "../../worker/domain/receipt.ts";
import type { Lang } from "../../worker/domain/text.ts";
import { problemOf, type Problem } from "../api.ts";
import type { PageStrings } from "./strings.ts";

/** What a lookup found: the receipt, the API's refusal, or a code or a connection that was not there. */
export type Lookup = ReceiptView | Problem | "malformed" | "offline";

/** Looks a receipt code up, as the citizen typed it. */
export async function lookUp(typed: string): Promise<Lookup> {
  const code = normalizeReceipt(typed);
  if (!code) return "malformed";
  try {
    const res = await fetch(`/api/v1/receipts/${code}`);
    return res.ok ? ((await res.json()) as ReceiptView) : await problemOf(res);
  } catch {
    return "offline";
  }
}

const element = (tag: string, text: string, className = "") => Object.assign(document.createElement(tag), { textContent: text, className });

/** An instant as the citizen reads it: day and time in Viet Nam. */
const vnTime = (iso: string, lang: Lang) =>
  new Date(iso).toLocaleString(lang === "vi" ? "vi-VN" : "en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });

/** Shows what a lookup found in `out` (a live region), in the page's language. */
export function showLookup(out: HTMLElement, found: Lookup, lang: Lang, t: PageStrings) {
  if (typeof found === "string" || "message" in found) {
    const why = found === "malformed" ? t.malformed : found === "offline" ? t.offline : lang === "vi" ? found.messageVi : found.message;
    out.replaceChildren(element("p", why, "alert"));
    return;
  }
  const facts = document.createElement("dl");
  for (const [term, value] of [
    [t.code, found.code],
    [t.status, t.statuses[found.status]],
    [t.receivedAt, vnTime(found.receivedAt, lang)],
    [t.updatedAt, vnTime(found.updatedAt, lang)],
  ] as const) {
    facts.append(element("dt", term), element("dd", value));
  }
  out.replaceChildren(facts, element("p", t.vnTime, "muted"), ...(found.reply ? [element("h3", t.reply), element("p", found.reply, "reply")] : []));
}
