/**
 * Checks for the read graph's arguments. Lookups and filters are lenient (any identifier CometChat
 * might hold is looked up); the write side's stricter rules live in limits.ts.
 */
import { z } from 'zod';

/** A uid, guid, role key or similar identifier to look up or filter by. */
export const keyArg = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'is at most 100 characters');

/** A list of identifiers or tags to filter by; `tooMany` is the message when it is too long. */
export function keyListArg(tooMany: string) {
  return z.array(keyArg).max(25, tooMany);
}

/** CometChat's id of a conversation (`<uid>_user_<uid>` or `group_<guid>`). */
export const conversationIdArg = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(250, 'is at most 250 characters');

/** Free text a list is searched or filtered by (a search key, a sender's uid). */
export const shortTextArg = z.string().max(100, 'is at most 100 characters');
