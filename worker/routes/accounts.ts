import { Hono, type Context } from "hono";
import { z } from "zod";
import { acceptInvitation } from "../db/invitations.ts";
import { changeAccount, createInvitedAccount, findAccount, listAccounts, reinviteAccount } from "../db/users.ts";
import { scopedUnit } from "../db/units.ts";
import type { SessionUser } from "../domain/access.ts";
import {
  ACCOUNT_LABELS,
  acceptInvitationSchema,
  accountChangeSchema,
  accountSchema,
  issuedInvitationSchema,
  newAccountSchema,
  type Account,
} from "../domain/accounts.ts";
import { randomToken, sha256Hex } from "../domain/digest.ts";
import { INVITATION_VALID_MS, invitationLink } from "../domain/invitation.ts";
import { hashPassword } from "../domain/password.ts";
import { administersAccounts, mayGrant } from "../domain/roles.ts";
import { unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { enforceLimit } from "../http/rate-limit.ts";
import { sameOrigin } from "../middleware/csrf/index.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { jsonBody, query, requireJson } from "../middleware/json-body/index.ts";
import { assertMayChangeItem, assertSecureTransport, signedIn, unitInScope, type PrivateEnv } from "../middleware/session/index.ts";
import { errors, json, parameters } from "../openapi.ts";

const accountsRestricted = new ApiError(403, "accounts_restricted", {
  en: "Only managers and admins administer accounts.",
  vi: "Chỉ lãnh đạo, quản lý và quản trị viên được quản lý tài khoản.",
});

const roleAbove = (role: string) =>
  new ApiError(403, "role_above_own", {
    en: `Your account cannot give or administer the role ${role}: only roles up to your own.`,
    vi: `Tài khoản của bạn không được cấp hoặc quản lý vai trò ${role}: chỉ đến vai trò của chính bạn.`,
  }, { role: "above your own role" });

const ownAccount = new ApiError(403, "own_account", {
  en: "You cannot change your own account here; ask another manager or an admin.",
  vi: "Không tự thay đổi tài khoản của chính mình tại đây; đề nghị quản lý hoặc quản trị viên khác thực hiện.",
});

const emailTaken = (email: string) =>
  new ApiError(409, "email_taken", {
    en: `There is already an account with the email ${email}.`,
    vi: `Đã có tài khoản dùng email ${email}.`,
  }, { email: "already used by another account" });

const unknownAccount = (id: string) =>
  new ApiError(404, "unknown_account", { en: `There is no account ${id}.`, vi: `Không có tài khoản số ${id}.` });

const accountDisabled = new ApiError(409, "account_disabled", {
  en: "This account is disabled: enable it before issuing a new link.",
  vi: "Tài khoản này đang bị khóa: hãy mở khóa trước khi cấp liên kết mới.",
});

const invitationRefused = new ApiError(403, "invitation_refused", {
  en: "This link is unknown, already used or expired. Ask whoever made your account for a new link.",
  vi: "Liên kết không đúng, đã được dùng hoặc đã hết hạn. Đề nghị người tạo tài khoản cấp liên kết mới.",
});

const idParam = z.object({ id: z.string().regex(/^\d{1,12}$/, "an account number") });

/** A new one-time link: its token (only the hash is stored), the link itself and its expiry. */
async function newInvitation(c: Context, now: Date) {
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_MS);
  return { tokenHash: await sha256Hex(token), expiresAt, issued: { link: invitationLink(new URL(c.req.url).origin, token), expiresAt: expiresAt.toISOString() } };
}

/** Throws 403 unless the account may give `role` to accounts of the unit `code`, which must be in its subtree (404 if unknown). */
async function assertMayPlace(c: Context<PrivateEnv>, role: Account["role"] | undefined, code: string | undefined): Promise<void> {
  if (role && !mayGrant(c.var.user.role, role)) throw roleAbove(role);
  if (code) await unitInScope(c, code, { change: true });
}

/**
 * The account a change names, once the user may administer it: 403 for a viewer, 404 for no
 * such account, 403 for one outside the user's subtree, above the user's role, or the user's own.
 */
async function administeredAccount(c: Context<PrivateEnv>, user: SessionUser, now: Date): Promise<Account> {
  if (!administersAccounts(user.role)) throw accountsRestricted;
  const id = c.req.param("id") ?? "";
  const account = idParam.shape.id.safeParse(id).success ? await findAccount(c.var.store, Number(id), now) : null;
  const scope = account && (await scopedUnit(c.var.store, account.unit.code, user.unit.code));
  assertMayChangeItem(user, scope, `Account ${id}`, unknownAccount(id));
  if (!mayGrant(user.role, account!.role)) throw roleAbove(account!.role);
  if (account!.id === user.id) throw ownAccount;
  return account!;
}

/**
 * Accounts administered in the dashboard: managers and admins list, create, change, disable
 * and re-invite the accounts of their subtree, up to their own role; the invited person sets
 * their password through the one-time link.
 */
export const accounts = new Hono<AppEnv>()
  .get("/accounts", signedIn, query(z.strictObject({ unit: unitCode.optional() })), async (c) => {
    if (!administersAccounts(c.var.user.role)) throw accountsRestricted;
    const unit = await unitInScope(c, c.req.valid("query").unit ?? c.var.user.unit.code);
    return c.json({ accounts: await listAccounts(c.var.store, unit.code, new Date()) }, 200);
  })
  .post("/accounts", signedIn, requireJson(4 * 1024), jsonBody(newAccountSchema, ACCOUNT_LABELS), async (c) => {
    const user = c.var.user;
    if (!administersAccounts(user.role)) throw accountsRestricted;
    const body = c.req.valid("json");
    await assertMayPlace(c, body.role, body.unit);
    const now = new Date();
    const { tokenHash, expiresAt, issued } = await newInvitation(c, now);
    const id = await createInvitedAccount(c.var.store, body, tokenHash, expiresAt, { actor: user.id, at: now });
    if (id === null) throw emailTaken(body.email);
    // The link is shown once: only its token's hash is kept.
    return c.json({ account: (await findAccount(c.var.store, id, now))!, invitation: issued }, 201);
  })
  .patch("/accounts/:id", signedIn, requireJson(4 * 1024), jsonBody(accountChangeSchema, ACCOUNT_LABELS), async (c) => {
    const user = c.var.user;
    const now = new Date();
    const account = await administeredAccount(c, user, now);
    const change = c.req.valid("json");
    await assertMayPlace(c, change.role, change.unit);
    await changeAccount(c.var.store, account, change, { actor: user.id, at: now });
    return c.json((await findAccount(c.var.store, account.id, now))!, 200);
  })
  .post("/accounts/:id/invitation", signedIn, async (c) => {
    const user = c.var.user;
    const now = new Date();
    const account = await administeredAccount(c, user, now);
    if (account.disabled) throw accountDisabled;
    const { tokenHash, expiresAt, issued } = await newInvitation(c, now);
    await reinviteAccount(c.var.store, account, tokenHash, expiresAt, { actor: user.id, at: now });
    return c.json({ account: (await findAccount(c.var.store, account.id, now))!, invitation: issued }, 200);
  })
  .post("/invitations/accept", sameOrigin, requireJson(4 * 1024), jsonBody(acceptInvitationSchema, ACCOUNT_LABELS), async (c) => {
    assertSecureTransport(c);
    await enforceLimit(c.env.LOGIN_LIMITER, `invitation:${c.var.clientHash}`);
    const { token, password } = c.req.valid("json");
    const email = await acceptInvitation(c.var.store, await sha256Hex(token), await hashPassword(password), new Date());
    if (!email) throw invitationRefused;
    return c.json({ email }, 200);
  });

const withLink = z.object({ account: accountSchema, invitation: issuedInvitationSchema });
const validHours = INVITATION_VALID_MS / 3600_000;

/** OpenAPI description of this module's paths. */
export const accountsDoc = {
  "/accounts": {
    get: {
      summary: "The accounts of a unit's subtree (managers and admins)",
      description: "Each with its role, unit, whether it is disabled, its last login and its unused one-time link, if any.",
      parameters: parameters("query", z.object({ unit: unitCode.optional().describe("Default: the account's unit") })),
      responses: { "200": json(z.object({ accounts: z.array(accountSchema) }), "By name"), ...errors(400, 401, 403, 404, 503) },
    },
    post: {
      summary: "Create an account and its one-time invitation link (managers and admins)",
      description: `Within the creator's subtree and with a role no higher than the creator's (only admins create admins). The account has no usable password until its owner opens the link (the dashboard with #invite=<token>) and sets one; the link works once, for ${validHours} hours, and is shown only in this response. Recorded in the audit log (\`account.create\`).`,
      requestBody: { required: true, ...json(newAccountSchema, "Email, name, role and unit") },
      responses: { "201": json(withLink, "Created"), ...errors(400, 401, 403, 404, 409, 413, 415, 503) },
    },
  },
  "/accounts/{id}": {
    patch: {
      summary: "Change an account's name, role or unit, or disable or enable it (managers and admins)",
      description:
        "Under the same rules as creating one, for an account of the subtree whose role is no higher than the user's own, and not the user's own. Disabling ends its sessions and its unused link at once. Recorded as `account.update`, `account.disable` or `account.enable`, with the changed fields before and after.",
      parameters: parameters("path", idParam),
      requestBody: { required: true, ...json(accountChangeSchema, "The fields to change") },
      responses: { "200": json(accountSchema, "The account now"), ...errors(400, 401, 403, 404, 413, 415, 503) },
    },
  },
  "/accounts/{id}/invitation": {
    post: {
      summary: "Issue a new one-time link, e.g. for a forgotten password (managers and admins)",
      description: `The earlier link stops working at once; the new one works once, for ${validHours} hours, and is shown only in this response. The current password keeps working until a new one is set. Recorded as \`account.invite\`.`,
      parameters: parameters("path", idParam),
      responses: { "200": json(withLink, "Issued"), ...errors(401, 403, 404, 409, 503) },
    },
  },
  "/invitations/accept": {
    post: {
      summary: "Set an account's password with its one-time link",
      description: `The token is the part after #invite= in the link. Works once, within ${validHours} hours of issue, for an enabled account; ends the account's other sessions. Then log in with the email returned. Only from the dashboard's own origin, over https or on a loopback host; rate limited per address.`,
      requestBody: { required: true, ...json(acceptInvitationSchema, "The token and the new password") },
      responses: { "200": json(z.object({ email: z.string() }), "Password set"), ...errors(400, 403, 413, 415, 429, 503) },
    },
  },
};
