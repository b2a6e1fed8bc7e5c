/**
 * What a cached read depends on, and what a change makes stale, as tags. A read of the chat API
 * carries the tags of everything its answer shows (a message list: its conversation's messages,
 * and the users and groups it embeds); a change (a webhook event, a write through the gateway)
 * bumps the tags of what it touched. A cached answer is served only while none of its tags has
 * been bumped since it was read (`shared-reads.ts`).
 *
 * Tags never name a perspective's view: a change invalidates a resource for every perspective
 * that cached it. Specific tags (`msgs:<conversation>`) are paired with a general one (`msgs`)
 * that changes whose conversation is not known bump instead; `all` is on every entry, for
 * changes the gateway cannot place.
 *
 * Reads not listed in {@link readTags} are never cached: auth tokens, the Management API
 * (webhooks), and any route added later until it is given tags here.
 */

export const TAGS = {
  /** On every cached entry. */
  all: 'all',
  /** Every user record, wherever it shows (lists, embedded senders, members, conversations). */
  users: 'users',
  /** One user's record read by uid. */
  user: (uid: string) => `user:${uid.toLowerCase()}`,
  friends: 'friends',
  /** Every group record (lists, embedded receivers, conversations of groups). */
  groups: 'groups',
  /** One group by guid, its members and banned users. */
  group: (guid: string) => `group:${guid.toLowerCase()}`,
  roles: 'roles',
  /** App-wide message lists (no conversation named): every message change bumps it. */
  messagesAll: 'msgs:*',
  /** Message lists of one conversation. */
  messages: (conversation: string) => `msgs:${conversationKey(conversation)}`,
  /** Bumped by message changes whose conversation is not known: every conversation's lists. */
  messagesAny: 'msgs',
  /** One message by id (its reactions, its thread). */
  message: (id: string) => `msg:${id}`,
  /** The app-wide conversation list: every conversation change bumps it. */
  conversationsAll: 'convs:*',
  /** One user's conversation list. */
  conversationsOf: (uid: string) => `convs:${uid.toLowerCase()}`,
  /** Every user's conversation list shows group conversations: group message changes bump it. */
  conversationsWithGroups: 'convs:g',
  /** Bumped by conversation changes whose participants are not known: every user's lists. */
  conversationsAny: 'convs',
  /** One conversation read on its own. */
  conversation: (conversation: string) => `conv:${conversationKey(conversation)}`,
} as const;

/**
 * A conversation id in one spelling: lower case, and the two uids of a 1:1 conversation
 * (`a_user_b`) in sorted order, so ids built from either participant agree.
 */
export function conversationKey(id: string): string {
  const lower = id.toLowerCase();
  if (lower.startsWith('group_')) return lower;
  const parts = lower.split('_user_');
  if (parts.length !== 2) return lower;
  const [a = '', b = ''] = parts;
  return a < b ? `${a}_user_${b}` : `${b}_user_${a}`;
}

/** The 1:1 conversation between two users. */
export function directConversation(a: string, b: string): string {
  return conversationKey(`${a}_user_${b}`);
}

export function groupConversation(guid: string): string {
  return `group_${guid.toLowerCase()}`;
}

/**
 * The tags a change in `conversation` bumps: its messages, itself, the app-wide lists and the
 * conversation lists of its participants (every user's for a group; read from the id of a 1:1
 * conversation; every user's when the id says neither).
 */
export function conversationChanged(conversation: string): string[] {
  const key = conversationKey(conversation);
  const tags = [
    TAGS.messagesAll,
    TAGS.messages(key),
    TAGS.conversation(key),
    TAGS.conversationsAll,
  ];
  if (key.startsWith('group_')) {
    tags.push(TAGS.conversationsWithGroups);
  } else {
    const parts = key.split('_user_');
    if (parts.length === 2) {
      for (const uid of parts) tags.push(TAGS.conversationsOf(uid));
    } else {
      tags.push(TAGS.conversationsAny);
    }
  }
  return tags;
}

/** What every message list or conversation may show: some message, somewhere. */
export const ANY_CONVERSATION_CHANGED: readonly string[] = [
  TAGS.messagesAll,
  TAGS.messagesAny,
  TAGS.conversationsAll,
  TAGS.conversationsAny,
  TAGS.conversationsWithGroups,
];

/** One read as the cache sees it. */
export interface ReadCall {
  /** The path template, e.g. `/users/{uid}/friends`. */
  route: string;
  params: Readonly<Record<string, string>>;
  query: Readonly<Record<string, unknown>> | undefined;
  /** The perspective it is read in (`onBehalfOf`); undefined for the app. */
  onBehalfOf: string | undefined;
}

const EMBEDS = [TAGS.all, TAGS.users, TAGS.groups] as const;

/** The tags of a chat API read, or null when such a read is never cached. */
export function readTags(read: ReadCall): string[] | null {
  const { params, onBehalfOf: viewer } = read;
  const param = (name: string): string => params[name] ?? '';
  switch (read.route) {
    case '/users':
      return [TAGS.all, TAGS.users];
    case '/users/{uid}':
      return [TAGS.all, TAGS.user(param('uid'))];
    case '/users/{uid}/friends':
      return [TAGS.all, TAGS.users, TAGS.friends];
    case '/users/{uid}/blockedusers':
      return [TAGS.all, TAGS.users];
    case '/groups':
      return [TAGS.all, TAGS.groups];
    case '/groups/{guid}':
      return [TAGS.all, TAGS.group(param('guid'))];
    case '/groups/{guid}/members':
    case '/groups/{guid}/bannedusers':
      return [TAGS.all, TAGS.users, TAGS.group(param('guid'))];
    case '/roles':
    case '/roles/{role}':
      return [TAGS.all, TAGS.roles];
    case '/messages': {
      const conversation = read.query?.conversationId;
      return typeof conversation === 'string' && conversation !== ''
        ? [...EMBEDS, TAGS.messages(conversation), TAGS.messagesAny]
        : [...EMBEDS, TAGS.messagesAll];
    }
    case '/users/{uid}/messages':
      return viewer === undefined
        ? [...EMBEDS, TAGS.messagesAll]
        : [...EMBEDS, TAGS.messages(directConversation(viewer, param('uid'))), TAGS.messagesAny];
    case '/groups/{guid}/messages':
      return [...EMBEDS, TAGS.messages(groupConversation(param('guid'))), TAGS.messagesAny];
    case '/messages/{id}':
    case '/messages/{id}/thread':
    case '/messages/{id}/reactions':
    case '/messages/{id}/reactions/{reaction}':
      return [...EMBEDS, TAGS.message(param('id'))];
    case '/conversations':
      return viewer === undefined
        ? [...EMBEDS, TAGS.conversationsAll]
        : [
            ...EMBEDS,
            TAGS.conversationsOf(viewer),
            TAGS.conversationsWithGroups,
            TAGS.conversationsAny,
          ];
    case '/conversations/{conversationId}':
      return [...EMBEDS, TAGS.conversation(param('conversationId')), TAGS.conversationsAny];
    case '/users/{uid}/conversation':
      return viewer === undefined
        ? null
        : [
            ...EMBEDS,
            TAGS.conversation(directConversation(viewer, param('uid'))),
            TAGS.conversationsAny,
          ];
    case '/groups/{guid}/conversation':
      return [
        ...EMBEDS,
        TAGS.conversation(groupConversation(param('guid'))),
        TAGS.conversationsAny,
      ];
    default:
      return null;
  }
}

/** One write as the cache sees it, after it was sent. */
export interface WriteCall {
  method: string;
  route: string;
  params: Readonly<Record<string, string>>;
  /** The success answer's text; null when there was none (a failure, an unknown outcome). */
  answer: string | null;
}

/** What a message-shaped answer names, when it is one. */
function messageOfAnswer(answer: string | null): {
  id: string;
  conversationId: string;
  parentId: string | null;
} | null {
  if (answer === null) return null;
  let data: unknown;
  try {
    data = (JSON.parse(answer) as { data?: unknown } | null)?.data;
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  const id = record.id;
  const conversationId = record.conversationId;
  if ((typeof id !== 'string' && typeof id !== 'number') || typeof conversationId !== 'string') {
    return null;
  }
  const parent = record.parentId;
  return {
    id: String(id),
    conversationId,
    parentId: typeof parent === 'string' || typeof parent === 'number' ? String(parent) : null,
  };
}

/**
 * The tags a write through the gateway bumps: from the message it answered with where it is
 * one, otherwise from its route (coarsely: what cannot be placed bumps `all`).
 */
export function writeTags(write: WriteCall): string[] {
  const { route, params } = write;
  const param = (name: string): string => params[name] ?? '';
  if (
    route.startsWith('/messages') ||
    route.startsWith('/bots/') ||
    route.includes('/conversation')
  ) {
    const tags: string[] = [];
    if (params.id !== undefined) tags.push(TAGS.message(param('id')));
    const message = messageOfAnswer(write.answer);
    if (message !== null && !route.includes('/conversation')) {
      tags.push(TAGS.message(message.id), ...conversationChanged(message.conversationId));
      if (message.parentId !== null) tags.push(TAGS.message(message.parentId));
      return tags;
    }
    return [...tags, ...ANY_CONVERSATION_CHANGED];
  }
  if (route.startsWith('/users/{uid}/auth_tokens')) return [];
  // Creating a user adds to the lists; (de)activating many at once touches users by the body.
  if (route === '/users') return write.method === 'POST' ? [TAGS.users] : [TAGS.all];
  if (route === '/users/{uid}') return [TAGS.users, TAGS.user(param('uid'))];
  if (route === '/users/{uid}/friends') return [TAGS.users, TAGS.friends];
  if (route.startsWith('/groups/{guid}')) {
    const guid = param('guid');
    return [
      TAGS.groups,
      TAGS.group(guid),
      ...conversationChanged(groupConversation(guid)),
      TAGS.conversationsWithGroups,
    ];
  }
  if (route === '/groups') return [TAGS.groups];
  if (route.startsWith('/roles')) return [TAGS.roles];
  return [TAGS.all];
}
