/** Signing in to the dashboard in a browser, as its users do. */
import type { Page } from "playwright-core";
import { inject } from "vitest";

/** Opens the dashboard on `page` and logs in with the account's email and password. */
export async function logIn(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${inject("baseUrl")}/dashboard/`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Mật khẩu").fill(account.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}
