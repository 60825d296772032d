/** Reading a PDF that Chromium printed, as far as the browser tests need: its pages and their sizes. */
import { expect } from "vitest";

/** The pages of a PDF and the size of each, in millimetres, from their MediaBox. */
export function pdfPages(pdf: Buffer): { width: number; height: number }[] {
  const text = pdf.toString("latin1");
  const pages = text.match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map(([, w, h]) => ({ width: (Number(w) * 25.4) / 72, height: (Number(h) * 25.4) / 72 }));
  expect(boxes).toHaveLength(pages.length);
  return boxes;
}
