/** Styles every dashboard component shares: cards, tables, form controls, focus. */
import { css } from "lit";

/*
 * Comments stay out of the CSS below, whose text ships as it is written. A table's scrolling
 * box is as tall as --hl-table-height (a page that shows its tables whole, the report, and
 * every printed page set it to none). On paper, tables are compact and show without their
 * disclosure's toggle, cards lose their boxes, and controls, which do nothing there, are
 * hidden; a sortable table's header buttons stay, as its headers.
 */
export const shared = css`
  :host {
    display: block;
    color: var(--hl-text);
    font-family: var(--hl-font);
  }
  * {
    box-sizing: border-box;
  }
  h2 {
    font-size: 1.05rem;
    margin: 0 0 0.25rem;
    color: var(--hl-heading);
  }
  h3 {
    font-size: 0.95rem;
    margin: 1rem 0 0.5rem;
  }
  p {
    margin: 0.25rem 0;
  }
  a {
    color: var(--hl-link);
  }
  .card {
    background: var(--hl-surface);
    border: 1px solid var(--hl-border);
    border-radius: 10px;
    padding: 1rem 1.25rem;
    box-shadow: 0 1px 2px rgba(15, 23, 42, 0.05);
  }
  .summary {
    color: var(--hl-muted);
    font-size: 0.9rem;
  }
  .note {
    color: var(--hl-muted);
    font-size: 0.8rem;
  }
  .suppressed {
    color: var(--hl-muted);
    font-style: italic;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.875rem;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding: 0.25rem 0;
  }
  th,
  td {
    text-align: left;
    padding: 0.4rem 0.6rem;
    border-bottom: 1px solid var(--hl-border);
    vertical-align: top;
  }
  thead th {
    background: var(--hl-subtle);
    font-weight: 600;
  }
  td.num,
  th.num {
    text-align: right;
  }
  /* Figures never break; their headers may, so that a wide table still fits its page. */
  td.num {
    white-space: nowrap;
  }
  details {
    margin-top: 0.75rem;
  }
  details > summary {
    cursor: pointer;
    color: var(--hl-link);
    font-size: 0.875rem;
    padding: 0.25rem 0;
  }
  .table-wrap {
    max-height: var(--hl-table-height, 28rem);
    overflow: auto;
  }
  @media print {
    details[open] > summary {
      display: none;
    }
    table {
      font-size: 8.5pt;
      line-height: 1.3;
    }
    th,
    td {
      padding: 0.1rem 0.35rem;
    }
    /* A unit's name on one line: wrapped, each row of a long comparison doubles in height. */
    th[scope="row"] {
      white-space: nowrap;
    }
    tr {
      break-inside: avoid;
    }
    .card {
      border: 0;
      padding: 0;
      box-shadow: none;
    }
    a.button,
    button:not(.sort) {
      display: none;
    }
  }
  button,
  .button {
    font: inherit;
    font-size: 0.9rem;
    border-radius: 6px;
    border: 1px solid var(--hl-primary);
    background: var(--hl-primary);
    color: #fff;
    padding: 0.45rem 0.9rem;
    min-height: 2.25rem;
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  button.secondary,
  .button.secondary {
    background: var(--hl-surface);
    color: var(--hl-primary);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  input,
  select,
  textarea {
    font: inherit;
    font-size: 0.9rem;
    border: 1px solid var(--hl-border-strong);
    border-radius: 6px;
    padding: 0.4rem 0.55rem;
    min-height: 2.25rem;
    background: #fff;
    color: var(--hl-text);
  }
  label {
    font-size: 0.8rem;
    font-weight: 600;
    color: var(--hl-muted);
    display: block;
    margin-bottom: 0.2rem;
  }
  :focus-visible {
    outline: 3px solid var(--hl-focus);
    outline-offset: 2px;
  }
  .error {
    color: var(--hl-danger);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/**
 * A card for one item that people work through (a complaint, an anomaly): a coloured edge
 * for its state (set --hl-status), a header line, facts as a definition list, its history,
 * and a form for the next step.
 */
export const itemCard = css`
      article {
        border: 1px solid var(--hl-border);
        border-left: 4px solid var(--hl-status, var(--hl-border-strong));
        border-radius: 8px;
        padding: 0.85rem 1rem;
        background: var(--hl-surface);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        justify-content: space-between;
        align-items: baseline;
        font-size: 0.85rem;
        color: var(--hl-muted);
      }
      .badge {
        font-size: 0.78rem;
        font-weight: 700;
        padding: 0.15rem 0.55rem;
        border-radius: 999px;
        background: var(--hl-subtle);
        color: var(--hl-text);
        border: 1px solid var(--hl-status, var(--hl-border));
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.3rem 1rem;
        margin: 0.6rem 0;
        font-size: 0.92rem;
      }
      dt {
        color: var(--hl-muted);
      }
      dd {
        margin: 0;
        white-space: pre-wrap;
      }
      ol {
        margin: 0.25rem 0 0;
        padding-left: 1.2rem;
        font-size: 0.85rem;
        color: var(--hl-muted);
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
        align-items: end;
        margin-top: 0.75rem;
        padding-top: 0.75rem;
        border-top: 1px dashed var(--hl-border);
      }
      .grow {
        flex: 1 1 16rem;
      }
      textarea {
        width: 100%;
        min-height: 2.25rem;
        resize: vertical;
      }
    `;

/** A page that is one centred card with one form: signing in, setting a password from a link. */
export const signInCard = css`
  :host {
    display: grid;
    place-items: center;
    min-height: 70vh;
    padding: 1rem;
  }
  .card {
    width: min(28rem, 100%);
    padding: 2rem;
  }
  h1 {
    margin: 0 0 0.25rem;
    font-size: 1.4rem;
    color: var(--hl-heading);
  }
  form {
    display: grid;
    gap: 1rem;
    margin-top: 1.25rem;
  }
  input {
    width: 100%;
  }
  button {
    justify-content: center;
    width: 100%;
    min-height: 2.75rem;
    font-weight: 600;
  }
`;

/** A form whose fields sit side by side and wrap, aligned on their inputs; `.grow` fields take the room left. */
export const inlineForm = css`
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 0.75rem;
    align-items: end;
  }
  .grow {
    flex: 1 1 14rem;
  }
`;
