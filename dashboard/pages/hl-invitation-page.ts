import { html, LitElement } from "lit";
import { MIN_PASSWORD_LENGTH } from "../../worker/domain/password.ts";
import { ApiFailure } from "../api/client.ts";
import { acceptInvitation, login } from "../api/endpoints.ts";
import type { User } from "../api/types.ts";
import { shared, signInCard } from "../components/styles.ts";
import { adminStrings } from "../i18n/admin-strings.ts";
import type { Lang } from "../i18n/strings.ts";

/**
 * Where a one-time link (/dashboard/#invite=<token>) lands: the invited person chooses a
 * password, which spends the link, and is logged in with it (`hl-signed-in`).
 */
export class HlInvitationPage extends LitElement {
  static override properties = { token: {}, lang: {}, busy: { state: true }, failure: { state: true }, passwordSet: { state: true } };
  declare token: string;
  declare lang: Lang;
  declare busy: boolean;
  declare failure: string;
  /** The link is spent: if signing in then fails, the person signs in on the login page. */
  declare passwordSet: boolean;

  static override styles = [shared, signInCard];

  constructor() {
    super();
    this.busy = false;
    this.failure = "";
    this.passwordSet = false;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const s = adminStrings(this.lang);
    const data = new FormData(event.target as HTMLFormElement);
    const password = String(data.get("password"));
    if (password !== String(data.get("confirm"))) {
      this.failure = s.passwordsDiffer;
      return;
    }
    this.busy = true;
    this.failure = "";
    try {
      const { email } = await acceptInvitation(this.token, password);
      this.passwordSet = true;
      const { user } = await login(email, password);
      this.dispatchEvent(new CustomEvent<User>("hl-signed-in", { detail: user, bubbles: true, composed: true }));
    } catch (err) {
      this.failure = err instanceof ApiFailure ? err.text(this.lang) : String(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const s = adminStrings(this.lang);
    return html`<div class="card">
      <h1>${s.invitationTitle}</h1>
      <p class="summary">${s.invitationIntro(MIN_PASSWORD_LENGTH)}</p>
      <form @submit=${this.submit}>
        <div>
          <label for="new-password">${s.newPassword}</label>
          <input id="new-password" name="password" type="password" autocomplete="new-password" required minlength=${MIN_PASSWORD_LENGTH} autofocus />
        </div>
        <div>
          <label for="confirm-password">${s.confirmPassword}</label>
          <input id="confirm-password" name="confirm" type="password" autocomplete="new-password" required minlength=${MIN_PASSWORD_LENGTH} />
        </div>
        <p class="error" role="alert">${this.failure}</p>
        ${this.passwordSet
          ? html`<p><a href="./">${s.passwordSetSignIn}</a></p>`
          : html`<button type="submit" ?disabled=${this.busy}>${this.busy ? s.saving : s.setPassword}</button>`}
      </form>
    </div>`;
  }
}

customElements.get("hl-invitation-page") ?? customElements.define("hl-invitation-page", HlInvitationPage);
