/**
 * The hand-written record readers (src/upstream/records/fast-path.ts) against the zod schemas they
 * stand in front of: on generated records, with every field absent, null, well-formed or of a
 * wrong type, a fast reader either leaves the record to the schema (`undefined`) or builds exactly
 * what the schema builds (same keys in the same order, same values); it never accepts what the
 * schema refuses. And on well-formed records it does build them, so the fast path is taken.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWithoutFastReader } from '../../src/upstream/records/fast-path.js';
import {
  groupMemberItemSchema,
  groupSchema,
  readGroup,
  readGroupMemberItem,
} from '../../src/upstream/records/groups.js';
import { messageSchema, readMessage } from '../../src/upstream/records/messages.js';
import { readUser, userSchema } from '../../src/upstream/records/users.js';

/** Values a field may hold in a generated record: the valid ones given, and the usual wrong ones. */
function anyOf(...valid: unknown[]): fc.Arbitrary<unknown> {
  const wrong = fc.constantFrom(
    null,
    '',
    0,
    -1,
    1.5,
    '12',
    '1.5',
    'x',
    true,
    false,
    [],
    ['a'],
    [1],
    {},
    { a: 1 },
  );
  // Mostly valid values, so that many generated records are whole and take the fast path.
  return valid.length === 0
    ? wrong
    : fc.oneof(
        { arbitrary: fc.constantFrom(...valid), weight: 12 },
        { arbitrary: wrong, weight: 1 },
      );
}

const epoch = anyOf(1_700_000_000, '1700000000', '1700000000.25', 0, '0');

const userFields = {
  uid: anyOf('cometchat-uid-1', 'u'),
  name: anyOf('Andrew Joseph', 'A'),
  avatar: anyOf('https://example.com/a.png'),
  link: anyOf('https://example.com'),
  role: anyOf('default', 'admin'),
  status: anyOf('available', 'online', 'offline', 'away'),
  statusMessage: anyOf('busy'),
  metadata: anyOf({ '@private': { email: 'a@example.com' } }),
  tags: anyOf(['vip', 'beta']),
  createdAt: epoch,
  updatedAt: epoch,
  lastActiveAt: epoch,
  deactivatedAt: epoch,
  conversationId: anyOf('cometchat-uid-1_user_cometchat-uid-2'),
  blockedByMe: anyOf(true, false),
  hasBlockedMe: anyOf(true, false),
  blockedByMeAt: epoch,
  blockedAt: epoch,
  authToken: anyOf('cometchat-uid-1_abc'),
  extra: anyOf('ignored'),
};

/** A generated record: each key absent or one of its field's values. */
function record(
  fields: Record<string, fc.Arbitrary<unknown>>,
  required: string[] = [],
): fc.Arbitrary<unknown> {
  return fc.record(fields, { requiredKeys: required });
}

/**
 * Runs `check` on generated records and fails unless both outcomes happened often enough: records
 * the fast reader built (compared with the schema) and records it left to the schema.
 */
function compareOn(
  arb: fc.Arbitrary<unknown>,
  check: (raw: unknown) => unknown,
  atLeast = 100,
): void {
  let built = 0;
  let left = 0;
  fc.assert(
    fc.property(arb, (raw) => {
      if (check(raw) === undefined) left += 1;
      else built += 1;
    }),
    { numRuns: 3000 },
  );
  expect(built).toBeGreaterThan(atLeast);
  expect(left).toBeGreaterThan(atLeast);
}

/** Every key, in order, with its value; Dates by time. */
function shape(value: unknown): unknown {
  if (value instanceof Date) return { date: value.getTime() };
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).map(([k, v]) => [k, shape(v)]);
  return value;
}

function expectSameAsSchema<T>(
  schema: Parameters<typeof parseWithoutFastReader<T>>[0],
  read: (raw: unknown) => T | undefined,
  raw: unknown,
): T | undefined {
  const fast = read(raw);
  const slow = parseWithoutFastReader(schema, raw);
  if (fast === undefined) return undefined;
  expect(slow.ok, 'the fast reader accepted what the schema refuses').toBe(true);
  if (slow.ok) expect(shape(fast)).toEqual(shape(slow.value));
  return fast;
}

const groupFields = {
  guid: anyOf('cometchat-guid-1', 'g'),
  name: anyOf('Hiking Group'),
  type: anyOf('public', 'private', 'password', 'protected', 'secret'),
  description: anyOf('About hiking'),
  icon: anyOf('https://example.com/i.png'),
  owner: anyOf('cometchat-uid-1'),
  metadata: anyOf({ a: 1 }),
  tags: anyOf(['outdoor']),
  membersCount: anyOf(5, '5', 0),
  createdAt: epoch,
  updatedAt: epoch,
  updatedBy: anyOf('cometchat-uid-2'),
  conversationId: anyOf('group_cometchat-guid-1'),
  scope: anyOf('admin', 'moderator', 'participant', '', 'owner'),
  joinedAt: epoch,
  hasJoined: anyOf(true, false),
};

const userRecord = record(userFields, ['uid', 'name', 'createdAt']);
const groupRecord = record(groupFields, ['guid', 'name', 'type', 'membersCount', 'createdAt']);

const entity = fc.oneof(
  fc.record({ entity: userRecord, entityType: fc.constant('user') }),
  fc.record({ entity: groupRecord, entityType: fc.constant('group') }),
  fc.record({ entity: anyOf(), entityType: anyOf('user', 'group', 'message', 'call', 'thing') }),
  anyOf(),
);

const attachment = record(
  {
    url: anyOf('https://example.com/f.png'),
    name: anyOf('f.png'),
    mimeType: anyOf('image/png'),
    extension: anyOf('png'),
    size: anyOf(1024, '1024', '1.5'),
  },
  ['url'],
);

const reaction = record(
  { reaction: anyOf('👍'), count: anyOf(2, '2'), reactedByMe: anyOf(true, false) },
  ['reaction', 'count'],
);

const messageData = record({
  text: anyOf('hello'),
  attachments: fc.oneof(fc.array(attachment, { maxLength: 2 }), anyOf()),
  url: anyOf('https://example.com/f.png'),
  customData: anyOf({ x: 1 }, 'text'),
  metadata: anyOf({ '@injected': {} }),
  action: anyOf('added', 'edited'),
  entities: fc.oneof(
    {
      arbitrary: record({ sender: entity, receiver: entity, by: entity, on: entity, for: entity }),
      weight: 6,
    },
    { arbitrary: anyOf(), weight: 1 },
  ),
  reactions: fc.oneof(fc.array(reaction, { maxLength: 2 }), anyOf()),
  mentions: fc.oneof(
    fc.dictionary(
      fc.constantFrom('cometchat-uid-2', 'cometchat-uid-3'),
      record({ uid: anyOf('cometchat-uid-2'), name: anyOf('Bob') }, ['uid']),
    ),
    anyOf(),
  ),
  interactiveData: anyOf({ form: {} }),
  interactionGoal: anyOf({ type: 'anyAction' }),
  interactions: fc.oneof(fc.array(anyOf({ elementId: 'b' }), { maxLength: 2 }), anyOf()),
  allowSenderInteraction: anyOf(true, false),
});

const messageFields = {
  id: anyOf('101', 101, 'x'),
  muid: anyOf('m-1'),
  conversationId: anyOf('group_cometchat-guid-1'),
  sender: anyOf('cometchat-uid-1'),
  receiver: anyOf('cometchat-guid-1'),
  receiverType: anyOf('user', 'group', 'channel'),
  category: anyOf('message', 'custom', 'action', 'call', 'interactive', 'other'),
  type: anyOf('text', 'image'),
  data: fc.oneof({ arbitrary: messageData, weight: 8 }, { arbitrary: anyOf(), weight: 1 }),
  reactions: fc.oneof(fc.array(reaction, { maxLength: 2 }), anyOf()),
  tags: anyOf(['t']),
  sentAt: epoch,
  updatedAt: epoch,
  editedAt: epoch,
  editedBy: anyOf('cometchat-uid-1'),
  deletedAt: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 6 },
    { arbitrary: epoch, weight: 1 },
  ),
  deletedBy: anyOf('cometchat-uid-1'),
  parentId: anyOf('100', 100),
  replyCount: anyOf(3, '3'),
  pinnedAt: epoch,
  pinnedBy: anyOf('cometchat-uid-1'),
  savedAt: epoch,
  threadSubscribed: anyOf(true, false),
};

describe('fast record readers build what the zod schemas build', () => {
  it('users: generated records, valid and malformed', () => {
    compareOn(record(userFields, ['uid', 'name', 'createdAt']), (raw) =>
      expectSameAsSchema(userSchema, readUser, raw),
    );
  });

  it('groups: generated records, valid and malformed', () => {
    compareOn(groupRecord, (raw) => expectSameAsSchema(groupSchema, readGroup, raw));
  });

  it('group members: generated items, valid and malformed', () => {
    const member = fc
      .tuple(userRecord, anyOf('admin', 'moderator', 'participant', 'owner'), epoch)
      .map(([user, scope, joinedAt]) => ({ ...(user as object), scope, joinedAt }));
    compareOn(member, (raw) => expectSameAsSchema(groupMemberItemSchema, readGroupMemberItem, raw));
  });

  it('messages: generated records with content, reactions, mentions and entities', () => {
    compareOn(
      record(messageFields, [
        'id',
        'conversationId',
        'sender',
        'receiver',
        'receiverType',
        'category',
        'type',
        'sentAt',
      ]),
      (raw) => expectSameAsSchema(messageSchema, readMessage, raw),
      // A message has some forty fields that may each be wrong: fewer generated ones are whole.
      30,
    );
  });

  it('users: well-formed records take the fast path, and parse as the schema says', () => {
    const raw = {
      uid: 'cometchat-uid-1',
      name: 'Andrew Joseph',
      avatar: 'https://example.com/a.png',
      status: 'online',
      role: '',
      statusMessage: '',
      createdAt: 1_700_000_000,
      lastActiveAt: '1700000100',
      tags: ['vip'],
    };
    const fast = expectSameAsSchema(userSchema, readUser, raw);
    expect(fast).toMatchObject({ uid: 'cometchat-uid-1', role: 'default', status: 'available' });
    expect(fast?.statusMessage).toBeNull();
    expect(userSchema.parse(raw)).toEqual(fast);
  });

  it('users: a malformed record still fails with the schema issue', () => {
    const result = userSchema.safeParse({ uid: 'u', name: 'N', createdAt: 'yesterday' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['createdAt']);
    expect(readUser({ uid: 'u', name: 'N', createdAt: 'yesterday' })).toBeUndefined();
  });
});
