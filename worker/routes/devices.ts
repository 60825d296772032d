import { Hono } from "hono";
import { z } from "zod";
import { createDevice, deviceScope, enrolDevice, listDevices, revokeDevice } from "../db/devices.ts";
import { randomToken, sha256Hex } from "../domain/digest.ts";
import { deviceSchema, ENROL_VALID_MS, enrolmentSchema, enrolSchema, newDeviceSchema } from "../domain/devices.ts";
import { isServicePoint, unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { enforceLimit } from "../http/rate-limit.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { jsonBody, query, requireJson } from "../middleware/json-body/index.ts";
import { assertMayChangeItem, signedIn, unitInScope } from "../middleware/session/index.ts";
import { errors, json, parameters } from "../openapi.ts";

const unknownDevice = (id: string) =>
  new ApiError(404, "unknown_device", { en: `There is no device with id ${id}.`, vi: `Không có thiết bị nào có mã ${id}.` });

const codeRefused = new ApiError(403, "enrolment_refused", {
  en: "This enrolment code is unknown, already used or expired. Ask the unit's manager for a new enrolment link.",
  vi: "Mã đăng ký thiết bị không đúng, đã được dùng hoặc đã hết hạn. Đề nghị quản trị đơn vị cấp liên kết đăng ký mới.",
});

/**
 * Enrolled kiosks: managers create a device for a unit and get its one-time enrolment code;
 * the tablet spends the code for its token; managers revoke devices.
 */
export const devices = new Hono<AppEnv>()
  .get("/devices", signedIn, query(z.strictObject({ unit: unitCode.optional() })), async (c) => {
    const unit = await unitInScope(c, c.req.valid("query").unit ?? c.var.user.unit.code);
    return c.json({ devices: await listDevices(c.var.store, unit.code) }, 200);
  })
  .post("/devices", signedIn, requireJson(4 * 1024), jsonBody(newDeviceSchema), async (c) => {
    const { unit: code, name } = c.req.valid("json");
    const unit = await unitInScope(c, code, { change: true });
    if (!isServicePoint(unit.kind)) {
      throw new ApiError(400, "invalid", {
        en: `A kiosk serves citizens at a commune, desk or official; ${unit.name} serves none itself.`,
        vi: `Thiết bị đánh giá đặt tại xã, phường hoặc bộ phận; ${unit.name} không trực tiếp phục vụ người dân.`,
      }, { unit: "not a service point" });
    }
    const enrolCode = randomToken(18);
    const now = new Date();
    const device = await createDevice(c.var.store, {
      id: crypto.randomUUID(),
      unit: unit.code,
      name,
      enrolHash: await sha256Hex(enrolCode),
      enrolExpiresAt: new Date(now.getTime() + ENROL_VALID_MS),
      createdBy: c.var.user.id,
      at: now,
    });
    // The code is shown once: only its hash is kept.
    return c.json({ device, enrolCode }, 201);
  })
  .post("/devices/:id/revoke", signedIn, async (c) => {
    const id = c.req.param("id");
    const user = c.var.user;
    assertMayChangeItem(user, await deviceScope(c.var.store, id, user.unit.code), `Device ${id}`, unknownDevice(id));
    return c.json(await revokeDevice(c.var.store, id, user.id, new Date()), 200);
  })
  .post("/devices/enrol", requireJson(1024), jsonBody(enrolSchema), async (c) => {
    await enforceLimit(c.env.LOGIN_LIMITER, `enrol:${c.var.clientHash}`);
    const token = randomToken(32);
    const device = await enrolDevice(c.var.store, await sha256Hex(c.req.valid("json").code), await sha256Hex(token), new Date());
    if (!device) throw codeRefused;
    return c.json({ token, device }, 200);
  });

/** OpenAPI description of this module's paths. */
export const devicesDoc = {
  "/devices": {
    get: {
      summary: "The kiosks enrolled in a unit's subtree",
      parameters: parameters("query", z.object({ unit: unitCode.optional() })),
      responses: { "200": json(z.object({ devices: z.array(deviceSchema) }), "Newest first"), ...errors(400, 401, 403, 404, 503) },
    },
    post: {
      summary: "Create a kiosk and its one-time enrolment code (managers and admins)",
      description: `The code is shown once and can be spent for ${ENROL_VALID_MS / 3600_000} hours: open the kiosk page on the tablet with #hailong-enrol=<code> in its address.`,
      requestBody: { required: true, ...json(newDeviceSchema, "The unit and a name, e.g. Máy tính bảng quầy 1") },
      responses: { "201": json(z.object({ device: deviceSchema, enrolCode: z.string() }), "Created"), ...errors(400, 401, 403, 404, 413, 415, 503) },
    },
  },
  "/devices/{id}/revoke": {
    post: {
      summary: "Revoke a kiosk for good (managers and admins)",
      description: "Its answers are refused from then on with `device_revoked`, which the kiosk shows.",
      parameters: parameters("path", z.object({ id: z.string() })),
      responses: { "200": json(deviceSchema, "The device now"), ...errors(401, 403, 404, 503) },
    },
  },
  "/devices/enrol": {
    post: {
      summary: "Spend an enrolment code for the kiosk's token (the kiosk widget calls it once)",
      description: "The kiosk then sends the token as `device` with every answer: rate-limited per device, judged against its own pace.",
      requestBody: { required: true, ...json(enrolSchema, "The code from the enrolment link") },
      responses: { "200": json(enrolmentSchema, "Enrolled"), ...errors(400, 403, 413, 415, 429, 503) },
    },
  },
};
