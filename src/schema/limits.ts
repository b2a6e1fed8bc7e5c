/**
 * CometChat's documented input limits as zod building blocks, so that mutations refuse bad input
 * before any upstream call. The limits themselves are `src/cometchat/limits.ts`, the table the
 * emulator enforces too (see docs/writes.md for the sources).
 */
import { z } from 'zod';
import { LIMITS } from '../cometchat/limits.js';

export { LIMITS };

/** uid / guid / role: alpha-dash, 1..100, lowercased as CometChat stores it. */
export const idSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(LIMITS.id, `must be at most ${LIMITS.id} characters`)
  .regex(/^[a-zA-Z0-9_-]+$/, 'may contain only letters, digits, "-" and "_"')
  .transform((value) => value.toLowerCase());

export const nameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((value) => [...value].length <= LIMITS.name, {
    message: `must be at most ${LIMITS.name} characters`,
  });

export const descriptionSchema = z
  .string()
  .refine((value) => [...value].length <= LIMITS.description, {
    message: `must be at most ${LIMITS.description} characters`,
  });

export const urlSchema = z
  .string()
  .max(LIMITS.url, `must be at most ${LIMITS.url} characters`)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: 'must be an http(s) URL' },
  );

export const tagsSchema = z
  .array(
    z.string().refine((tag) => [...tag].length <= LIMITS.tagLength && tag.length > 0, {
      message: `each tag must be 1 to ${LIMITS.tagLength} characters`,
    }),
  )
  .max(LIMITS.tags, `at most ${LIMITS.tags} tags`);

export const metadataSchema = z
  .record(z.string(), z.unknown())
  .refine((value) => Buffer.byteLength(JSON.stringify(value)) <= LIMITS.metadataBytes, {
    message: `must be at most ${LIMITS.metadataBytes} bytes as JSON`,
  });

export const passwordSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.password, `must be at most ${LIMITS.password} characters`);

/** The most uids one bulk mutation takes: CometChat documents no cap, one request should stay small. */
export const MAX_UIDS_PER_CALL = 100;

/**
 * A batch of uids, each checked and lowercased. Duplicates stay, so that an outcome can point at
 * the uid's first position in the input.
 */
export function uidBatchSchema(max: number = MAX_UIDS_PER_CALL) {
  return z
    .array(idSchema)
    .min(1, 'must name at least one user')
    .max(max, `at most ${max} users per call`);
}

/** GraphQL sends absent optional input fields as null or leaves them out; both read as "not given". */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value): z.output<T> | undefined => value ?? undefined);
}
