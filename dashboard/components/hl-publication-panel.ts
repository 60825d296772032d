import { html, LitElement, type PropertyValues } from "lit";
import { ApiFailure } from "../api/client.ts";
import { publication, setPublication } from "../api/endpoints.ts";
import { dateTime } from "../i18n/format.ts";
import { publicationStrings } from "../i18n/publication-strings.ts";
import type { Lang } from "../i18n/strings.ts";
import { settle, whenLoaded, type Loaded } from "./loaded.ts";
import { shared } from "./styles.ts";

type Publication = Awaited<ReturnType<typeof publication>>;

/** The address of a unit's published results, as citizens open it. */
const publicPage = (code: string) => `${location.origin}/cong-khai/${code}`;

/**
 * "Công khai kết quả": whether the unit's results are public and since when, with the public
 * page's link; managers and admins publish or withdraw them. A chunk of its own, loaded with
 * the unit page (dashboard/pages/hl-unit-view.ts).
 */
export class HlPublicationPanel extends LitElement {
  static override properties = {
    unit: {},
    editable: { type: Boolean },
    lang: {},
    current: { state: true },
    message: { state: true },
    busy: { state: true },
  };
  declare unit: string;
  declare editable: boolean;
  declare lang: Lang;
  declare current: Loaded<Publication>;
  declare message: string;
  declare busy: boolean;
  private loadedUnit = "";
  static override styles = [shared];

  constructor() {
    super();
    this.editable = false;
    this.message = "";
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has("unit") || this.unit === this.loadedUnit) return;
    const unit = (this.loadedUnit = this.unit);
    this.current = undefined;
    this.message = "";
    void settle(publication(unit)).then((value) => {
      if (unit === this.loadedUnit) this.current = value;
    });
  }

  private async toggle(published: boolean) {
    const unit = this.unit;
    this.busy = true;
    this.message = "";
    try {
      const now = await setPublication(unit, published);
      if (unit === this.loadedUnit) this.current = now;
    } catch (err) {
      this.message = err instanceof ApiFailure ? err.text(this.lang) : String(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const p = publicationStrings(this.lang);
    return html`<section class="card" aria-labelledby="publication-title">
      <h2 id="publication-title">${p.publicationTitle}</h2>
      ${whenLoaded(
        this.current,
        this.lang,
        ({ published, publishedAt }) => html`<p data-field="publication-state">${publishedAt ? p.publishedSince(dateTime(publishedAt, this.lang)) : p.notPublished}</p>
          ${published
            ? html`<p>${p.publicLink} <a href=${publicPage(this.unit)} target="_blank" rel="noopener" data-field="public-link">${publicPage(this.unit)}</a></p>`
            : ""}
          ${this.editable
            ? html`<p class="note">${p.publicationExplained}</p>
                <button type="button" class=${published ? "secondary" : ""} ?disabled=${this.busy} @click=${() => this.toggle(!published)}>
                  ${published ? p.unpublish : p.publish}
                </button>`
            : ""}`,
      )}
      <p role="status" class="note">${this.message}</p>
    </section>`;
  }
}

customElements.get("hl-publication-panel") ?? customElements.define("hl-publication-panel", HlPublicationPanel);
