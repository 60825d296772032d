/**
 * Masks personal data in free text before it is stored (Personal Data Protection Law
 * 91/2025/QH15: collect only what the purpose needs). Citizens often leave a phone number,
 * their citizen ID or an e-mail address in a complaint; the complaint stays readable, the
 * number and the address do not.
 *
 * - Phone numbers: 0, 84, +84 or 0084, then a mobile number (3, 5, 7, 8 or 9 and eight more
 *   digits: 0912 345 678) or a landline (2 and nine more: 024 3825 1234, 0236 3822 111).
 *   Citizen ID (CCCD): twelve digits from 0 (a province code, 001 to 096). Each digit and the
 *   plus become "•"; separators stay, so the text keeps its shape ("•••• ••• •••").
 * - Digits may be joined by up to four separators of any mix: spaces of any width (NBSP,
 *   narrow NBSP), . - / _, and invisible characters (soft hyphen, zero-width space and
 *   joiners): "0912.345-678", "0912 / 345 / 678". A prefix may be in parentheses ("(024)
 *   3825-1234", "(+84) 912 345 678"), and "(0)" may follow the country code.
 * - Dates (12/11/2025, 12.11.2025, 2025-11-12) are set aside first: beside a time or another
 *   date ("05/12/2025 08:30", "02/03 - 09/03/2025") their digits would otherwise read as one.
 * - A number starts and ends a group of digits, so longer numbers (bank accounts, case codes)
 *   keep theirs.
 * - Fullwidth digits and signs (０-９ ＋ － ． ／ （ ）) are folded to ASCII first, as NFKC would:
 *   the text reads the same, and one pattern covers both.
 * - An e-mail address becomes "•••@•••" whole: its length and domain could name a person too.
 *
 * Amounts, case codes, procedure and document numbers, house numbers and years keep their
 * digits: their lengths or prefixes are not those of a phone or an ID.
 */
// No lookbehind (the widget bundles this, and Safari before 16.4 has none): the character
// before a match is matched too (group 1) and put back. Linear time: a match starts only after
// a character that is not a digit and reads twelve digits at most, each after at most four
// separators; each character can match one way only.

/** What may come between two digits: up to four spaces, . - / _, soft hyphens, zero-width spaces and joiners. */
const SEPARATORS = "[\\s.\\-/_\u00ad\u200b-\u200d]{0,4}";
/** The next digit, after a closing parenthesis and separators. */
const NEXT = `(?:\\)?${SEPARATORS}\\d)`;
/** After 0 or the country code: a mobile number or a landline. */
const SUBSCRIBER = `(?:[35789]${NEXT}{8}|2${NEXT}{9})`;
/** A phone or citizen ID number (group 2), after 0 a CCCD tried first; it may end before more digits of its run ("gọi 0912 345 678 3 lần"). */
const NUMBER = new RegExp(
  `(^|[^+\\d])((?:\\+|00)?84\\)?${SEPARATORS}(?:\\(0\\) ?)?${SUBSCRIBER}|0(?:${NEXT}{11}|\\)?${SEPARATORS}${SUBSCRIBER}))(?!\\d)`,
  "g",
);
/** A date, day first or year first, with its separators: kept out of the search for numbers (capturing, for split). */
const DATE = /((?:\d\d?[./-]){2}(?:19|20)\d\d|(?:19|20)\d\d(?:[./-]\d\d?){2})(?!\d)/;
/** An e-mail address, after a character that cannot be in one (so no word is read twice). */
const EMAIL = /(^|[^\w.+-])[\w.+-]+@[\w-]+(\.[\w-]+)+/g;

/** The text with phone numbers, citizen ID numbers and e-mail addresses masked (and fullwidth digits folded). */
export function maskPersonalNumbers(text: string): string {
  return text
    .replace(/[\uff08-\uff19]+/g, (fullwidth) => fullwidth.normalize("NFKC"))
    .replace(EMAIL, "$1•••@•••")
    .split(DATE)
    .map((part, i) =>
      i % 2 ? part : part.replace(NUMBER, (_match, before: string, number: string) => before + number.replace(/[+\d]/g, "•")),
    )
    .join("");
}
