import { correction, generate } from "lean-qr";
import { toSvgSource } from "lean-qr/extras/svg";

/*
 * A QR code as an SVG document, for print. Error correction M at least (lean-qr takes a
 * higher level when it fits in the same size), so a scuffed or creased poster still scans;
 * the four-module quiet zone scanners need, white like the light modules, so that the code
 * reads on a coloured poster too; crisp edges; ten pixels a module as its natural size, which
 * a page or a layout program scales at will, since it is vector.
 */

/** The light margin around a code, in modules: the QR standard's minimum. */
export const QUIET_ZONE = 4;

/** The bare QR code of `text` as a standalone SVG document. */
export function qrSvg(text: string): string {
  const code = generate(text, { minCorrectionLevel: correction.M });
  return toSvgSource(code, { on: "black", off: "white", pad: QUIET_ZONE, scale: 10, xmlDeclaration: true });
}
