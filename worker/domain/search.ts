/*
 * Text search that ignores Vietnamese diacritics and case: "phu ly" finds "Phủ Lý", "dat dai"
 * finds "đất đai". The index (migrations/province/0007_complaint_queue.sql) folds marks and
 * case in its tokenizer and đ before it; a query is folded the same way here.
 */

/** The longest search a query may carry. */
export const MAX_SEARCH = 200;

/** Text without diacritics, đ as d, in lower case. */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}

/**
 * The full-text query for what a user typed: every word must occur, each as the start of a
 * word of the text ("cho" finds "chờ" and "chợ"); null when it holds no word. Words are
 * quoted, so nothing the user types is read as query syntax.
 */
export function searchQuery(text: string): string | null {
  const words = foldVietnamese(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length === 0 ? null : words.map((word) => `"${word}"*`).join(" ");
}
