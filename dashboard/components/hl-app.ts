import { css, html, LitElement } from "lit";
import { ApiFailure, SIGNED_OUT } from "../api/client.ts";
import { logout, me, unitDetail } from "../api/endpoints.ts";
import type { UnitDetail, User } from "../api/types.ts";
import { strings, type Lang } from "../i18n/strings.ts";
import { INVITE_FRAGMENT } from "../../worker/domain/invitation.ts";
import "../pages/hl-unit-view.ts";
import { readState, stateSearch, viewsFor, type ViewState } from "../state/view-state.ts";
import "./hl-login.ts";
import "./hl-period-picker.ts";
import "./hl-scope-picker.ts";
import { settle, whenLoaded, type Loaded } from "./loaded.ts";
import { shared } from "./styles.ts";
import { viewLink } from "./unit-link.ts";

const LANG_KEY = "hailong.lang";

/*
 * Every page but the overview is a chunk of its own, loaded the first time it is shown: the
 * first load stays small however many pages the dashboard has (scripts/build.ts). Lit renders
 * a page's element at once and it upgrades when its chunk arrives.
 */
const LAZY_PAGES: Partial<Record<ViewState["view"] | "invitation", () => Promise<unknown>>> = {
  complaints: () => import("../pages/hl-complaints-page.ts"),
  incidents: () => import("../pages/hl-incidents-page.ts"),
  report: () => import("../pages/hl-report-page.ts"),
  embed: () => import("../pages/hl-embed-page.ts"),
  surveys: () => import("../pages/hl-surveys-page.ts"),
  desks: () => import("../pages/hl-desks-page.ts"),
  poster: () => import("../pages/hl-poster-page.ts"),
  accounts: () => import("../pages/hl-accounts-page.ts"),
  audit: () => import("../pages/hl-audit-page.ts"),
  mergers: () => import("../pages/hl-mergers-page.ts"),
  invitation: () => import("../pages/hl-invitation-page.ts"),
};

/**
 * The dashboard shell: signs in, keeps the view in the URL (pushState, and back through
 * popstate), loads the scope's unit and shows the page the view names.
 */
export class HlApp extends LitElement {
  static override properties = {
    lang: { state: true },
    user: { state: true },
    state: { state: true },
    detail: { state: true },
    invitation: { state: true },
  };
  /** undefined while the session is checked; null when signed out. */
  declare user: User | null | undefined;
  declare lang: Lang;
  declare state: ViewState | undefined;
  declare detail: Loaded<UnitDetail>;
  /** The token of a one-time link the page was opened with (#invite=…), until it is used. */
  declare invitation: string;

  // Printed, the page shows its own content alone: the header, tabs and pickers stay off the paper.
  static override styles = [
    shared,
    css`
      header {
        background: var(--hl-header);
        color: #fff;
      }
      .bar {
        max-width: 1280px;
        margin: 0 auto;
        padding: 0.6rem 1.25rem;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1.5rem;
      }
      .brand {
        display: flex;
        flex-direction: column;
        margin-right: auto;
      }
      .brand h1 {
        margin: 0;
        font-size: 1.2rem;
        letter-spacing: 0.01em;
      }
      .brand span {
        font-size: 0.78rem;
        opacity: 0.85;
      }
      .account {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        font-size: 0.85rem;
      }
      header button {
        background: transparent;
        border-color: rgba(255, 255, 255, 0.6);
        color: #fff;
        min-height: 2rem;
        padding: 0.25rem 0.7rem;
      }
      header :focus-visible {
        outline-color: #fde68a;
      }
      nav.tabs {
        background: var(--hl-surface);
        border-bottom: 1px solid var(--hl-border);
      }
      nav.tabs ul {
        max-width: 1280px;
        margin: 0 auto;
        padding: 0 1.25rem;
        list-style: none;
        display: flex;
        gap: 0.25rem;
        overflow-x: auto;
      }
      nav.tabs a {
        display: inline-block;
        padding: 0.75rem 0.9rem;
        color: var(--hl-text);
        text-decoration: none;
        border-bottom: 3px solid transparent;
        font-weight: 500;
        white-space: nowrap;
      }
      nav.tabs a[aria-current="page"] {
        border-bottom-color: var(--hl-primary);
        color: var(--hl-primary);
        font-weight: 700;
      }
      main {
        max-width: 1280px;
        margin: 0 auto;
        padding: 1rem 1.25rem 3rem;
        display: grid;
        gap: 1rem;
      }
      main:focus {
        outline: none;
      }
      .filters {
        display: grid;
        gap: 1rem;
      }
      .filters hr {
        border: 0;
        border-top: 1px solid var(--hl-border);
        margin: 0;
      }
      @media print {
        header,
        nav.tabs,
        .filters {
          display: none;
        }
        main {
          max-width: none;
          padding: 0;
        }
      }
    `,
  ];

  constructor() {
    super();
    this.lang = localStorage.getItem(LANG_KEY) === "en" ? "en" : "vi";
    this.invitation = new URLSearchParams(location.hash.slice(1)).get(INVITE_FRAGMENT) ?? "";
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener("popstate", this.onPopState);
    window.addEventListener(SIGNED_OUT, this.onSignedOut);
    this.addEventListener("hl-navigate", (e) => this.navigate(e.detail));
    this.addEventListener("hl-signed-in", (e) => this.signedIn(e.detail));
    document.documentElement.lang = this.lang;
    // A one-time link is for setting a password, whoever this browser is signed in as.
    if (this.invitation) this.user = null;
    else void settle(me()).then((answer) => (answer instanceof ApiFailure ? (this.user = null) : this.signedIn(answer.user)));
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener("popstate", this.onPopState);
    window.removeEventListener(SIGNED_OUT, this.onSignedOut);
  }

  private onPopState = () => {
    if (this.user) this.show(readState(location.search, this.user.unit.code));
  };

  private onSignedOut = () => {
    this.user = null;
  };

  private signedIn(user: User) {
    this.user = user;
    this.invitation = "";
    const state = readState(location.search, user.unit.code);
    history.replaceState(null, "", stateSearch(state));
    this.show(state);
  }

  /** A new view from a link or a control: remembered in history, then shown. */
  private navigate(change: Partial<ViewState>) {
    if (!this.state) return;
    const next = { ...this.state, ...change };
    if (stateSearch(next) === stateSearch(this.state)) return;
    history.pushState(null, "", stateSearch(next));
    this.show(next);
    if (change.view) this.renderRoot.querySelector("main")?.focus();
  }

  private show(state: ViewState) {
    const unitChanged = state.unit !== this.state?.unit;
    this.state = state;
    if (!unitChanged) return;
    this.detail = undefined;
    void settle(unitDetail(state.unit)).then((detail) => {
      if (this.state?.unit === state.unit) this.detail = detail;
    });
  }

  private toggleLang() {
    this.lang = this.lang === "vi" ? "en" : "vi";
    localStorage.setItem(LANG_KEY, this.lang);
    document.documentElement.lang = this.lang;
  }

  private async signOut() {
    await settle(logout());
    this.user = null;
    this.state = undefined;
  }

  protected override updated() {
    const s = strings(this.lang);
    const page = this.state ? s.nav[this.state.view] : s.loginTitle;
    const unit = this.detail && !(this.detail instanceof ApiFailure) ? ` · ${this.detail.unit.name}` : "";
    document.title = `${page}${unit} · ${s.appName}`;
  }

  private header() {
    const s = strings(this.lang);
    const user = this.user;
    return html`<header>
      <div class="bar">
        <div class="brand"><h1>${s.appName}</h1><span>${s.appTagline}</span></div>
        ${user
          ? html`<div class="account">
              <span>${user.name} · ${s.roles[user.role] ?? user.role} · ${user.unit.name}</span>
              <button type="button" @click=${this.signOut}>${s.signOut}</button>
            </div>`
          : ""}
        <button type="button" lang=${this.lang === "vi" ? "en" : "vi"} aria-label=${s.switchLanguageLabel} @click=${this.toggleLang}>${s.switchLanguage}</button>
      </div>
    </header>`;
  }

  private page(state: ViewState, detail: UnitDetail, user: User) {
    void LAZY_PAGES[state.view]?.();
    switch (state.view) {
      case "overview":
      case "unit":
        return html`<hl-unit-view .state=${state} .detail=${detail} .user=${user} .lang=${this.lang} ?detailed=${state.view === "unit"}></hl-unit-view>`;
      case "complaints":
        return html`<hl-complaints-page .state=${state} .detail=${detail} .user=${user} .lang=${this.lang}></hl-complaints-page>`;
      case "incidents":
        return html`<hl-incidents-page .state=${state} .detail=${detail} .user=${user} .lang=${this.lang}></hl-incidents-page>`;
      case "report":
        return html`<hl-report-page .state=${state} .detail=${detail} .lang=${this.lang}></hl-report-page>`;
      case "embed":
        return html`<hl-embed-page .state=${state} .detail=${detail} .user=${user} .lang=${this.lang}></hl-embed-page>`;
      case "surveys":
        return html`<hl-surveys-page .state=${state} .detail=${detail} .user=${user} .lang=${this.lang}></hl-surveys-page>`;
      case "desks":
        return html`<hl-desks-page .state=${state} .detail=${detail} .user=${user} .lang=${this.lang}></hl-desks-page>`;
      case "poster":
        return html`<hl-poster-page .state=${state} .detail=${detail} .user=${user} .lang=${this.lang}></hl-poster-page>`;
      case "accounts":
        return html`<hl-accounts-page .state=${state} .detail=${detail} .user=${user} .lang=${this.lang}></hl-accounts-page>`;
      case "audit":
        return html`<hl-audit-page .state=${state} .detail=${detail} .lang=${this.lang}></hl-audit-page>`;
      case "mergers":
        return html`<hl-mergers-page .state=${state} .detail=${detail} .lang=${this.lang}></hl-mergers-page>`;
    }
  }

  override render() {
    const s = strings(this.lang);
    if (this.invitation) {
      void LAZY_PAGES.invitation!();
      return html`${this.header()}<main id="main"><hl-invitation-page .token=${this.invitation} .lang=${this.lang}></hl-invitation-page></main>`;
    }
    if (this.user === undefined) return html`${this.header()}<main aria-busy="true"><p class="summary">${s.loading}</p></main>`;
    if (this.user === null || !this.state) return html`${this.header()}<main id="main"><hl-login .lang=${this.lang}></hl-login></main>`;
    const { user, state } = this;
    // Landmarks (header, nav, main) let keyboard and screen-reader users bypass the header.
    return html`${this.header()}
      <nav class="tabs" aria-label=${s.mainNav}>
        <ul>
          ${viewsFor(user.role).map((view) => html`<li>${viewLink(state, { view }, s.nav[view], { current: view === state.view })}</li>`)}
        </ul>
      </nav>
      <main id="main" tabindex="-1">
        ${whenLoaded(
          this.detail,
          this.lang,
          (detail) => html`<div class="card filters">
              <hl-scope-picker .detail=${detail} .state=${state} .home=${user.unit.code} .lang=${this.lang}></hl-scope-picker>
              ${["embed", "surveys", "desks", "poster", "accounts"].includes(state.view) ? "" : html`<hr /><hl-period-picker .state=${state} .lang=${this.lang}></hl-period-picker>`}
            </div>
            ${this.page(state, detail, user)}`,
          () => this.navigate({ unit: user.unit.code }),
        )}
      </main>`;
  }
}

customElements.get("hl-app") ?? customElements.define("hl-app", HlApp);
