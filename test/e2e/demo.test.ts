/** The demo ward portal as the worker serves it: every page whole, each embedding the widget. */
import { describe, expect, inject, test } from "vitest";

const baseUrl = inject("baseUrl");

describe("demo portal", () => {
  test.each([
    ["/demo/", "Trang chủ", 'unit="14329"'],
    ["/demo/thu-tuc", "Thủ tục hành chính", 'mode="button"'],
    ["/demo/danh-gia", "Đánh giá sự hài lòng", 'survey="sipas"'],
    ["/demo/kiosk", "Máy đánh giá tại quầy", 'mode="kiosk"'],
  ])("%s", async (path, title, attribute) => {
    const res = await fetch(`${baseUrl}${path}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<title>${title} – UBND Phường Hoa Lư</title>`);
    expect(html).toContain(`Content-Security-Policy" content="default-src 'self'; script-src 'self'; connect-src 'self'"`);
    expect(html).toMatch(new RegExp(`<hailong-survey [^>]*${attribute}`));
    expect(html).not.toContain("{{");
    if (!path.endsWith("kiosk")) expect(html).toMatch(new RegExp(`aria-current="page">${title}<`));
  });
});
