/**
 * Users named by scope, as groupCreate (initial members) and groupMembersAdd take them: admins,
 * moderators, participants, and users to ban.
 */
import type { z } from 'zod';
import { LIMITS } from '../../../cometchat/limits.js';
import type { MemberBuckets } from '../../../upstream/groups.js';
import { key, listOf } from '../../input.js';

export const BUCKETS = ['admins', 'moderators', 'participants', 'usersToBan'] as const;
export type Bucket = (typeof BUCKETS)[number];

const bucketList = listOf(key, { max: LIMITS.membersPerAdd, noun: 'uids' });

/** The four bucket fields, each described in `words`. */
export function bucketFields(words: Record<Bucket, string>) {
  return {
    admins: bucketList.optional(words.admins),
    moderators: bucketList.optional(words.moderators),
    participants: bucketList.optional(words.participants),
    usersToBan: bucketList.optional(words.usersToBan),
  };
}

type GivenBuckets = Record<Bucket, string[] | undefined>;

/**
 * The rules across the four buckets: a uid in two buckets is refused (CometChat would silently
 * keep one, so the caller could not tell which outcome belongs to it), and at most 25 users across
 * all buckets (CometChat's per-call limit).
 */
export function checkBuckets(buckets: GivenBuckets, ctx: z.RefinementCtx): void {
  const seenIn = new Map<string, Bucket>();
  for (const bucket of BUCKETS) {
    (buckets[bucket] ?? []).forEach((uid, index) => {
      const first = seenIn.get(uid);
      if (first !== undefined && first !== bucket) {
        ctx.addIssue({
          code: 'custom',
          path: [bucket, index],
          message: `${uid} is also listed in ${first}; name each user in one list only`,
        });
      } else seenIn.set(uid, bucket);
    });
  }
  if (seenIn.size > LIMITS.membersPerAdd) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: `at most ${LIMITS.membersPerAdd} users per call across admins, moderators, participants and usersToBan (got ${seenIn.size})`,
    });
  }
}

/** The checked buckets, repeats within a bucket dropped. */
export function bucketsOf(buckets: GivenBuckets): Record<Bucket, string[]> {
  return {
    admins: [...new Set(buckets.admins ?? [])],
    moderators: [...new Set(buckets.moderators ?? [])],
    participants: [...new Set(buckets.participants ?? [])],
    usersToBan: [...new Set(buckets.usersToBan ?? [])],
  };
}

/** The buckets in CometChat's request shape, leaving out empty ones. */
export function toMemberBuckets(buckets: Record<Bucket, string[]>): MemberBuckets {
  const out: MemberBuckets = {};
  for (const bucket of BUCKETS) if (buckets[bucket].length > 0) out[bucket] = buckets[bucket];
  return out;
}

export function bucketsTotal(buckets: Record<Bucket, string[]>): number {
  return BUCKETS.reduce((sum, bucket) => sum + buckets[bucket].length, 0);
}
