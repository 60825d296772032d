/*
 * A receipt code lets a citizen who wrote a reason or a comment follow it up, without an
 * account and without telling anyone who they are. It is read aloud at a counter and typed on
 * a phone, so its alphabet leaves out what is easily confused (0 and O, 1 and I), and it is
 * printed in two groups of five. Ten characters of a 32-letter alphabet are 50 random bits:
 * with lookups rate-limited per address, guessing one of millions of receipts stays hopeless.
 */

/** The characters a receipt code is made of: digits and capitals without 0, O, 1 and I. */
export const RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** How many characters a receipt code has, without its separator. */
export const RECEIPT_LENGTH = 10;

/** A receipt code as stored and returned by the API: two groups of five, e.g. "K7QM4-XPZ2D". */
export const RECEIPT_PATTERN = /^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/;

/**
 * A new receipt code from the platform's cryptographic random source. 256 is a multiple of 32,
 * so taking each byte modulo 32 keeps every character equally likely.
 */
export function newReceipt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(RECEIPT_LENGTH));
  const chars = Array.from(bytes, (b) => RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length]);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

/**
 * A receipt code as someone typed it, in the form RECEIPT_PATTERN describes, or null when it
 * cannot be one: case, spaces and dashes do not matter ("k7qm4 xpz2d" is "K7QM4-XPZ2D").
 */
export function normalizeReceipt(typed: string): string | null {
  const chars = typed.toUpperCase().replace(/[\s\p{Pd}]/gu, "");
  if (chars.length !== RECEIPT_LENGTH) return null;
  const code = `${chars.slice(0, 5)}-${chars.slice(5)}`;
  return RECEIPT_PATTERN.test(code) ? code : null;
}
