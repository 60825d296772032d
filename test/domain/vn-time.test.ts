import { describe, expect, it } from "vitest";
import { vnDay, vnDayStart } from "../../worker/domain/vn-time.ts";

describe("Viet Nam days", () => {
  it("puts 23:59 and 00:00 Ha Noi time on their own days, whatever the UTC date", () => {
    expect(vnDay(new Date("2026-03-01T16:59:59.999Z"))).toBe("2026-03-01"); // 23:59:59.999 in Ha Noi
    expect(vnDay(new Date("2026-03-01T17:00:00.000Z"))).toBe("2026-03-02"); // 00:00 in Ha Noi
    expect(vnDay(new Date("2026-12-31T17:00:00.000Z"))).toBe("2027-01-01");
  });

  it("starts a Viet Nam day at 17:00 UTC the day before", () => {
    expect(vnDayStart("2026-03-02").toISOString()).toBe("2026-03-01T17:00:00.000Z");
    expect(vnDay(vnDayStart("2024-02-29"))).toBe("2024-02-29");
  });
});
