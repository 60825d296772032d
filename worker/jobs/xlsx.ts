import { Zip, ZipDeflate } from "fflate";

/*
 * A one-sheet XLSX workbook written as it streams: the sheet's rows are deflated page by page
 * into the zip that an .xlsx file is, so a large export never sits in memory whole. Text is
 * stored inline in its cell (no shared-strings table, which would need every row first);
 * numbers as numbers; days and moments as real dates, which Excel and LibreOffice sort and
 * filter as dates. Written with fflate's synchronous streaming deflate: its asynchronous one
 * starts Web Workers, which Cloudflare Workers do not have.
 */

/** The media type of an .xlsx file. */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A moment as a local clock shows it: its calendar day, and the minutes into that day (null for the day alone). */
export interface LocalTime {
  day: string;
  minutes: number | null;
}

/** What a cell holds: text, a number, a local day or moment, or nothing. */
export type SheetCell = string | number | LocalTime | null;

/** A column of the sheet: its header, and its width in characters. */
export interface SheetColumn {
  header: string;
  width: number;
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Cell styles, by their index in styles.xml's cellXfs. */
const STYLE = { moment: 1, day: 2, header: 3 } as const;

const STYLES = `${XML}<styleSheet xmlns="${MAIN}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

/** The workbook's fixed parts around its one sheet. */
function packageParts(sheet: string): [string, string][] {
  return [
    [
      "[Content_Types].xml",
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ],
    ["_rels/.rels", `${XML}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ["xl/workbook.xml", `${XML}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets><sheet name="${escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    [
      "xl/_rels/workbook.xml.rels",
      `${XML}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/></Relationships>`,
    ],
    ["xl/styles.xml", STYLES],
  ];
}

/** Text as XML character data, without the control characters XML 1.0 cannot hold. */
function escape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** The column letters of a 0-based index: A … Z, AA … */
function columnName(index: number): string {
  return (index >= 26 ? columnName(Math.floor(index / 26) - 1) : "") + String.fromCharCode(65 + (index % 26));
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** A local time as a spreadsheet's date serial: days since 30 December 1899, the time of day as a fraction. */
function dateSerial({ day, minutes }: LocalTime): number {
  return (Date.parse(`${day}T00:00:00Z`) - SERIAL_EPOCH) / 86_400_000 + (minutes ?? 0) / 1440;
}

function cellXml(value: SheetCell, ref: string, style?: number): string {
  if (value === null) return "";
  if (typeof value === "number") return `<c r="${ref}"><v>${value}</v></c>`;
  if (typeof value === "string") return `<c r="${ref}" t="inlineStr"${style ? ` s="${style}"` : ""}><is><t xml:space="preserve">${escape(value)}</t></is></c>`;
  return `<c r="${ref}" s="${value.minutes === null ? STYLE.day : STYLE.moment}"><v>${dateSerial(value)}</v></c>`;
}

function rowXml(cells: SheetCell[], row: number, style?: number): string {
  return `<row r="${row}">${cells.map((cell, i) => cellXml(cell, `${columnName(i)}${row}`, style)).join("")}</row>`;
}

function sheetStart(columns: SheetColumn[]): string {
  const widths = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join("");
  // The header row stays in view while scrolling.
  const frozen = '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
  return `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">${frozen}<cols>${widths}</cols><sheetData>${rowXml(
    columns.map((c) => c.header),
    1,
    STYLE.header,
  )}`;
}

/**
 * An .xlsx file of one sheet named `sheet`: a header row of the columns, then the rows each
 * page of `pages` brings, streamed as they come.
 */
export function xlsxStream(sheet: string, columns: SheetColumn[], pages: AsyncIterator<SheetCell[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    out.push(chunk);
  });
  const sheetFile = new ZipDeflate("xl/worksheets/sheet1.xml", { level: 6 });
  let row = 1;
  const flush = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    for (const chunk of out) controller.enqueue(chunk);
    out = [];
  };
  return new ReadableStream({
    start(controller) {
      for (const [name, xml] of packageParts(sheet)) {
        const part = new ZipDeflate(name, { level: 6 });
        zip.add(part);
        part.push(encoder.encode(xml), true);
      }
      zip.add(sheetFile);
      sheetFile.push(encoder.encode(sheetStart(columns)));
      flush(controller);
    },
    async pull(controller) {
      const { value: rows, done } = await pages.next();
      if (done) {
        sheetFile.push(encoder.encode("</sheetData></worksheet>"), true);
        zip.end();
        flush(controller);
        controller.close();
        return;
      }
      sheetFile.push(encoder.encode(rows.map((cells) => rowXml(cells, ++row)).join("")));
      flush(controller);
    },
  });
}
