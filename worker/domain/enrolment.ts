/*
 * How a desk tablet becomes an enrolled kiosk: a manager creates it in the dashboard and gets
 * a one-time link, the kiosk page opened with #hailong-enrol=<code>; the widget on that page
 * spends the code for the kiosk's token once. Without zod, for the widget and the dashboard.
 */

/** The fragment parameter that carries an enrolment code to the kiosk page. */
export const ENROL_FRAGMENT = "hailong-enrol";

/** How long a new kiosk's one-time enrolment code can be spent. */
export const ENROL_VALID_MS = 72 * 3600_000;
