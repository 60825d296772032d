/*
 * Password hashing with PBKDF2-SHA256 through WebCrypto, so the worker and the Node scripts
 * (admin:create, the demo seed) share one implementation. Each hash carries its own random
 * salt and iteration count: "pbkdf2-sha256$<iterations>$<salt>$<hash>" (base64).
 */

/** Workers' WebCrypto refuses PBKDF2 above 100,000 iterations; use all of them. */
export const ITERATIONS = 100_000;

/** The shortest password an account may have. */
export const MIN_PASSWORD_LENGTH = 12;

const SCHEME = "pbkdf2-sha256";
const SALT_BYTES = 16;
const HASH_BITS = 256;

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

/** Compares in time that depends only on the lengths, not on where the bytes differ. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** A new salted hash of a password, for storing. */
export async function hashPassword(password: string, iterations = ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return [SCHEME, iterations, toBase64(salt), toBase64(await derive(password, salt, iterations))].join("$");
}

/** The parameters of a stored hash (what its verification costs), or null for an unknown format. */
export function hashParameters(stored: string): { scheme: string; iterations: number; saltBytes: number; hashBytes: number } | null {
  const [scheme, iterations, salt, hash, ...rest] = stored.split("$");
  if (scheme !== SCHEME || !iterations || !salt || !hash || rest.length) return null;
  return { scheme, iterations: Number(iterations), saltBytes: fromBase64(salt).length, hashBytes: fromBase64(hash).length };
}

/** Whether a password matches a stored hash; false for a hash in an unknown format. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split("$");
  if (scheme !== SCHEME || !iterations || !salt || !hash) return false;
  return constantTimeEqual(await derive(password, fromBase64(salt), Number(iterations)), fromBase64(hash));
}

/**
 * A well-formed hash that no password matches (an all-zero salt and an all-zero hash), with
 * the parameters every new hash gets: checked when the email is unknown, so that a login
 * does the same work for an unknown account as for a wrong password
 * (worker/db/users.ts checkCredentials).
 */
export const UNMATCHABLE_HASH = [SCHEME, ITERATIONS, toBase64(new Uint8Array(SALT_BYTES)), toBase64(new Uint8Array(HASH_BITS / 8))].join("$");

/** What is wrong with a new password, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  return password.length >= MIN_PASSWORD_LENGTH ? null : `at least ${MIN_PASSWORD_LENGTH} characters`;
}
