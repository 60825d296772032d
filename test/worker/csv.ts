/** Splits CSV text into rows of cells (RFC 4180, as Excel reads it). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") rows.at(-1)!.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") rows.at(-1)!.push(cell), (cell = ""), rows.push([]), i++;
    else cell += ch;
  }
  rows.pop(); // after the last line end
  return rows;
}
