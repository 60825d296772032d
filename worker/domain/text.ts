/** A text in both product languages. Vietnamese comes first and is the default. */
export interface Localized {
  vi: string;
  en: string;
}

/** The languages a citizen can answer in. */
export const LANGS = ["vi", "en"] as const;
export type Lang = (typeof LANGS)[number];
