import type { FunnelUnit } from "../domain/funnel.ts";
import { FUNNEL_LABEL_TEXT } from "../domain/funnel-limits.ts";
import type { Figure } from "../domain/stats.ts";
import type { SheetCell, SheetColumn } from "./xlsx.ts";

/*
 * The comparison of a unit's children as a table, one definition that the CSV and the XLSX
 * file both write: the unit itself first, then its children as GET /stats/compare lists them,
 * with their funnel labels, their estimates adjusted for sample size and the change against
 * the previous period. Shares are percentages.
 */

/** A figure of the comparison, against the previous period. */
interface ComparedFigure extends Figure {
  previous: { n: number; share: number | null } | null;
  change: number | null;
}

/** What GET /stats/compare answers, as far as the table shows it. */
export interface Comparison {
  unit: { code: string; name: string };
  minSample: number;
  total: ComparedFigure;
  children: (ComparedFigure & { unit: { code: string; name: string }; protected: boolean })[];
  funnel: { units: FunnelUnit[] };
}

/** The sheet's name in the XLSX file. */
export const COMPARE_SHEET = "So sánh";

const column = (header: string, width = 14): SheetColumn => ({ header, width });

export const COMPARE_COLUMNS: SheetColumn[] = [
  column("Mã đơn vị", 11),
  column("Đơn vị", 30),
  column("Số phiếu", 10),
  column("Số hài lòng", 12),
  column("Tỷ lệ hài lòng (%)"),
  column("Cận dưới 95% (%)"),
  column("Cận trên 95% (%)"),
  column("Ước lượng hiệu chỉnh theo cỡ mẫu (%)", 18),
  column("Biểu đồ phễu", 18),
  column("Số phiếu kỳ trước", 12),
  column("Tỷ lệ hài lòng kỳ trước (%)", 16),
  column("Thay đổi (điểm %)"),
  column("Ghi chú", 44),
];

const percent = (share: number | null | undefined): SheetCell => (share === null || share === undefined ? null : { percent: share });

/** Why a figure shows no share, in words. */
function note(f: ComparedFigure, minSample: number, hidden: boolean): string | null {
  if (f.share !== null) return null;
  if (hidden) return "Ẩn để không suy ra được số liệu của đơn vị khác bằng phép trừ";
  return f.n === 0 ? "Chưa có phiếu" : `Chưa đủ mẫu (dưới ${minSample} phiếu)`;
}

function cells(code: string, name: string, f: ComparedFigure, funnel: FunnelUnit | undefined, note: string | null): SheetCell[] {
  return [
    ...[code, name, f.n, f.satisfied, percent(f.share), percent(f.lower), percent(f.upper)],
    ...[percent(funnel?.shrunk), funnel?.label ? FUNNEL_LABEL_TEXT[funnel.label].vi : null],
    ...[f.previous?.n ?? null, percent(f.previous?.share), percent(f.change), note],
  ];
}

/** The table's rows: the unit, then each child listed. */
export function compareRows(c: Comparison): SheetCell[][] {
  const funnelOf = new Map(c.funnel.units.map((u) => [u.code, u]));
  return [
    cells(c.unit.code, c.unit.name, c.total, undefined, note(c.total, c.minSample, false) ?? "Đơn vị được so sánh: mọi phiếu của đơn vị và các đơn vị bên dưới"),
    ...c.children.map((child) => cells(child.unit.code, child.unit.name, child, funnelOf.get(child.unit.code), note(child, c.minSample, child.protected))),
  ];
}

/** The file's name: what it holds. */
export const compareFilename = (unit: string, item: string, { from, to }: { from: string; to: string }, extension: "csv" | "xlsx") =>
  `hailong-compare-${unit}-${item}-${from}-${to}.${extension}`;
