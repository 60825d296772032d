/**
 * A ward manager answers a complaint in public: the card shows the citizen's receipt code, the
 * reply written next to the internal note is what the citizen reads with that code, and
 * emptying the field withdraws it.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { newReceipt } from "../../worker/domain/receipt.ts";
import { launchBrowser } from "../support/browser.ts";
import { logIn } from "../support/dashboard-login.ts";

const baseUrl = inject("baseUrl");
const UNIT = "06040"; // Xã Thất Khê, Lạng Sơn
const MANAGER = { email: "quanly.thatkhe@example.vn", name: "Hoàng Thị Mai", password: "mat-khau-thu-nghiem", role: "manager" as const, unit: UNIT };
const REASON = "Phải chờ đến trưa mới được trả kết quả";
const RECEIPT = newReceipt();

let browser: Browser;
let page: Page;

/** Sends a complaint as the widget does, with a receipt code when given one. */
async function complain(reason: string, receipt?: string): Promise<void> {
  const { survey, version } = (await (await fetch(`${baseUrl}/api/v1/units/${UNIT}/survey`)).json()) as { survey: string; version: number };
  const body = { id: crypto.randomUUID(), unit: UNIT, survey, version, answers: { overall: 1 }, reason, channel: "web", lang: "vi", ...(receipt && { receipt }) };
  const res = await fetch(`${baseUrl}/api/v1/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`complaint: ${res.status} ${await res.text()}`);
}

/** The complaint as the citizen follows it. */
async function lookUp(): Promise<Record<string, string>> {
  return (await fetch(`${baseUrl}/api/v1/receipts/${RECEIPT}`)).json() as Promise<Record<string, string>>;
}

beforeAll(async () => {
  await storeAccount(MANAGER, { remote: false, persistTo: inject("persistTo") });
  await complain("Không có ai hướng dẫn");
  await complain(REASON, RECEIPT);
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" })).newPage();
});

afterAll(async () => {
  await browser?.close();
});

test("a public reply is written next to the note, read with the receipt, and withdrawn", async () => {
  await logIn(page, MANAGER);
  await page.getByRole("link", { name: "Phản ánh" }).click();

  const cards = page.locator("hl-complaint");
  await expect.poll(() => cards.count()).toBe(2);
  const card = cards.filter({ hasText: REASON });
  expect(await card.locator("[data-field=receipt]").textContent()).toBe(RECEIPT);
  // Without a receipt the citizen could read no reply, so none is asked for.
  const plain = cards.filter({ hasText: "Không có ai hướng dẫn" });
  expect(await plain.locator("[data-field=receipt]").count()).toBe(0);
  expect(await plain.getByLabel("Trả lời công khai (người dân xem được qua mã tra cứu)").count()).toBe(0);

  const reply = "Xã đã bố trí thêm một cán bộ trả kết quả buổi sáng.";
  await card.getByLabel("Chuyển trạng thái").selectOption("resolved");
  await card.getByLabel("Ghi chú xử lý").fill("Đã nhắc nhở bộ phận một cửa");
  await card.getByLabel("Trả lời công khai (người dân xem được qua mã tra cứu)").fill(reply);
  await card.getByRole("button", { name: "Lưu" }).click();
  await expect.poll(() => card.getByRole("status").textContent()).toBe("Đã lưu.");
  expect(await card.locator("[data-field=status]").textContent()).toBe("Đã xử lý");
  expect(await card.locator("[data-field=reply]").textContent()).toBe(reply);
  // The note is done with; the reply stays in its field, to be edited or withdrawn.
  expect(await card.getByLabel("Ghi chú xử lý").inputValue()).toBe("");
  expect(await card.getByLabel("Trả lời công khai (người dân xem được qua mã tra cứu)").inputValue()).toBe(reply);
  await card.locator("summary").click();
  expect(await card.locator("ol").textContent()).toContain(`trả lời công khai: “${reply}”`);
  expect(await lookUp()).toMatchObject({ code: RECEIPT, status: "resolved", reply });

  await card.getByLabel("Trả lời công khai (người dân xem được qua mã tra cứu)").fill("");
  await card.getByRole("button", { name: "Lưu" }).click();
  await expect.poll(() => card.locator("[data-field=reply]").count()).toBe(0);
  expect(await card.locator("ol").textContent()).toContain("đã gỡ trả lời công khai");
  const withdrawn = await lookUp();
  expect(withdrawn).toMatchObject({ code: RECEIPT, status: "resolved" });
  expect(withdrawn).not.toHaveProperty("reply");
});
