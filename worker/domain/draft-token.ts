/*
 * A survey draft carried in a URL path, so that the real widget can preview it: its `api`
 * pointed at /api/v1/survey-previews/<token> reads the draft's public survey from there and
 * sends its answers there, where they are checked and never stored. Nothing of the draft is
 * kept on the server. The token is the draft's JSON, deflated, in base64url.
 */

/** The longest token accepted: a full survey deflates to far less, and URLs stay well under 16 KB. */
export const MAX_DRAFT_TOKEN = 12_000;

/** What a preview shows: the draft, and the survey it would become a version of (none for a new one). */
export interface DraftPreview {
  survey?: string;
  draft: unknown;
}

async function piped(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream)).arrayBuffer());
}

/** The token of a preview. */
export async function encodeDraft(preview: DraftPreview): Promise<string> {
  const bytes = await piped(new TextEncoder().encode(JSON.stringify(preview)), new CompressionStream("deflate-raw"));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The preview a token carries, or null for one that is not a token (its shape is checked by the caller). */
export async function decodeDraft(token: string): Promise<DraftPreview | null> {
  if (token.length > MAX_DRAFT_TOKEN || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  try {
    const binary = atob(token.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    const value = JSON.parse(new TextDecoder().decode(await piped(bytes, new DecompressionStream("deflate-raw")))) as unknown;
    return value && typeof value === "object" && "draft" in value ? (value as DraftPreview) : null;
  } catch {
    return null;
  }
}
