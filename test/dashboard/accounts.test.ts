/**
 * Accounts administered in the dashboard: a province's admin creates a manager for a ward
 * and copies the one-time link; the link, opened in another browser, lets the manager set a
 * password and sign in; from then on they sign in like anyone and see their ward.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { violations } from "../support/axe.ts";
import { launchBrowser } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
const UNIT = "00025"; // Phường Giảng Võ, Hà Nội
const ADMIN = { email: "quantri.hanoi@example.vn", name: "Đỗ Minh Tuấn", password: "mat-khau-quan-tri-ha-noi", role: "admin" as const, unit: "01" };
const MANAGER = { email: "quanly.giangvo@example.vn", name: "Vũ Thị Thu", password: "mật-khẩu-của-thu-2026" };

let browser: Browser;

beforeAll(async () => {
  await storeAccount(ADMIN, { remote: false, persistTo: inject("persistTo") });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/**
 * A page in a browser context of its own: no cookie or storage shared with any other. axe's
 * injected script needs the dashboard's CSP bypassed; the other pages run under it.
 */
async function freshPage({ forAxe = false } = {}): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", ...(forAxe && { bypassCSP: true, reducedMotion: "reduce" as const }) })).newPage();
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

test("an admin creates a manager, who sets a password through the link and sees their ward", async () => {
  const admin = await freshPage();
  await admin.goto(`${baseUrl}/dashboard/?view=accounts&unit=${UNIT}`);
  await signIn(admin, ADMIN.email, ADMIN.password);
  await admin.getByRole("link", { name: "Tài khoản" }).click();
  await expect.poll(() => admin.getByRole("heading", { level: 2 }).first().textContent()).toBe("Tài khoản");
  // The page is a chunk of its own: its form is there once that has loaded.
  await admin.getByRole("button", { name: "Tạo tài khoản" }).waitFor();

  await admin.getByLabel("Email", { exact: true }).fill(MANAGER.email);
  await admin.getByLabel("Họ và tên").fill(MANAGER.name);
  await admin.getByLabel("Vai trò").selectOption("manager");
  await admin.getByRole("button", { name: "Tạo tài khoản" }).click();
  const shown = admin.locator("[data-field=invitation-link]");
  await expect.poll(() => shown.textContent()).toMatch(/\/dashboard\/#invite=/);
  const link = (await shown.textContent())!;
  expect(link.startsWith(`${baseUrl}/dashboard/#invite=`)).toBe(true);
  const row = admin.locator(`tr[data-account="${MANAGER.email}"]`);
  await expect.poll(() => row.locator("[data-field=account-state]").textContent()).toContain("Chờ đặt mật khẩu");
  expect(await row.textContent()).toContain("Phường Giảng Võ");

  // The manager has no password yet.
  const manager = await freshPage();
  await manager.goto(`${baseUrl}/dashboard/`);
  await signIn(manager, MANAGER.email, MANAGER.password);
  await expect.poll(() => manager.getByRole("alert").first().textContent()).toContain("Email hoặc mật khẩu không đúng");

  // The link, in a browser of its own.
  const invited = await freshPage();
  await invited.goto(link);
  await invited.getByLabel("Mật khẩu mới").fill(MANAGER.password);
  await invited.getByLabel("Nhập lại mật khẩu").fill(MANAGER.password);
  await invited.getByRole("button", { name: "Đặt mật khẩu và đăng nhập" }).click();
  const account = invited.locator("hl-app header .account");
  await expect.poll(() => account.textContent()).toContain(`${MANAGER.name} · Quản lý · Phường Giảng Võ`);
  // The dashboard opens on their ward, and the token has left the address bar.
  expect(invited.url()).not.toContain("invite=");
  expect(new URL(invited.url()).searchParams.get("unit")).toBe(UNIT);
  await expect.poll(() => invited.locator("hl-headline p.summary").first().textContent()).toContain("Phường Giảng Võ");

  // The link is spent; the password works from any browser.
  const again = await freshPage();
  await again.goto(link);
  await again.getByLabel("Mật khẩu mới").fill("một-mật-khẩu-khác-2026");
  await again.getByLabel("Nhập lại mật khẩu").fill("một-mật-khẩu-khác-2026");
  await again.getByRole("button", { name: "Đặt mật khẩu và đăng nhập" }).click();
  await expect.poll(() => again.getByRole("alert").first().textContent()).toContain("đã được dùng hoặc đã hết hạn");

  await manager.reload();
  await signIn(manager, MANAGER.email, MANAGER.password);
  await expect.poll(() => manager.locator("hl-app header .account").textContent()).toContain("Phường Giảng Võ");
  expect(new URL(manager.url()).searchParams.get("unit")).toBe(UNIT);

  await admin.reload();
  await expect.poll(() => row.locator("[data-field=account-state]").textContent()).toBe("Đang hoạt động");
});

test("the accounts, invitation and audit pages have no WCAG 2.2 AA violation", async () => {
  const admin = await freshPage({ forAxe: true });
  await admin.goto(`${baseUrl}/dashboard/?view=accounts&unit=${UNIT}`);
  await signIn(admin, ADMIN.email, ADMIN.password);
  await admin.getByRole("button", { name: "Tạo tài khoản" }).waitFor();
  await admin.getByLabel("Email", { exact: true }).fill("xem.giangvo@example.vn");
  await admin.getByLabel("Họ và tên").fill("Phan Văn Long");
  await admin.getByRole("button", { name: "Tạo tài khoản" }).click();
  const shown = admin.locator("[data-field=invitation-link]");
  await shown.waitFor();
  await admin.locator(`tr[data-account="xem.giangvo@example.vn"]`).waitFor();
  expect(await violations(admin)).toEqual([]);

  const invited = await freshPage({ forAxe: true });
  await invited.goto((await shown.textContent())!);
  await invited.getByLabel("Mật khẩu mới").waitFor();
  expect(await violations(invited)).toEqual([]);

  await admin.getByRole("link", { name: "Nhật ký" }).click();
  await admin.locator("hl-audit-page tbody tr").first().waitFor();
  expect(await admin.locator("hl-audit-page tbody tr").first().textContent()).toContain("Tạo tài khoản");
  expect(await violations(admin)).toEqual([]);
});
