/*
 * When an answer counts: citizens answer offline (a kiosk without network, a phone between
 * cells) and the widget's outbox delivers later, so an answer is dated by when it was given,
 * as far as that can be believed. Without zod, so that the widget shares the same figure.
 */

/**
 * How long the widget's outbox keeps an answer set it could not deliver. An answer that
 * arrives within this time after it was given is counted on the day it was given.
 */
export const OUTBOX_RETENTION_DAYS = 14;

/**
 * The instant an answer counts at: when it was given, if the device says so plausibly (before
 * its receipt, and no longer before it than the outbox keeps answers), else when it was
 * received. A time after the receipt is a clock running ahead, however slightly: the answer
 * cannot have been given later than it arrived, so it counts at its receipt.
 */
export function countedAt(answeredAt: Date | null, receivedAt: Date): Date {
  if (!answeredAt) return receivedAt;
  const age = receivedAt.getTime() - answeredAt.getTime();
  return age > 0 && age <= OUTBOX_RETENTION_DAYS * 86_400_000 ? answeredAt : receivedAt;
}
