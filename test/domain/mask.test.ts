import { describe, expect, it } from "vitest";
import { maskPersonalNumbers } from "../../worker/domain/mask.ts";

describe("maskPersonalNumbers", () => {
  it.each([
    ["Gọi tôi 0912345678 nhé", "Gọi tôi •••••••••• nhé"],
    ["SĐT: 0912 345 678.", "SĐT: •••• ••• •••."],
    ["số +84 912.345.678", "số ••• •••.•••.•••"],
    ["84912345678", "•••••••••••"],
    ["bàn 024-3825-1234 gọi mãi không được", "bàn •••-••••-•••• gọi mãi không được"],
    ["CCCD 001203004005 của tôi", "CCCD •••••••••••• của tôi"],
    ["CCCD 001 203 004 005", "CCCD ••• ••• ••• •••"],
  ])("masks %s", (input, masked) => {
    expect(maskPersonalNumbers(input)).toBe(masked);
  });

  it.each([
    "Chờ 45 phút, phí 50.000 đồng",
    "Hồ sơ số 2025/HS-123 ngày 12/03/2026",
    "1234567890123", // 13 digits: neither a phone nor a citizen ID
    "Mã 12345678901", // 11 digits not starting with 0 or 84
  ])("leaves %s as written", (text) => {
    expect(maskPersonalNumbers(text)).toBe(text);
  });
});
