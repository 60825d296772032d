/** A file to download, named after what it holds, never cached (it is the account's own view). */
export function download(body: string | ReadableStream, type: string, filename: string, size?: number): Response {
  return new Response(body, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      ...(size !== undefined && { "Content-Length": String(size) }),
    },
  });
}
