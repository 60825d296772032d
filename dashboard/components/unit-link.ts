import { html, nothing } from "lit";
import { navigateEvent, stateSearch, type ViewState } from "../state/view-state.ts";

/**
 * A real link to another view (so it can be opened in a new tab or copied) that, on a plain
 * click, moves within the page instead of reloading it.
 */
export function viewLink(state: ViewState, change: Partial<ViewState>, text: string, options: { label?: string; current?: boolean } = {}) {
  const go = (event: MouseEvent) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    (event.currentTarget as HTMLElement).dispatchEvent(navigateEvent(change));
  };
  return html`<a href=${stateSearch({ ...state, ...change })} @click=${go} aria-label=${options.label ?? nothing} aria-current=${options.current ? "page" : nothing}
    >${text}</a
  >`;
}
