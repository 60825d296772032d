import { html, LitElement } from "lit";
import { ApiFailure } from "../api/client.ts";
import { login } from "../api/endpoints.ts";
import type { User } from "../api/types.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { shared, signInCard } from "./styles.ts";

/** The sign-in form; fires `hl-signed-in` with the user. */
export class HlLogin extends LitElement {
  static override properties = { lang: {}, busy: { state: true }, failure: { state: true } };
  declare lang: Lang;
  declare busy: boolean;
  declare failure: string;

  static override styles = [shared, signInCard];

  constructor() {
    super();
    this.busy = false;
    this.failure = "";
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.failure = "";
    try {
      const { user } = await login(String(data.get("email")), String(data.get("password")));
      this.dispatchEvent(new CustomEvent<User>("hl-signed-in", { detail: user, bubbles: true, composed: true }));
    } catch (err) {
      this.failure = err instanceof ApiFailure ? err.text(this.lang) : String(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const s = strings(this.lang);
    return html`<div class="card">
      <h1>${s.loginTitle}</h1>
      <p class="summary">${s.loginIntro}</p>
      <form @submit=${this.submit}>
        <div>
          <label for="email">${s.email}</label>
          <input id="email" name="email" type="email" autocomplete="username" required autofocus />
        </div>
        <div>
          <label for="password">${s.password}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <p class="error" role="alert">${this.failure}</p>
        <button type="submit" ?disabled=${this.busy}>${this.busy ? s.signingIn : s.signIn}</button>
      </form>
    </div>`;
  }
}

customElements.get("hl-login") ?? customElements.define("hl-login", HlLogin);

declare global {
  interface HTMLElementEventMap {
    "hl-signed-in": CustomEvent<User>;
  }
}
