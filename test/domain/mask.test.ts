import { describe, expect, it } from "vitest";
import { maskPersonalNumbers } from "../../worker/domain/mask.ts";

/** Personal data as citizens write it in a reason or a comment, and the text as stored. */
const MASKED: [string, string][] = [
  // The forms the API and the widget's outbox tests rely on.
  ["Gọi tôi 0912345678 nhé", "Gọi tôi •••••••••• nhé"],
  ["SĐT: 0912 345 678.", "SĐT: •••• ••• •••."],
  ["số +84 912.345.678", "số ••• •••.•••.•••"],
  ["84912345678", "•••••••••••"],
  ["bàn 024-3825-1234 gọi mãi không được", "bàn •••-••••-•••• gọi mãi không được"],
  ["CCCD 001203004005 của tôi", "CCCD •••••••••••• của tôi"],
  ["CCCD 001 203 004 005", "CCCD ••• ••• ••• •••"],
  ["Cán bộ hẹn gọi lại số 0912 345 678 nhưng không gọi", "Cán bộ hẹn gọi lại số •••• ••• ••• nhưng không gọi"],
  ["Chờ lâu, gọi 0912 345 678", "Chờ lâu, gọi •••• ••• •••"],
  // Mobile numbers, every prefix, every way of grouping them.
  ["Cán bộ hẹn gọi lại số 0912.345.678 nhưng không ai gọi", "Cán bộ hẹn gọi lại số ••••.•••.••• nhưng không ai gọi"],
  ["Liên hệ em qua zalo 0 9 1 2 3 4 5 6 7 8", "Liên hệ em qua zalo • • • • • • • • • •"],
  ["Viettel của tôi 0388 123 456", "Viettel của tôi •••• ••• •••"],
  ["số 0567 890 123 không liên lạc được", "số •••• ••• ••• không liên lạc được"],
  ["Mobifone 0778 123 456", "Mobifone •••• ••• •••"],
  ["Vinaphone 0888-123-456", "Vinaphone ••••-•••-•••"],
  ["SĐT 091 234 5678", "SĐT ••• ••• ••••"],
  ["số 0912 345678 (chồng tôi)", "số •••• •••••• (chồng tôi)"],
  ["sđt 0912--345--678 ạ", "sđt ••••--•••--••• ạ"],
  ["SĐT 0912_345_678", "SĐT ••••_•••_•••"],
  ["Số máy 09.12.34.56.78, gọi giờ hành chính", "Số máy ••.••.••.••.••, gọi giờ hành chính"],
  ["Liên hệ 0912 / 345 / 678 (chị Lan)", "Liên hệ •••• / ••• / ••• (chị Lan)"],
  ["0912345678 là số của tôi", "•••••••••• là số của tôi"],
  ["sdt0912345678", "sdt••••••••••"],
  ["ĐT:0912.345.678", "ĐT:••••.•••.•••"],
  ["SĐT/Zalo: 0912345678", "SĐT/Zalo: ••••••••••"],
  ["Gọi 0912.345.678.", "Gọi ••••.•••.•••."],
  // With the country code, written every way.
  ["Nhắn giúp tôi qua số (+84) 912 345 678", "Nhắn giúp tôi qua số (•••) ••• ••• •••"],
  ["Chồng tôi ở nước ngoài, số 0084 912 345 678", "Chồng tôi ở nước ngoài, số •••• ••• ••• •••"],
  ["+84912345678 là số của con tôi", "•••••••••••• là số của con tôi"],
  ["Điện thoại 84 912 345 678, gọi sau 17h", "Điện thoại •• ••• ••• •••, gọi sau 17h"],
  ["Gọi +84 24 3825 1234", "Gọi ••• •• •••• ••••"],
  // Landlines: 02 and an area code, eleven digits.
  ["Số điện thoại (024) 3825 1234 không ai nghe máy", "Số điện thoại (•••) •••• •••• không ai nghe máy"],
  ["Phòng một cửa 0236 3822 111 không nghe máy", "Phòng một cửa •••• •••• ••• không nghe máy"],
  ["Gọi (0236) 3822 111 cả buổi sáng", "Gọi (••••) •••• ••• cả buổi sáng"],
  ["Tổng đài phường 028 3829 5555 luôn bận", "Tổng đài phường ••• •••• •••• luôn bận"],
  ["Gọi (028) 3829 5555", "Gọi (•••) •••• ••••"],
  ["Gọi 028.3829.5555 giờ hành chính", "Gọi •••.••••.•••• giờ hành chính"],
  // Fullwidth digits and signs (folded to ASCII, then masked).
  ["Số của tôi: ０９１２３４５６７８", "Số của tôi: ••••••••••"],
  ["ĐT ０９１２－３４５－６７８", "ĐT ••••-•••-•••"],
  ["Gọi ＋８４ ９１２ ３４５ ６７８", "Gọi ••• ••• ••• •••"],
  ["Gọi (０２４) ３８２５ １２３４", "Gọi (•••) •••• ••••"],
  // Invisible characters and unusual spaces between the digits.
  ["Gọi 0912\u200b345\u200b678 nhé", "Gọi ••••\u200b•••\u200b••• nhé"],
  ["Gọi 0912\u200b345678", "Gọi ••••\u200b••••••"],
  ["Số 0912\u200d345\u200d678", "Số ••••\u200d•••\u200d•••"],
  ["Số 0912\u00ad345\u00ad678", "Số ••••\u00ad•••\u00ad•••"],
  ["SĐT 0912\u00a0345\u00a0678", "SĐT ••••\u00a0•••\u00a0•••"],
  ["SĐT 0912\u202f345\u202f678", "SĐT ••••\u202f•••\u202f•••"],
  // Separators of any mix within one number.
  ["Gọi (028) 3829-5555", "Gọi (•••) ••••-••••"],
  ["SĐT 0912.345-678 (anh Hùng)", "SĐT ••••.•••-••• (anh Hùng)"],
  ["số 0912 345.678 ạ", "số •••• •••.••• ạ"],
  ["ĐT 0912-345 678", "ĐT ••••-••• •••"],
  ["Gọi 0912 . 345 - 678", "Gọi •••• . ••• - •••"],
  ["zalo: 0912//345--678", "zalo: ••••//•••--•••"],
  ["SĐT 0912_345-678", "SĐT ••••_•••-•••"],
  ["SĐT 0912\u00a0345 678", "SĐT ••••\u00a0••• •••"],
  ["Số 0912\u200b345.678", "Số ••••\u200b•••.•••"],
  ["Gọi +84-912 345.678", "Gọi •••-••• •••.•••"],
  ["Gọi +84 (0) 912 345 678", "Gọi ••• (•) ••• ••• •••"],
  ["Văn phòng 0236.3822 111", "Văn phòng ••••.•••• •••"],
  ["Gọi (024) 3825.1234 hoặc 0912 345-678", "Gọi (•••) ••••.•••• hoặc •••• •••-•••"],
  ["CCCD 001.203 004-005", "CCCD •••.••• •••-•••"],
  ["cccd: 001 203.004 005", "cccd: ••• •••.••• •••"],
  // Two numbers side by side, and a number beside other numbers.
  ["Gọi 0912.345.678 hoặc 0987.654.321", "Gọi ••••.•••.••• hoặc ••••.•••.•••"],
  ["SĐT 0912 345 678 - 0987 654 321", "SĐT •••• ••• ••• - •••• ••• •••"],
  ["zalo 0912345678 0987654321", "zalo •••••••••• ••••••••••"],
  ["Số 0912.345.678;0987.654.321", "Số ••••.•••.•••;••••.•••.•••"],
  ["Tôi gọi 0912 345 678 3 lần không ai nghe", "Tôi gọi •••• ••• ••• 3 lần không ai nghe"],
  ["Ngày 12/11/2025 tôi gọi 0912345678 nhiều lần", "Ngày 12/11/2025 tôi gọi •••••••••• nhiều lần"],
  ["12/11/2025 0912345678", "12/11/2025 ••••••••••"],
  ["Mã hồ sơ 000.00.12.H40-240101-0001, gọi 0912345678", "Mã hồ sơ 000.00.12.H40-240101-0001, gọi ••••••••••"],
  // Citizen ID numbers (CCCD), however separated.
  ["CCCD của tôi 001 203 004 005", "CCCD của tôi ••• ••• ••• •••"],
  ["Số CCCD: 001.203.004.005", "Số CCCD: •••.•••.•••.•••"],
  ["CCCD 001-203-004-005", "CCCD •••-•••-•••-•••"],
  ["CCCD 001\u00a0203\u00a0004\u00a0005", "CCCD •••\u00a0•••\u00a0•••\u00a0•••"],
  ["CCCD ００１２０３００４００５", "CCCD ••••••••••••"],
  ["Năm sinh 1985, CCCD 001085012345", "Năm sinh 1985, CCCD ••••••••••••"],
  ["CCCD 001203004005, SĐT 0912345678", "CCCD ••••••••••••, SĐT ••••••••••"],
  // E-mail addresses become "•••@•••" whole.
  ["email: nguyen.van.a@gmail.com", "email: •••@•••"],
  ["Gửi vào Tran.Thi-B+hoso@Yahoo.com.vn giúp tôi", "Gửi vào •••@••• giúp tôi"],
  ["mail: lehoang_89@phuong-hoalu.gov.vn.", "mail: •••@•••."],
  ["email 0912345678@gmail.com", "email •••@•••"],
  ["(email: abc@xyz.vn)", "(email: •••@•••)"],
  ["Liên hệ anh Nam 0912.345.678 hoặc email nam.nguyen@hanoi.gov.vn", "Liên hệ anh Nam ••••.•••.••• hoặc email •••@•••"],
  [
    "Tôi tên Nguyễn Văn A, sđt 0912-345-678, cccd 001203004005, mail nva@gmail.com",
    "Tôi tên Nguyễn Văn A, sđt ••••-•••-•••, cccd ••••••••••••, mail •••@•••",
  ],
];

/** Numbers that are not personal: they stay as written. */
const KEPT: string[] = [
  // Case codes.
  "Mã hồ sơ H40.22-251201-0042 chưa có kết quả",
  "Hồ sơ 000.00.12.H40-240101-0001 trễ hẹn",
  "Hồ sơ 000.23.45.H26-250101-0001",
  "Hồ sơ HS-2026/001 nộp từ lâu",
  "Hồ sơ số 2025/HS-123 ngày 12/03/2026",
  // Dates and times, also side by side.
  "Hẹn trả ngày 12/11/2025 mà không có",
  "Nộp ngày 2025-11-12",
  "ngày 12.11.2025 tôi đến lần hai",
  "Chờ từ 8:30 đến 11:45",
  "Tôi chờ từ 7h30 đến 11h",
  "08:30 - 09:15",
  "Lúc 05/12/2025 08:30 tôi đến",
  "ngày 05.12.2025 lúc 08.30",
  "Từ 02/03/2025 - 09/10/2025 vẫn chưa xong",
  "Từ 02/03 - 09/03/2025 chưa giải quyết",
  "12/11/2025 - 14/11/2025",
  "Ngày hẹn 05/12/2025, đến 10/12/2025 vẫn chưa có",
  "Lúc 08/12/2025 09:15 tôi nộp hồ sơ",
  "ngày 08/12/2025 10 giờ mới mở cửa",
  "Hẹn 08.12.2025 - 10.12.2025",
  "2025-12-08 09:30 nộp, 2025-12-09 10:00 nhận",
  "Đợt 1: 02/12 - 09/12/2025",
  "Từ 01/12/2025 08 giờ đến 03/12/2025 17 giờ",
  // Amounts of money.
  "Phí 1.500.000 đồng là quá cao",
  "Thu 1,500,000đ không có biên lai",
  "Lệ phí 2 triệu",
  "Số tiền 1 500 000 đồng",
  "Số tiền 15.000.000.000 đồng",
  "Chờ 45 phút, phí 50.000 đồng",
  // Procedure and document numbers.
  "thủ tục 1.004227",
  "mã TTHC 2.002085",
  "Theo Quyết định số 766/QĐ-TTg",
  "Nghị định 13/2023/NĐ-CP đã hết hiệu lực",
  "Luật 91/2025/QH15",
  "Tờ khai mẫu 01/ĐKTĐ",
  "Giấy hẹn số 0001234",
  // Short numbers, addresses, years, plates, public lines.
  "Phòng 203, quầy số 5, chờ 45 phút",
  "Nhà tôi ở số 12 ngõ 34 Kim Mã",
  "thửa đất số 123, tờ bản đồ số 45",
  "Năm 2025 tôi đã nộp 3 lần",
  "Xe 29A-123.45 đỗ trước cửa",
  "Tổng đài 1900 1234 không ai nghe",
  "Gọi 113 hay 115",
  "STT 0912 trên bảng gọi số",
  "Điểm 0,5 không hợp lý",
  // Longer numbers than a phone or a citizen ID, and what is not an e-mail address.
  "1234567890123",
  "Mã 12345678901",
  "Tài khoản 0123456789012 ở ngân hàng",
  "website phuonghoalu.gov.vn",
  "Tôi gửi @Phường Hoa Lư",
];

describe("maskPersonalNumbers", () => {
  it.each(MASKED)("masks %j", (input, masked) => {
    expect(maskPersonalNumbers(input)).toBe(masked);
  });

  it.each(KEPT)("keeps %j as written", (text) => {
    expect(maskPersonalNumbers(text)).toBe(text);
  });

  it("folds fullwidth digits and signs to ASCII, also where nothing is masked", () => {
    expect(maskPersonalNumbers("ngày １２／１１／２０２５")).toBe("ngày 12/11/2025");
  });

  it("changes nothing more when masking again (the widget masks, then the API)", () => {
    for (const [, masked] of MASKED) expect(maskPersonalNumbers(masked)).toBe(masked);
  });

  it("masks 10,000 characters of digits and separators in one call", () => {
    expect(maskPersonalNumbers("0912.345.678 ".repeat(770))).toBe("••••.•••.••• ".repeat(770));
    expect(maskPersonalNumbers("1-".repeat(5_000))).toBe("1-".repeat(5_000));
    expect(maskPersonalNumbers("+84 ".repeat(2_500))).toBe("+84 ".repeat(2_500));
    expect(maskPersonalNumbers("0".repeat(10_000))).toBe("0".repeat(10_000));
    // Twelve zeros at a time read as a CCCD; the eight left over are too few for anything.
    expect(maskPersonalNumbers("0\u200b".repeat(5_000))).toBe("•\u200b".repeat(4_992) + "0\u200b".repeat(8));
  });
});
