/*
 * One-time links to set an account's password (migrations/catalog/0008_invitations.sql).
 * There is no mail server: the dashboard shows the link to the account's creator, who sends
 * it on. It opens the dashboard with #invite=<token>. Without zod, for the dashboard too.
 */

/** The fragment parameter that carries an invitation token to the dashboard. */
export const INVITE_FRAGMENT = "invite";

/** How long a link can be used: three days, time for a weekend. */
export const INVITATION_VALID_MS = 72 * 3600_000;

/** The link for a token, on the dashboard at `origin`. The token stays in the fragment, which no server or log sees. */
export function invitationLink(origin: string, token: string): string {
  return `${origin}/dashboard/#${INVITE_FRAGMENT}=${token}`;
}
