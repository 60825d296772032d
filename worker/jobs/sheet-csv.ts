import { BOM, csvLine, csvPercent, type Cell } from "../domain/csv.ts";
import type { SheetCell, SheetColumn } from "./xlsx.ts";

/*
 * A table made for a workbook, written as CSV instead: the same columns and cells, so the two
 * downloads of one table never differ but in format.
 */

const twoDigits = (n: number) => String(n).padStart(2, "0");

/** A cell as CSV text: a share as a percentage, a day as YYYY-MM-DD, a moment as YYYY-MM-DD HH:mm. */
function csvText(cell: SheetCell): Cell {
  if (cell === null || typeof cell !== "object") return cell;
  if ("percent" in cell) return csvPercent(cell.percent);
  return cell.minutes === null ? cell.day : `${cell.day} ${twoDigits(Math.floor(cell.minutes / 60))}:${twoDigits(cell.minutes % 60)}`;
}

/** The CSV file's start: the byte order mark and the columns' header row. */
export const sheetCsvHeader = (columns: SheetColumn[]) => BOM + csvLine(columns.map((column) => column.header));

/** One row's CSV line. */
export const sheetCsvLine = (cells: SheetCell[]) => csvLine(cells.map(csvText));
