/** The widget in each mode, answered by mouse and by keyboard alone, against the real API. */
import { describe, expect, test } from "vitest";
import { answerQuick, embedHtml, storedFor, storedWhen, thanks, widgetFixture } from "./helpers.ts";

const fx = widgetFixture();

describe("inline", () => {
  test("overall, the reason after 'Không hài lòng', a comment, then thanks; stored once", async () => {
    const unit = "13285";
    const { widget, errors } = await fx.open(fx.host.page("/inline", embedHtml({ unit })));
    await widget.getByRole("radio", { name: "Không hài lòng" }).check();
    await widget.getByRole("textbox", { name: /Lý do không hài lòng/ }).fill("Phải chờ quá lâu");
    await widget.getByRole("button", { name: "Trả lời thêm 1 câu (không bắt buộc)" }).click();
    await widget.getByRole("textbox", { name: /Góp ý thêm/ }).fill("Cần thêm ghế chờ");
    await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
    await thanks(widget).waitFor();

    const rows = await storedWhen(unit, 1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: "web", lang: "vi", reason: "Phải chờ quá lâu", comment: "Cần thêm ghế chờ", status: "accepted" });
    expect(JSON.parse(rows[0]!.answers)).toEqual({ overall: 1 });
    expect(errors).toEqual([]);
  });

  test("English, and no reason box unless 'Not satisfied' is chosen", async () => {
    const { widget } = await fx.open(fx.host.page("/en", embedHtml({ unit: "13291", lang: "en" })));
    await widget.getByRole("radio", { name: "Satisfied", exact: true }).check();
    expect(await widget.getByRole("textbox").count()).toBe(0);
    await widget.getByRole("radio", { name: "Not satisfied" }).check();
    await widget.getByRole("textbox", { name: /Why were you not satisfied/ }).waitFor();
  });

  test("Send without an answer says what is missing and sends nothing", async () => {
    const unit = "13291";
    const { widget } = await fx.open(fx.host.page("/missing-answer", embedHtml({ unit })));
    await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
    await widget.getByRole("status").getByText("Vui lòng chọn một mức đánh giá.").waitFor();
    expect(await widget.getByRole("radio", { name: "Rất hài lòng" }).isVisible()).toBe(true);
    expect(storedFor(unit)).toEqual([]);
  });

  test("a missing or unknown unit shows a polite message and names the attribute in the console", async () => {
    const missing = await fx.open(fx.host.page("/no-unit", embedHtml({})));
    await missing.widget.getByText("Xin lỗi, phiếu đánh giá chưa hiển thị được").waitFor();
    expect(missing.errors.join("\n")).toMatch(/attribute unit is missing/);

    const unknown = await fx.open(fx.host.page("/unknown-unit", embedHtml({ unit: "99999" })));
    await unknown.widget.getByText("Xin lỗi, phiếu đánh giá chưa hiển thị được").waitFor();
    expect(unknown.errors.join("\n")).toMatch(/<hailong-survey unit="99999">: There is no unit with code "99999"/);

    const survey = await fx.open(fx.host.page("/unknown-survey", embedHtml({ unit: "13291", survey: "nope" })));
    await survey.widget.getByText("Xin lỗi, phiếu đánh giá chưa hiển thị được").waitFor();
    expect(survey.errors.join("\n")).toMatch(/<hailong-survey survey="nope">/);
  });
});

test("SIPAS by keyboard alone: arrow keys in radio groups, one element per step, case code", async () => {
  const unit = "13318";
  const { page, widget } = await fx.open(fx.host.page("/sipas", embedHtml({ unit, survey: "sipas" })));
  await widget.getByRole("radio").first().waitFor();
  const focused = () => page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? `${el.tagName.toLowerCase()}:${(el as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? el.textContent?.trim()}` : "";
  });

  await page.keyboard.press("Tab"); // into the overall group: its first radio
  expect(await focused()).toBe("input:Rất hài lòng");
  await page.keyboard.press("ArrowDown"); // moves and selects "Hài lòng"
  expect(await focused()).toBe("input:Hài lòng");
  await page.keyboard.press("Tab"); // the invitation to say more
  expect(await focused()).toMatch(/^button:Trả lời thêm/);
  await page.keyboard.press("Enter");

  // Five steps of statements: answer the first statement of each with "Rất hài lòng".
  for (let step = 1; step <= 5; step++) {
    await widget.getByText(`Phần thêm ${step}/6`).waitFor();
    expect(await focused()).toMatch(/^p:Phần thêm/); // focus moved to the top of the new step
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    expect(await focused()).toBe("input:Rất hài lòng");
    // Past the other statements' groups and Back to Next.
    const groups = await widget.locator("fieldset").count();
    for (let i = 1; i < groups; i++) await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("button:Quay lại");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("button:Tiếp tục");
    await page.keyboard.press("Enter");
  }
  await widget.getByText("Phần thêm 6/6").waitFor();
  await page.keyboard.press("Tab");
  expect(await focused()).toMatch(/^input:Mã hồ sơ/);
  await page.keyboard.type("HL-2026-0001");
  await page.keyboard.press("Enter"); // Enter in a text field sends the form
  await thanks(widget).waitFor();
  expect(await focused()).toBe("h3:Cảm ơn Ông/Bà đã đánh giá!");

  const [row] = await storedWhen(unit, 1);
  expect(row?.case_code).toBe("HL-2026-0001");
  expect(JSON.parse(row!.answers)).toEqual({ overall: 2, e1_seating: 5, e2_posted: 5, e3_polite: 5, e4_on_time: 5, e5_channels: 5 });
});

test("button: a floating button opens a modal dialog; Esc closes it and focus returns", async () => {
  const unit = "13324";
  const before = `<a href="#news">Tin tức</a>`;
  const { page, widget } = await fx.open(fx.host.page("/button", embedHtml({ unit, mode: "button" }, { before })));
  const launcher = widget.getByRole("button", { name: "Đánh giá sự hài lòng" });
  await launcher.click();
  const dialog = widget.getByRole("dialog", { name: "Đánh giá sự hài lòng" });
  await dialog.waitFor();
  expect(await page.evaluate(() => document.querySelector("hailong-survey")!.shadowRoot!.querySelector("dialog")!.matches(":modal"))).toBe(true);

  // Focus stays inside: tabbing round and round never reaches the page behind.
  const seen = new Set<string>();
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("Tab");
    seen.add(
      await page.evaluate(() => {
        const active = document.querySelector("hailong-survey")!.shadowRoot!.activeElement;
        if (active) return active.closest("dialog") ? "dialog" : "widget outside the dialog";
        return document.activeElement === document.body ? "browser" : "page";
      }),
    );
  }
  expect(seen.has("dialog")).toBe(true);
  expect(seen.has("page") || seen.has("widget outside the dialog")).toBe(false);
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  expect(await page.evaluate(() => document.querySelector("hailong-survey")!.shadowRoot!.activeElement?.className)).toBe("launcher");

  await launcher.click();
  await answerQuick(dialog);
  await thanks(dialog).waitFor();
  await dialog.getByRole("button", { name: "Đóng" }).last().click();
  await dialog.waitFor({ state: "hidden" });
  await storedWhen(unit, 1);
});

test("kiosk: answers count as kiosk, and the screen starts over 10 s after thanks", async () => {
  const unit = "13330";
  const { page, widget } = await fx.open("about:blank");
  await page.clock.install();
  await page.goto(fx.host.page("/kiosk", embedHtml({ unit, mode: "kiosk" })));
  await answerQuick(widget, "Hài lòng");
  await thanks(widget).waitFor();
  await widget.getByText("Màn hình sẽ trở về đầu sau 10 giây.").waitFor();

  await page.clock.runFor(9_000);
  expect(await thanks(widget).isVisible()).toBe(true);
  await page.clock.runFor(1_500);
  await widget.getByText("Chỉ cần chọn một mức rồi bấm Gửi đánh giá.").waitFor();
  expect(await widget.getByRole("radio", { checked: true }).count()).toBe(0);

  const rows = await storedWhen(unit, 1);
  expect(rows.map((r) => r.channel)).toEqual(["kiosk"]);
});

test("kiosk: a thanks screen with a receipt code stays 45 s, long enough to copy the code", async () => {
  const unit = "13021";
  const { page, widget } = await fx.open("about:blank");
  await page.clock.install();
  await page.goto(fx.host.page("/kiosk-receipt", embedHtml({ unit, mode: "kiosk" })));
  await widget.getByLabel("Không hài lòng", { exact: true }).check();
  await widget.getByLabel(/Lý do/).fill("Chờ lâu");
  await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
  await widget.getByText("Màn hình sẽ trở về đầu sau 45 giây.").waitFor();
  const code = await widget.locator("strong.code").textContent();
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);

  // On a shared tablet the follow address is text to copy, no link that would take the kiosk away.
  expect(await widget.getByRole("link").count()).toBe(0);
  await widget.getByText(`/s/${unit}?tra-cuu=${code}`).waitFor();
  await page.clock.runFor(40_000);
  expect(await widget.locator("strong.code").isVisible()).toBe(true);
  await page.clock.runFor(6_000);
  await widget.getByText("Chỉ cần chọn một mức rồi bấm Gửi đánh giá.").waitFor();
  expect((await storedWhen(unit, 1)).map((r) => r.receipt)).toEqual([code]);
});

test("kiosk: a survey left half-answered starts over after 90 s untouched", async () => {
  const { page, widget } = await fx.open("about:blank");
  await page.clock.install();
  await page.goto(fx.host.page("/kiosk-idle", embedHtml({ unit: "13330", mode: "kiosk" })));
  await widget.getByLabel("Không hài lòng", { exact: true }).check();
  await widget.getByLabel(/Lý do/).fill("Chờ lâu");

  await page.clock.runFor(60_000);
  await widget.getByLabel(/Lý do/).fill("Chờ lâu quá"); // typing postpones the reset
  await page.clock.runFor(60_000);
  expect(await widget.getByRole("radio", { checked: true }).count()).toBe(1);

  await page.clock.runFor(31_000);
  await expect.poll(() => widget.getByRole("radio", { checked: true }).count()).toBe(0);
  expect(await widget.getByLabel(/Lý do/).count()).toBe(0);
});
