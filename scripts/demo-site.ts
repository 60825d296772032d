/**
 * The demo ward portal, /demo/: each page in demo/pages holds only its own content; it is
 * put into the shared shell (demo/layout.html) and, for portal pages, between the portal's
 * masthead, navigation and footer (demo/portal.html). Every other file is copied as it is.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

interface DemoPage {
  file: string;
  href: string;
  title: string;
  /** "portal" pages have the ward site's chrome; the kiosk page is a full screen of its own. */
  layout: "portal" | "kiosk-page";
}

const PAGES: DemoPage[] = [
  { file: "index", href: "./", title: "Trang chủ", layout: "portal" },
  { file: "thu-tuc", href: "thu-tuc", title: "Thủ tục hành chính", layout: "portal" },
  { file: "danh-gia", href: "danh-gia", title: "Đánh giá sự hài lòng", layout: "portal" },
  { file: "kiosk", href: "kiosk", title: "Máy đánh giá tại quầy", layout: "kiosk-page" },
];

/** What the build composes rather than copies. */
const TEMPLATES = new Set(["demo/layout.html", "demo/portal.html", "demo/pages"]);

const fill = (template: string, slots: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, slot: string) => slots[slot] ?? "");
const indent = (html: string, spaces: number) => html.trimEnd().replace(/^(?=.)/gm, " ".repeat(spaces));

/** Writes the demo portal into `out` (e.g. dist/public/demo). */
export function buildDemo(out: string): void {
  mkdirSync(out, { recursive: true });
  const layout = readFileSync("demo/layout.html", "utf8");
  const portal = readFileSync("demo/portal.html", "utf8");
  for (const page of PAGES) {
    const content = readFileSync(`demo/pages/${page.file}.html`, "utf8");
    const nav = PAGES.map((p) => `<li><a href="${p.href}"${p === page ? ' aria-current="page"' : ""}>${p.title}</a></li>`).join("\n");
    const body = page.layout === "portal" ? fill(portal, { nav: indent(nav, 8), main: indent(content, 4) }).trimEnd() : indent(content, 4);
    writeFileSync(`${out}/${page.file}.html`, fill(layout, { title: page.title, layout: page.layout, body }));
  }
  cpSync("demo", out, { recursive: true, filter: (path) => !TEMPLATES.has(path) });
}
