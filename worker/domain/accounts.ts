import { z } from "zod";
import { ROLES } from "./access.ts";
import { passwordProblem } from "./password.ts";
import { cleanText } from "./submission.ts";
import { unitCode } from "./units.ts";

/*
 * Accounts as their administrators see them: admins and managers make accounts within their
 * subtree, up to their own role (worker/domain/roles.ts), and each new account gets a
 * one-time link (worker/domain/invitation.ts) where its owner sets the password.
 */

const email = z.string().trim().toLowerCase().pipe(z.email("an email address").max(254));
const name = cleanText(100).pipe(z.string().min(1, "required"));

/** An account as `GET /accounts` lists it. */
export const accountSchema = z.object({
  id: z.int(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  unit: z.object({ code: z.string(), name: z.string() }),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  /** The unused one-time link, if any: until when it works (it may have expired). */
  invitation: z.object({ expiresAt: z.string(), expired: z.boolean() }).nullable(),
});
export type Account = z.infer<typeof accountSchema>;

/** The body of `POST /accounts`. */
export const newAccountSchema = z.strictObject({ email, name, role: z.enum(ROLES), unit: unitCode });
export type NewAccount = z.infer<typeof newAccountSchema>;

/** The body of `PATCH /accounts/:id`: any of these, at least one. */
export const accountChangeSchema = z
  .strictObject({ name: name.optional(), role: z.enum(ROLES).optional(), unit: unitCode.optional(), disabled: z.boolean().optional() })
  .refine((change) => Object.keys(change).length > 0, "at least one of name, role, unit, disabled");
export type AccountChange = z.infer<typeof accountChangeSchema>;

/** A one-time link just issued: shown once, since only its token's hash is kept. */
export const issuedInvitationSchema = z.object({ link: z.string(), expiresAt: z.string() });

/** The body of `POST /invitations/accept`: the token from the link and the new password. */
export const acceptInvitationSchema = z.strictObject({
  token: z.string().min(20, "the token from the link").max(100),
  password: z
    .string()
    .max(1024)
    .superRefine((password, ctx) => {
      const problem = passwordProblem(password);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
});

/** Fields as people call them, for the 400's message. */
export const ACCOUNT_LABELS = {
  email: { en: "email", vi: "email" },
  name: { en: "name", vi: "họ và tên" },
  role: { en: "role", vi: "vai trò" },
  unit: { en: "unit", vi: "đơn vị" },
  disabled: { en: "disabled", vi: "khóa tài khoản" },
  token: { en: "link", vi: "liên kết" },
  password: { en: "password", vi: "mật khẩu" },
};
