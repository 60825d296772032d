/*
 * CSV that Excel opens with Vietnamese intact: UTF-8 with a byte order mark, CRLF line ends,
 * and RFC 4180 quoting.
 */

/** The media type of every CSV file the API sends. */
export const CSV_TYPE = "text/csv; charset=utf-8";

/** The byte order mark Excel needs to read the file as UTF-8. */
export const BOM = "\uFEFF";

export type Cell = string | number | null | undefined;

/** A plain number, such as a negative change: no formula, whatever its sign. */
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One cell: quoted when it holds a comma, quote or line break; null and undefined are empty.
 * Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe, since citizens' comments end up in officials' spreadsheets.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" && /^[=+\-@\t\r]/.test(value) && !NUMBER.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line of cells, with its line end. */
export function csvLine(cells: Cell[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

/**
 * A share (0..1) as a percentage with one decimal, 0.8433 as "84.3", under a header that says
 * "(%)": a plain number with a decimal point and no "%" sign, written like every other number
 * in the file, is what Excel and LibreOffice read as a number on opening (a "%" sign or a
 * decimal comma is read as text unless the reader's number settings happen to match), and
 * the reader sees the percentage the dashboard shows.
 */
export function csvPercent(share: number | null): string | null {
  return share === null ? null : (share * 100).toFixed(1);
}
