/**
 * Users named by scope, as groupCreate (initial members) and groupMembersAdd take them: admins,
 * moderators, participants, and users to ban.
 */
import { z } from 'zod';
import type { MemberBuckets } from '../../../upstream/groups.js';
import { idSchema, LIMITS } from '../../limits.js';

export const BUCKETS = ['admins', 'moderators', 'participants', 'usersToBan'] as const;
export type Bucket = (typeof BUCKETS)[number];

const bucketSchema = z
  .array(idSchema)
  .max(LIMITS.membersPerAdd, `at most ${LIMITS.membersPerAdd} users per call`)
  .nullish();

/**
 * The four member buckets: each uid checked and lowercased, repeats within a bucket dropped, a uid
 * in two buckets refused (CometChat would silently keep one, so the caller could not tell which
 * outcome belongs to it), and at most 25 users across all buckets (CometChat's per-call limit).
 */
export const bucketsSchema = z
  .object({
    admins: bucketSchema,
    moderators: bucketSchema,
    participants: bucketSchema,
    usersToBan: bucketSchema,
  })
  .superRefine((buckets, ctx) => {
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
  })
  .transform(
    (buckets): Record<Bucket, string[]> => ({
      admins: [...new Set(buckets.admins ?? [])],
      moderators: [...new Set(buckets.moderators ?? [])],
      participants: [...new Set(buckets.participants ?? [])],
      usersToBan: [...new Set(buckets.usersToBan ?? [])],
    }),
  );

/** The buckets in CometChat's request shape, leaving out empty ones. */
export function toMemberBuckets(buckets: Record<Bucket, string[]>): MemberBuckets {
  const out: MemberBuckets = {};
  for (const bucket of BUCKETS) if (buckets[bucket].length > 0) out[bucket] = buckets[bucket];
  return out;
}

export function bucketsTotal(buckets: Record<Bucket, string[]>): number {
  return BUCKETS.reduce((sum, bucket) => sum + buckets[bucket].length, 0);
}
