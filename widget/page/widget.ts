/**
 * The widget as the hosted page carries it inline: widget.js with its English texts. A page
 * that opens in English, or switches to it, would otherwise wait for widget-en.js, one more
 * round trip: some two seconds on slow mobile data, for some 600 bytes.
 */
import "../index.ts";
import { en } from "../strings-en.ts";
import { STRINGS } from "../survey-element.ts";

// Before the element's first render, which index.ts's define has only queued.
STRINGS.en = en;
