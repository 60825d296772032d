import { Zip, ZipDeflate } from "fflate";

/*
 * An XLSX workbook written as it streams: each sheet's rows are deflated page by page
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

/** A share (0..1) that the sheet shows as a percentage and keeps as the number. */
export interface Percent {
  percent: number;
}

/** What a cell holds: text, a number, a share shown as a percentage, a local day or moment, or nothing. */
export type SheetCell = string | number | Percent | LocalTime | null;

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
const STYLE = { moment: 1, day: 2, header: 3, percent: 4 } as const;

const STYLES = `${XML}<styleSheet xmlns="${MAIN}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

const sheetPath = (index: number) => `xl/worksheets/sheet${index + 1}.xml`;

/** The workbook's fixed parts around its sheets, named in their order. */
function packageParts(sheets: string[]): [string, string][] {
  const overrides = sheets
    .map((_, i) => `<Override PartName="/${sheetPath(i)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join("");
  const entries = sheets.map((name, i) => `<sheet name="${escape(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  const sheetRelationships = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("");
  return [
    [
      "[Content_Types].xml",
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ],
    ["_rels/.rels", `${XML}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ["xl/workbook.xml", `${XML}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets>${entries}</sheets></workbook>`],
    [
      "xl/_rels/workbook.xml.rels",
      `${XML}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${sheetRelationships}<Relationship Id="rId${sheets.length + 1}" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/></Relationships>`,
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
  if ("percent" in value) return `<c r="${ref}" s="${STYLE.percent}"><v>${value.percent}</v></c>`;
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

/** A sheet of a workbook: its name (at most 31 characters, none of []:*?/\\), its columns, and its rows a page at a time. */
export interface Sheet {
  name: string;
  columns: SheetColumn[];
  pages: AsyncIterator<SheetCell[][]>;
}

/**
 * An .xlsx file of the sheets in their order, each a header row of its columns and then the
 * rows each of its pages brings, streamed as they come: one sheet after the other, since a
 * zip holds its parts one after another.
 */
export function xlsxWorkbook(sheets: Sheet[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    out.push(chunk);
  });
  let index = 0;
  let sheetFile: ZipDeflate;
  let row = 1;
  const openSheet = () => {
    sheetFile = new ZipDeflate(sheetPath(index), { level: 6 });
    zip.add(sheetFile);
    sheetFile.push(encoder.encode(sheetStart(sheets[index]!.columns)));
    row = 1;
  };
  const flush = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    for (const chunk of out) controller.enqueue(chunk);
    out = [];
  };
  return new ReadableStream({
    start(controller) {
      for (const [name, xml] of packageParts(sheets.map((sheet) => sheet.name))) {
        const part = new ZipDeflate(name, { level: 6 });
        zip.add(part);
        part.push(encoder.encode(xml), true);
      }
      openSheet();
      flush(controller);
    },
    async pull(controller) {
      const { value: rows, done } = await sheets[index]!.pages.next();
      if (!done) sheetFile.push(encoder.encode(rows.map((cells) => rowXml(cells, ++row)).join("")));
      else {
        sheetFile.push(encoder.encode("</sheetData></worksheet>"), true);
        if (++index < sheets.length) openSheet();
        else zip.end();
      }
      flush(controller);
      if (index === sheets.length) controller.close();
    },
  });
}

/** Rows that are all there is, as the one page of a sheet. */
export async function* onePage(rows: SheetCell[][]): AsyncGenerator<SheetCell[][]> {
  yield rows;
}

/** An .xlsx file of one sheet named `sheet`: a header row of the columns, then the rows each page of `pages` brings. */
export function xlsxStream(sheet: string, columns: SheetColumn[], pages: AsyncIterator<SheetCell[][]>): ReadableStream<Uint8Array> {
  return xlsxWorkbook([{ name: sheet, columns, pages }]);
}
