import { css, html, LitElement, type PropertyValues } from "lit";
import { grantableRoles } from "../../worker/domain/roles.ts";
import { ApiFailure } from "../api/client.ts";
import { accounts, changeAccount, createAccount, reinviteAccount } from "../api/endpoints.ts";
import type { Account, UnitDetail, User } from "../api/types.ts";
import { formAction } from "../components/form-action.ts";
import { settle, whenLoaded, type Loaded } from "../components/loaded.ts";
import { inlineForm, shared } from "../components/styles.ts";
import { dateTime } from "../i18n/format.ts";
import { adminStrings } from "../i18n/admin-strings.ts";
import type { Lang } from "../i18n/strings.ts";
import type { ViewState } from "../state/view-state.ts";

/**
 * The accounts of the scope's subtree (managers and admins): who has which role where and
 * when they last logged in; a form that creates one and shows its one-time invitation link
 * to copy and send; disable, enable, and a new link for a forgotten password.
 */
export class HlAccountsPage extends LitElement {
  static override properties = {
    state: { attribute: false },
    detail: { attribute: false },
    user: { attribute: false },
    lang: {},
    list: { state: true },
    link: { state: true },
    copied: { state: true },
    message: { state: true },
  };
  declare state: ViewState;
  declare detail: UnitDetail;
  declare user: User;
  declare lang: Lang;
  declare list: Loaded<{ accounts: Account[] }>;
  /** The link just issued, and for whom: shown once, since only its hash is kept. */
  declare link: { email: string; url: string } | null;
  declare copied: boolean;
  declare message: string;
  private loadedUnit = "";

  static override styles = [
    shared,
    inlineForm,
    css`
      .stack {
        display: grid;
        gap: 1rem;
      }
      .grow input {
        width: 100%;
      }
      code {
        word-break: break-all;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      .link {
        border: 1px solid var(--hl-border);
        border-radius: 8px;
        padding: 0.75rem;
        margin-top: 0.75rem;
      }
    `,
  ];

  constructor() {
    super();
    this.link = null;
    this.copied = false;
    this.message = "";
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has("state") || this.state.unit === this.loadedUnit) return;
    this.loadedUnit = this.state.unit;
    this.link = null;
    this.message = "";
    this.reload();
  }

  private reload() {
    const unit = this.state.unit;
    void settle(accounts(unit)).then((value) => {
      if (unit === this.loadedUnit) this.list = value;
    });
  }

  private showLink(email: string, url: string) {
    this.link = { email, url };
    this.copied = false;
    this.reload();
  }

  private async create(event: SubmitEvent) {
    this.link = null;
    const { value, message } = await formAction(event, this.lang, (data) =>
      createAccount({
        email: String(data.get("email") ?? "").trim(),
        name: String(data.get("name") ?? "").trim(),
        role: data.get("role") as Account["role"],
        unit: this.state.unit,
      }),
    );
    this.message = message;
    if (value) this.showLink(value.account.email, value.invitation.link);
  }

  /** Runs a change to one account and shows the API's own words if it is refused. */
  private async act(run: () => Promise<unknown>) {
    this.link = null;
    try {
      await run();
      this.message = adminStrings(this.lang).saved;
      this.reload();
    } catch (err) {
      this.message = err instanceof ApiFailure ? err.text(this.lang) : String(err);
    }
  }

  private async reinvite(account: Account) {
    await this.act(async () => {
      const { invitation } = await reinviteAccount(account.id);
      this.showLink(account.email, invitation.link);
    });
  }

  private async copy() {
    await navigator.clipboard.writeText(this.link!.url);
    this.copied = true;
  }

  private standing(a: Account): string {
    const s = adminStrings(this.lang);
    if (a.disabled) return s.accountDisabled;
    if (a.invitation) return a.invitation.expired ? s.invitationExpired : s.invitationPending(dateTime(a.invitation.expiresAt, this.lang));
    return s.accountActive;
  }

  private row(a: Account) {
    const s = adminStrings(this.lang);
    const self = a.email === this.user.email;
    const mine = !self && grantableRoles(this.user.role).includes(a.role);
    return html`<tr data-account=${a.email}>
      <td>${a.name}<br /><span class="note">${a.email}</span></td>
      <td>${s.roles[a.role] ?? a.role}</td>
      <td>${a.unit.name}</td>
      <td data-field="account-state">${this.standing(a)}</td>
      <td>${a.lastLoginAt ? dateTime(a.lastLoginAt, this.lang) : s.neverLoggedIn}</td>
      <td>
        ${mine
          ? html`<div class="actions">
              <button type="button" class="secondary" @click=${() => this.act(() => changeAccount(a.id, { disabled: !a.disabled }))}>
                ${a.disabled ? s.enableAccount : s.disableAccount}
              </button>
              ${a.disabled ? "" : html`<button type="button" class="secondary" @click=${() => this.reinvite(a)}>${s.newLink}</button>`}
            </div>`
          : ""}
      </td>
    </tr>`;
  }

  override render() {
    const s = adminStrings(this.lang);
    const unit = this.detail.unit;
    return html`<div class="stack">
      <section class="card" aria-labelledby="accounts-title">
        <h2 id="accounts-title">${s.accountsTitle}</h2>
        <p class="summary">${s.accountsIntro(unit.name)}</p>
        ${whenLoaded(
          this.list,
          this.lang,
          ({ accounts }) =>
            accounts.length === 0
              ? html`<p class="note">${s.noAccounts}</p>`
              : html`<table>
                  <thead>
                    <tr>
                      <th scope="col">${s.accountName}</th>
                      <th scope="col">${s.role}</th>
                      <th scope="col">${s.colUnit}</th>
                      <th scope="col">${s.statusFilter}</th>
                      <th scope="col">${s.lastLogin}</th>
                      <th scope="col"><span class="visually-hidden">${s.actions}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${accounts.map((a) => this.row(a))}
                  </tbody>
                </table>`,
        )}
      </section>
      <section class="card" aria-labelledby="new-account-title">
        <h2 id="new-account-title">${s.newAccountTitle(unit.name)}</h2>
        <p class="summary">${s.newAccountIntro}</p>
        <form @submit=${this.create}>
          <div class="grow">
            <label for="account-email">${s.email}</label>
            <input id="account-email" name="email" type="email" required maxlength="254" autocomplete="off" />
          </div>
          <div class="grow">
            <label for="account-name">${s.accountName}</label>
            <input id="account-name" name="name" required maxlength="100" autocomplete="off" />
          </div>
          <div>
            <label for="account-role">${s.role}</label>
            <select id="account-role" name="role">
              ${grantableRoles(this.user.role).map((role) => html`<option value=${role} ?selected=${role === "viewer"}>${s.roles[role]}</option>`)}
            </select>
          </div>
          <button type="submit">${s.createAccount}</button>
        </form>
        ${this.link
          ? html`<div class="link">
              <p><strong>${s.invitationLink(this.link.email)}</strong></p>
              <p><code data-field="invitation-link">${this.link.url}</code></p>
              <button type="button" class="secondary" @click=${this.copy}>${this.copied ? s.copied : s.copy}</button>
            </div>`
          : ""}
        <p role="status" class="note">${this.message}</p>
      </section>
    </div>`;
  }
}

customElements.get("hl-accounts-page") ?? customElements.define("hl-accounts-page", HlAccountsPage);
