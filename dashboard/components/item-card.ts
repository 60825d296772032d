import { LitElement, type PropertyDeclarations } from "lit";
import type { Lang } from "../i18n/strings.ts";
import { formAction } from "./form-action.ts";
import { itemCard, shared } from "./styles.ts";

/**
 * What the cards people work through (a complaint, an anomaly) share: whether the account may
 * act on them, their language, and the form that takes the next step, saving meanwhile.
 */
export class ItemCard extends LitElement {
  /** A card's own item joins these (Lit merges a subclass's properties with its parent's). */
  static override properties: PropertyDeclarations = {
    editable: { type: Boolean },
    lang: {},
    saving: { state: true },
    message: { state: true },
  };
  declare editable: boolean;
  declare lang: Lang;
  declare saving: boolean;
  declare message: string;

  static override styles = [shared, itemCard];

  constructor() {
    super();
    this.editable = false;
    this.saving = false;
    this.message = "";
  }

  /** Runs the card's form: the item as it is now, or undefined and the API's words in `message`. */
  protected async step<T>(event: SubmitEvent, act: (data: FormData) => Promise<T>): Promise<T | undefined> {
    this.saving = true;
    this.message = "";
    const { value, message } = await formAction(event, this.lang, act);
    this.message = message;
    this.saving = false;
    return value;
  }
}
