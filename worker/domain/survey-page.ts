/*
 * The hosted survey page of a commune, desk or official, /s/<code>: what its QR code opens and
 * its poster prints for those who cannot scan. On its own, without the QR library, so that the
 * dashboard can name the address without bundling the encoder.
 */

/** The address of a unit's hosted survey page on the host at `origin` ("https://host"). */
export const surveyPageUrl = (origin: string, code: string): string => `${origin}/s/${code}`;

/** An address as printed under a code, for people to type: without its protocol. */
export const printedAddress = (url: string): string => url.replace(/^https?:\/\//, "");

/** The page with its "Tra cứu phản ánh" form open on a receipt: what a thanks screen links to. */
export const receiptFollowUrl = (origin: string, code: string, receipt: string): string => `${surveyPageUrl(origin, code)}?tra-cuu=${receipt}`;

/** The page as a desk's kiosk shows it: the widget in kiosk mode, enrolled as a device. */
export const kioskPageUrl = (origin: string, code: string): string => `${surveyPageUrl(origin, code)}?kiosk`;
