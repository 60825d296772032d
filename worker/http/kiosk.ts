import type { DeviceAuth } from "../db/devices.ts";
import { ApiError } from "../middleware/errors/index.ts";

/**
 * The kiosk behind a submission's device token, or the 403 that a kiosk shows its users: a
 * token no kiosk holds (never enrolled, or enrolled again since), a revoked device, or a
 * device enrolled for another unit.
 */
export function admittedKiosk(device: DeviceAuth | null, unit: string): DeviceAuth {
  if (!device) {
    throw new ApiError(403, "device_unknown", {
      en: "This device is not enrolled, or was enrolled again since. Ask the unit's manager for a new enrolment link.",
      vi: "Thiết bị này chưa được đăng ký hoặc đã được đăng ký lại. Đề nghị quản trị đơn vị cấp liên kết đăng ký mới.",
    });
  }
  if (device.revoked) {
    throw new ApiError(403, "device_revoked", {
      en: `This device (${device.name}) has been revoked and takes no more ratings. Please contact the unit's manager.`,
      vi: `Thiết bị này (${device.name}) đã bị thu hồi, không nhận đánh giá nữa. Vui lòng liên hệ quản trị đơn vị.`,
    });
  }
  if (!device.mayAnswerFor) {
    throw new ApiError(403, "device_other_unit", {
      en: `This device (${device.name}) is enrolled for another unit than ${unit}.`,
      vi: `Thiết bị này (${device.name}) được đăng ký cho đơn vị khác, không phải ${unit}.`,
    });
  }
  return device;
}
