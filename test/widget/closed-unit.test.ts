/** A desk its managers have closed: the widget says it takes no more ratings instead of showing the survey. */
import { beforeAll, expect, test } from "vitest";
import { apiSessionOf } from "../support/api-session.ts";
import { embedHtml, widgetFixture } from "./helpers.ts";

const fx = widgetFixture();
const COMMUNE = "20140"; // Xã Lộc An, Huế
let desk: string;

beforeAll(async () => {
  const manager = await apiSessionOf({ email: "quanly.locan@example.vn", name: "Hồ Thị Hoa", password: "mat-khau-thu-nghiem", role: "manager", unit: COMMUNE });
  const added = await manager.send("POST", `/units/${COMMUNE}/desks`, { name: "Bộ phận tiếp nhận và trả kết quả" });
  expect(added.status).toBe(201);
  desk = ((await added.json()) as { code: string }).code;
  expect((await manager.send("POST", `/units/${desk}/close`, {})).status).toBe(200);
});

test("a closed desk shows that it no longer takes ratings, in Vietnamese and in English", async () => {
  const vi = await fx.open(fx.host.page("/closed", embedHtml({ unit: desk })));
  await vi.widget.getByRole("status").getByText("Đơn vị này đã ngừng nhận đánh giá.").waitFor();
  expect(await vi.widget.getByRole("radio").count()).toBe(0);
  expect(await vi.widget.getByRole("button").count()).toBe(0);

  const en = await fx.open(fx.host.page("/closed-en", embedHtml({ unit: desk, lang: "en" })));
  await en.widget.getByRole("status").getByText("This unit no longer takes ratings.").waitFor();
});

test("in button mode the dialog says so too", async () => {
  const { widget } = await fx.open(fx.host.page("/closed-button", embedHtml({ unit: desk, mode: "button" })));
  await widget.getByRole("button", { name: "Đánh giá sự hài lòng" }).click();
  await widget.getByRole("dialog").getByText("Đơn vị này đã ngừng nhận đánh giá.").waitFor();
});
