/**
 * Message lists: the filter arguments every message connection takes (those of CometChat's
 * `GET /messages`; the window is `windowArgs`) and the one function that reads a window of
 * messages. Every message connection goes through `GET /messages` (scoped by `conversationId`
 * where it is one conversation), so they all filter and page alike.
 */
import { builder } from '../../builder.js';
import { badUserInput } from '../../errors.js';
import type { View } from '../../loaders/index.js';
import type { ListMessagesQuery } from '../../upstream/messages.js';
import type { MessageRecord } from '../../upstream/records.js';
import { keyListArg, shortTextArg } from '../arg-checks.js';
import { distinctSorted, emptyConnection } from '../connections.js';
import { replacedBy } from '../deprecation.js';
import {
  type Connection,
  type ConnectionArgs,
  cursorConnection,
  validateConnectionArgs,
} from '../pagination.js';
import { MediaType, MessageCategory } from './interface.js';

const idList = keyListArg('takes at most 25 values');

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/**
 * The filters of CometChat's message lists, built once for the `MessageFilter` input and once as
 * the flat arguments the lists took before it (deprecated: `legacy` marks each of those).
 */
function filterFields(
  t: PothosSchemaTypes.InputFieldBuilder<Types, 'Arg'>,
  legacy: (name: string) => { deprecationReason?: string },
) {
  return {
    search: t.string({
      ...legacy('search'),
      description: 'Only messages whose text contains this (case-insensitive).',
      validate: shortTextArg,
    }),
    sender: t.string({
      ...legacy('sender'),
      description: 'Only messages sent by this user (uid).',
      validate: shortTextArg,
    }),
    categories: t.field({
      ...legacy('categories'),
      type: [MessageCategory],
      description: 'Only messages of one of these categories.',
    }),
    types: t.stringList({
      ...legacy('types'),
      description:
        "Only messages of one of these CometChat types, e.g. `text`, `image`, `groupMember` or an app's custom type (an open set).",
      validate: idList,
    }),
    attachmentTypes: t.field({
      ...legacy('attachmentTypes'),
      type: [MediaType],
      description: 'Only media messages carrying one of these kinds of file.',
    }),
    hasAttachments: t.boolean({
      ...legacy('hasAttachments'),
      description: 'When true, only messages with attachments.',
    }),
    hasMentions: t.boolean({
      ...legacy('hasMentions'),
      description: 'When true, only messages that mention someone.',
    }),
    mentioning: t.stringList({
      ...legacy('mentioning'),
      description: 'Only messages that mention one of these users (uids).',
      validate: idList,
    }),
    hasReactions: t.boolean({
      ...legacy('hasReactions'),
      description: 'When true, only messages someone reacted to.',
    }),
    hasLinks: t.boolean({
      ...legacy('hasLinks'),
      description: 'When true, only messages whose text contains a link.',
    }),
    unread: t.boolean({
      ...legacy('unread'),
      description:
        'When true, only messages the viewing user has not read yet (needs a viewing user: a user caller, or the user the list is read as).',
    }),
    tags: t.stringList({
      ...legacy('tags'),
      description: 'Only messages with at least one of these tags.',
      validate: idList,
    }),
    sentAfter: t.field({
      ...legacy('sentAfter'),
      type: 'DateTime',
      description: 'Only messages sent after this instant (CometChat keeps whole seconds).',
    }),
    sentBefore: t.field({
      ...legacy('sentBefore'),
      type: 'DateTime',
      description: 'Only messages sent before this instant (CometChat keeps whole seconds).',
    }),
    hideDeleted: t.boolean({
      ...legacy('hideDeleted'),
      description: 'When true, leave deleted messages out.',
    }),
    onlyDeleted: t.boolean({
      ...legacy('onlyDeleted'),
      description: 'When true, only deleted messages.',
    }),
    hideReplies: t.boolean({
      ...legacy('hideReplies'),
      description: 'When true, leave thread replies out (only top-level messages).',
    }),
    pinnedOnly: t.boolean({
      ...legacy('pinnedOnly'),
      description:
        'When true, only messages pinned in their conversation (the pinned messages of a conversation).',
    }),
  };
}

/** Every filter of a message list in one input, shared by every message connection. */
export const MessageFilter = builder.inputType('MessageFilter', {
  description:
    "Filters of a message list (those of CometChat's `GET /messages`); every filter given must match. Shared by every message connection.",
  // The same builder class for input fields as for arguments; only its type parameter differs.
  fields: (t) =>
    filterFields(t as unknown as PothosSchemaTypes.InputFieldBuilder<Types, 'Arg'>, () => ({})),
});

/**
 * The filters of a message connection: `filter`, and the flat arguments it replaces (deprecated,
 * still honoured; not together with `filter`).
 */
export const messageFilterArgs = builder.args((t) => ({
  filter: t.field({
    type: MessageFilter,
    description: 'Only messages that match these filters (all of them).',
  }),
  ...filterFields(t, (name) => ({
    deprecationReason: replacedBy(`Use \`filter: { ${name} }\`.`),
  })),
}));

export interface MessageFilterValues {
  search?: string | null | undefined;
  sender?: string | null | undefined;
  categories?:
    | readonly ('message' | 'custom' | 'action' | 'call' | 'interactive')[]
    | null
    | undefined;
  types?: readonly string[] | null | undefined;
  attachmentTypes?: readonly ('image' | 'video' | 'audio' | 'file')[] | null | undefined;
  hasAttachments?: boolean | null | undefined;
  hasMentions?: boolean | null | undefined;
  mentioning?: readonly string[] | null | undefined;
  hasReactions?: boolean | null | undefined;
  hasLinks?: boolean | null | undefined;
  unread?: boolean | null | undefined;
  tags?: readonly string[] | null | undefined;
  sentAfter?: Date | null | undefined;
  sentBefore?: Date | null | undefined;
  hideDeleted?: boolean | null | undefined;
  onlyDeleted?: boolean | null | undefined;
  hideReplies?: boolean | null | undefined;
  pinnedOnly?: boolean | null | undefined;
}

/** The names of the filters, in `MessageFilter` and as the deprecated flat arguments. */
const FILTER_NAMES = [
  'search',
  'sender',
  'categories',
  'types',
  'attachmentTypes',
  'hasAttachments',
  'hasMentions',
  'mentioning',
  'hasReactions',
  'hasLinks',
  'unread',
  'tags',
  'sentAfter',
  'sentBefore',
  'hideDeleted',
  'onlyDeleted',
  'hideReplies',
  'pinnedOnly',
] as const satisfies readonly (keyof MessageFilterValues)[];

/**
 * Translates filter arguments into CometChat's query. Null when the filters can match nothing
 * (a time range that ends before it starts), so no call is needed.
 * `perspective` is the user the list is read as: `unread` needs one.
 */
export function messageQueryFrom(
  args: MessageFilterValues & { filter?: MessageFilterValues | null | undefined },
  perspective: string | null,
): ListMessagesQuery | null {
  const { filter } = args;
  const flat: MessageFilterValues = Object.fromEntries(
    FILTER_NAMES.map((name) => [name, args[name]]),
  );
  if (filter != null && FILTER_NAMES.some((name) => args[name] != null)) {
    throw badUserInput(
      'Pass the filters in `filter` only: the flat filter arguments are its deprecated form.',
    );
  }
  const filters: MessageFilterValues = filter ?? flat;
  if (filters.hideDeleted && filters.onlyDeleted) {
    throw badUserInput('Pass either `hideDeleted` or `onlyDeleted`, not both.');
  }
  if (filters.unread && perspective === null) {
    throw badUserInput(
      '`unread` needs a viewing user: read the list as a user (a user caller, or `uid` where offered).',
    );
  }
  const query: ListMessagesQuery = {};
  const search = filters.search?.trim();
  if (search) query.searchKey = search;
  const sender = filters.sender?.trim().toLowerCase();
  if (sender) query.sender = sender;
  const categories = distinctSorted(filters.categories);
  if (categories) query.categories = categories;
  const types = distinctSorted(filters.types?.map((type) => type.trim()));
  if (types) query.types = types;
  const attachmentTypes = distinctSorted(filters.attachmentTypes);
  if (attachmentTypes) query.attachmentTypes = attachmentTypes;
  const mentioned = distinctSorted(filters.mentioning?.map((uid) => uid.trim().toLowerCase()));
  if (mentioned) query.mentionedUids = mentioned;
  const tags = distinctSorted(filters.tags?.map((tag) => tag.trim()));
  if (tags) query.tags = tags;
  if (filters.hasAttachments) query.hasAttachments = true;
  if (filters.hasMentions) query.hasMentions = true;
  if (filters.hasReactions) query.hasReactions = true;
  if (filters.hasLinks) query.hasLinks = true;
  if (filters.unread) query.unread = true;
  if (filters.hideDeleted) query.hideDeleted = true;
  if (filters.onlyDeleted) query.onlyDeleted = true;
  if (filters.hideReplies) query.hideReplies = true;
  if (filters.pinnedOnly) query.pinned = true;
  if (filters.sentAfter || filters.sentBefore) {
    // CometChat's range is inclusive, in whole seconds; "after"/"before" exclude the instant itself.
    // `toTimestamp` is ignored without `fromTimestamp`, so an open start is sent as 0.
    const from = filters.sentAfter ? Math.floor(filters.sentAfter.getTime() / 1000) + 1 : 0;
    if (filters.sentBefore) {
      const to = Math.ceil(filters.sentBefore.getTime() / 1000) - 1;
      if (to < Math.max(from, 0)) return null;
      query.toTimestamp = to;
    }
    query.fromTimestamp = Math.max(from, 0);
  }
  return query;
}

/**
 * The cursor key of a message list: the position of a message is its id in its conversation, so
 * every list over one conversation (`messages(conversationId:)`, `User.messages`, `Group.messages`,
 * `Conversation.messages`, whatever the filters and whoever reads it) shares one key, and so do
 * the lists over all conversations in reach. Mutations use it too, for edges that page on in them.
 */
export function messageListKey(query: Pick<ListMessagesQuery, 'conversationId'>): string {
  return query.conversationId ? `conversation:${query.conversationId}` : 'messages:*';
}

/** The key cursors of the first release carried (list, filters and reader); still honoured. */
function firstReleaseMessageListKey(query: ListMessagesQuery, as: string | null): string {
  return `messages:${JSON.stringify({ query, as })}`;
}

/** The cursor key of a message's thread of replies. */
export function repliesKey(parentId: string): string {
  return `replies:${parentId}`;
}

/**
 * One window of `GET /messages` with `query`, read in `view` (which primes itself from every
 * message). A `query` of null (filters that match nothing) makes no call. Read as a user who does
 * not exist, or who may not see the conversation, the list is empty.
 */
export function messageConnection(
  view: View,
  args: ConnectionArgs,
  query: ListMessagesQuery | null,
): Promise<Connection<MessageRecord>> {
  validateConnectionArgs(args, { backwards: true });
  if (query === null) return Promise.resolve(emptyConnection());
  return cursorConnection(
    args,
    (q) => view.messages({ ...query, withTags: true, affix: q.affix, id: q.id, limit: q.limit }),
    {
      key: messageListKey(query),
      acceptKeys: [
        firstReleaseMessageListKey(query, view.perspective),
        ...(query.conversationId
          ? [firstReleaseMessageListKey({ conversationId: query.conversationId }, view.perspective)]
          : []),
      ],
      idOf: (message) => message.id,
    },
  );
}
