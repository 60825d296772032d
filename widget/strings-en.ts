import type { Strings } from "./strings.ts";

/** The widget's texts in English: /widget-en.js, fetched only by widgets with lang="en". */
export const en: Strings = {
  open: "Rate our service",
  close: "Close",
  step: (n: number, of: number) => `Step ${n} of ${of}`,
  next: "Next",
  back: "Back",
  send: "Send",
  sending: "Sending…",
  optional: "(optional)",
  statementsHint: "You may skip any statement.",
  chooseOverall: "Please choose one of the answers.",
  comment: "Other comments",
  caseCode: "Case code",
  official: "Official who handled your case",
  noOfficial: "Not chosen",
  privacy: "No name needed. Your view is used only to serve you better.",
  thanks: "Thank you for your rating!",
  queued: "Offline: your rating is saved here and will be sent when back online.",
  loading: "Loading…",
  loadFailed: "The survey could not be loaded. Please check the connection.",
  unavailable: "Sorry, the survey cannot be shown on this page.",
  closed: "This unit no longer takes ratings.",
  retry: "Try again",
  refused: "Your rating was not sent: ",
  earlierRefused: "A rating saved earlier could not be sent: ",
};
