/**
 * The `demo` seed: a small, deterministic app that exercises every feature (roles, users with tags
 * and metadata, the three group types and member scopes, a group large enough to page, 1:1 and
 * group conversations with text, media, custom and action messages, an edit, a soft delete,
 * threads, reactions, a mention, friends, blocks, auth tokens and read/delivered marks).
 * Rows are written straight into the store with timestamps counted from a fixed base.
 */
import { createHash } from 'node:crypto';
import { seedCalls } from './calls.js';
import {
  conversationIdFor,
  type GroupRow,
  type GroupType,
  type MessageRow,
  type RoleRow,
  type Scope,
  type Store,
  type UserRow,
} from './store.js';

/** 2025-01-01T00:00:00Z: every seeded timestamp counts up from here. */
export const SEED_BASE_TIME = 1735689600;

export const SAMPLE_USERS = [
  'Andrew Joseph',
  'George Alan',
  'Nancy Grace',
  'Susan Marie',
  'John Paul',
  'Maria Lopez',
  'David Chen',
  'Priya Sharma',
  'Liam Byrne',
  'Emma Fischer',
  'Noah Williams',
  'Olivia Rossi',
  'Lucas Martin',
  'Sofia Novak',
  'Ethan Kim',
  'Aisha Bello',
  'Mateo Garcia',
  'Hannah Becker',
  'Yuki Tanaka',
  'Omar Haddad',
  'Chloe Dubois',
  'Ravi Patel',
  'Zoe Clarke',
  'Felix Wagner',
  'Amara Okafor',
];

export const FIRST_NAMES = [
  'Alex',
  'Blake',
  'Casey',
  'Dana',
  'Eli',
  'Farah',
  'Gabe',
  'Hana',
  'Ivan',
  'Jade',
  'Kian',
  'Lena',
  'Milo',
  'Nina',
  'Owen',
  'Pia',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
];
export const LAST_NAMES = [
  'Adams',
  'Brooks',
  'Costa',
  'Diaz',
  'Evans',
  'Frost',
  'Gray',
  'Hale',
  'Ito',
  'Jensen',
  'Khan',
  'Lund',
  'Moss',
  'Nash',
  'Ortiz',
  'Park',
  'Reyes',
  'Silva',
  'Tran',
  'Vogel',
];

const TEXTS = [
  'Hi there! How are you doing today?',
  'Pretty good, thanks. Busy week though.',
  'Did you get a chance to look at the draft?',
  'Yes, I left a few comments on the second section.',
  'Great, I will go through them tonight.',
  'Are we still on for Saturday?',
  'Absolutely, see you at nine.',
  'Can you share the photos from last time?',
  'Sure, uploading them now.',
  'That trail was amazing, we should go back in spring.',
  'Who is bringing the snacks?',
  'I can bring sandwiches and fruit.',
  'The meeting moved to 3 pm.',
  'Thanks for the heads-up!',
  'Let me know if you need anything else.',
  'Happy Friday everyone!',
  'Quick question about the budget numbers.',
  'Sounds like a plan.',
  'I am running ten minutes late, sorry.',
  'No worries, we will wait.',
];

/** Writes seed rows with deterministic, strictly increasing timestamps. */
export class SeedWriter {
  private time: number;

  constructor(
    readonly store: Store,
    start = SEED_BASE_TIME,
  ) {
    this.time = start;
  }

  /** Advances the seed clock and returns the new time. */
  tick(seconds = 1): number {
    this.time += seconds;
    return this.time;
  }

  get now(): number {
    return this.time;
  }

  role(role: string, name: string, extra: Partial<RoleRow> = {}): void {
    this.store.roles.set(role, { role, name, createdAt: this.tick(), ...extra });
  }

  user(row: Omit<UserRow, 'createdAt' | 'tags' | 'role' | 'status'> & Partial<UserRow>): UserRow {
    const createdAt = this.tick(60);
    const user: UserRow = { role: 'default', tags: [], status: 'offline', createdAt, ...row };
    this.store.users.set(user.uid, user);
    return user;
  }

  group(
    row: { guid: string; name: string; type: GroupType; owner: string } & Partial<GroupRow>,
    members: Partial<Record<Scope, readonly string[]>>,
  ): GroupRow {
    const createdAt = this.tick(60);
    const group: GroupRow = { tags: [], createdAt, ...row };
    this.store.groups.set(group.guid, group);
    for (const scope of ['admin', 'moderator', 'participant'] as const) {
      for (const uid of members[scope] ?? []) {
        this.store.addMember({ guid: group.guid, uid, scope, joinedAt: this.tick() });
      }
    }
    return group;
  }

  ban(guid: string, uid: string): void {
    let bans = this.store.bans.get(guid);
    if (!bans) {
      bans = new Map();
      this.store.bans.set(guid, bans);
    }
    bans.set(uid, { guid, uid, bannedAt: this.tick() });
  }

  /** A message from `sender` to a user (`to`) or a group (`group`). */
  message(
    sender: string,
    target: { to: string } | { group: string },
    fields: Partial<Omit<MessageRow, 'id'>> & { data: Record<string, unknown> },
    gap = 45,
  ): MessageRow {
    const sentAt = this.tick(gap);
    const isGroup = 'group' in target;
    const receiver = isGroup ? target.group : target.to;
    return this.store.addMessage({
      conversationId: conversationIdFor(isGroup ? 'group' : 'user', sender, receiver),
      sender,
      receiver,
      receiverType: isGroup ? 'group' : 'user',
      category: 'message',
      type: 'text',
      tags: [],
      replyCount: 0,
      sentAt,
      updatedAt: sentAt,
      ...fields,
    });
  }

  text(sender: string, target: { to: string } | { group: string }, text: string): MessageRow {
    return this.message(sender, target, { data: { text } });
  }

  /** A `groupMember` action message (`added`, `joined`, `kicked`, `banned`, `scopeChanged`...). */
  memberAction(
    actor: string,
    guid: string,
    action: string,
    on: string,
    extras?: Record<string, unknown>,
  ): MessageRow {
    return this.message(
      actor,
      { group: guid },
      {
        category: 'action',
        type: 'groupMember',
        data: { action, ...(extras ? { extras } : {}) },
        action: {
          by: { type: 'user', id: actor },
          on: { type: 'user', id: on },
          for: { type: 'group', id: guid },
        },
      },
    );
  }

  /** Edits `target` as `actor` and stores the `edited` action message, as the API does. */
  edit(target: MessageRow, actor: string, text: string): MessageRow {
    const at = this.tick(30);
    target.data = { ...target.data, text };
    target.editedAt = at;
    target.editedBy = actor;
    target.updatedAt = at;
    return this.messageAction(target, actor, 'edited');
  }

  /** Soft-deletes `target` as `actor` and stores the `deleted` action message. */
  softDelete(target: MessageRow, actor: string): MessageRow {
    const at = this.tick(30);
    target.deletedAt = at;
    target.deletedBy = actor;
    target.updatedAt = at;
    return this.messageAction(target, actor, 'deleted');
  }

  private messageAction(target: MessageRow, actor: string, action: string): MessageRow {
    const forUser = target.receiver === actor ? target.sender : target.receiver;
    const receiverTarget =
      target.receiverType === 'group' ? { group: target.receiver } : { to: target.receiver };
    return this.message(
      target.sender,
      receiverTarget,
      {
        sender: actor,
        category: 'action',
        type: 'message',
        data: { action },
        action: {
          by: { type: 'user', id: actor },
          on: { type: 'message', id: String(target.id) },
          for:
            target.receiverType === 'group'
              ? { type: 'group', id: target.receiver }
              : { type: 'user', id: forUser },
        },
      },
      1,
    );
  }

  reply(parent: MessageRow, sender: string, text: string): MessageRow {
    const target =
      parent.receiverType === 'group'
        ? { group: parent.receiver }
        : { to: parent.sender === sender ? parent.receiver : parent.sender };
    return this.message(sender, target, { data: { text }, parentId: parent.id });
  }

  react(message: MessageRow, uid: string, reaction: string): void {
    const row = {
      id: this.store.nextReactionId++,
      messageId: message.id,
      reaction,
      uid,
      reactedAt: this.tick(5),
    };
    const list = this.store.reactions.get(message.id);
    if (list) list.push(row);
    else this.store.reactions.set(message.id, [row]);
  }

  /** Marks `conversationId` read/delivered for `uid` up to the given message ids. */
  marks(uid: string, conversationId: string, readUpTo: number, deliveredUpTo = readUpTo): void {
    const state = this.store.conversationStateFor(uid, conversationId);
    state.readUpTo = readUpTo;
    state.deliveredUpTo = Math.max(deliveredUpTo, readUpTo);
  }

  friends(a: string, b: string): void {
    const since = this.tick();
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      let map = this.store.friends.get(x);
      if (!map) {
        map = new Map();
        this.store.friends.set(x, map);
      }
      map.set(y, since);
    }
  }

  block(blocker: string, blocked: string): void {
    let map = this.store.blocks.get(blocker);
    if (!map) {
      map = new Map();
      this.store.blocks.set(blocker, map);
    }
    map.set(blocked, this.tick());
  }

  /** A deterministic auth token `<uid>_<createdAt><30 hex>`. */
  authToken(uid: string, index = 0): void {
    const createdAt = this.tick();
    const hex = createHash('sha1').update(`${uid}:${index}`).digest('hex').slice(0, 30);
    const tokens = this.store.authTokens.get(uid) ?? [];
    tokens.push({ uid, authToken: `${uid}_${createdAt}${hex}`, createdAt });
    this.store.authTokens.set(uid, tokens);
  }
}

export function demoUid(n: number): string {
  return `cometchat-uid-${n}`;
}

export function demoGuid(n: number): string {
  return `cometchat-guid-${n}`;
}

/** Uids of the 40 extra members that make `cometchat-guid-6` long enough to page. */
export function communityUid(n: number): string {
  return `community-member-${String(n).padStart(2, '0')}`;
}

const u = demoUid;
const g = demoGuid;

function seedRolesAndUsers(w: SeedWriter): void {
  w.role('default', 'Default Role', {
    description: 'The role every user has unless another is set.',
    settings: { listUsers: 'all', sendMessagesTo: 'all' },
  });
  w.role('moderator', 'Moderator', {
    description: 'Keeps conversations friendly.',
    metadata: { level: 2 },
    settings: { listUsers: 'all', sendMessagesTo: 'all' },
  });
  w.role('manager', 'Manager', {
    description: 'Manages teams and projects.',
    settings: { listUsers: 'all', sendMessagesTo: 'friendsOnly' },
  });
  const roles: Record<number, string> = {
    2: 'moderator',
    3: 'manager',
    7: 'moderator',
    10: 'manager',
  };
  const tagSets = [['engineering'], ['design', 'remote'], ['sales'], ['engineering', 'lead'], []];
  SAMPLE_USERS.forEach((name, index) => {
    const n = index + 1;
    const uid = u(n);
    const available = n % 3 !== 0;
    w.user({
      uid,
      name,
      avatar: `https://example.com/avatars/${uid}.png`,
      ...(n % 4 === 1 ? { link: `https://example.com/profiles/${uid}` } : {}),
      role: roles[n] ?? 'default',
      tags: [...(tagSets[index % tagSets.length] ?? [])],
      status: available ? 'available' : 'offline',
      lastActiveAt: SEED_BASE_TIME + 86_400 + n * 120,
      ...(n % 5 === 0 ? { statusMessage: 'In a meeting' } : {}),
      ...(n % 2 === 1
        ? {
            metadata: {
              '@private': { email: `${uid}@example.com`, contactNumber: `+1555000${100 + n}` },
              department: tagSets[index % tagSets.length]?.[0] ?? 'general',
            },
          }
        : {}),
    });
  });
  for (let n = 1; n <= 40; n++) {
    const uid = communityUid(n);
    w.user({
      uid,
      name: `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[(n * 7) % LAST_NAMES.length]}`,
      avatar: `https://example.com/avatars/${uid}.png`,
      tags: n % 10 === 0 ? ['volunteer'] : [],
      status: n % 4 === 0 ? 'available' : 'offline',
    });
  }
}

function seedGroups(w: SeedWriter): void {
  const icon = (guid: string) => `https://example.com/icons/${guid}.png`;
  w.group(
    {
      guid: g(1),
      name: 'Hiking Group',
      type: 'public',
      owner: u(1),
      description: 'Weekend hikes around the bay.',
      icon: icon(g(1)),
      tags: ['outdoors', 'weekend'],
      metadata: { region: 'bay-area' },
    },
    { admin: [u(1)], moderator: [u(2)], participant: [u(3), u(4), u(5), u(6), u(7), u(8)] },
  );
  w.group(
    {
      guid: g(2),
      name: 'Photography Club',
      type: 'password',
      password: 'shutter123',
      owner: u(2),
      description: 'Share your best shots.',
      icon: icon(g(2)),
      tags: ['photos'],
    },
    { admin: [u(2)], moderator: [u(4)], participant: [u(1), u(5), u(9), u(10)] },
  );
  w.group(
    {
      guid: g(3),
      name: 'Project Phoenix',
      type: 'private',
      owner: u(3),
      description: 'Planning and status of Project Phoenix.',
      icon: icon(g(3)),
      tags: ['work', 'project'],
      metadata: { budgetCode: 'PX-42' },
    },
    { admin: [u(3), u(1)], moderator: [u(5)], participant: [u(6), u(7)] },
  );
  w.ban(g(3), u(11));
  w.group(
    {
      guid: g(4),
      name: 'Book Club',
      type: 'public',
      owner: u(4),
      description: 'One book a month.',
      icon: icon(g(4)),
      tags: ['books'],
    },
    { admin: [u(4)], moderator: [u(2)], participant: [u(12), u(13), u(14), u(15), u(16)] },
  );
  w.group(
    {
      guid: g(5),
      name: 'Design Team',
      type: 'private',
      owner: u(2),
      description: 'Design reviews and critiques.',
      icon: icon(g(5)),
      tags: ['work', 'design'],
    },
    { admin: [u(2)], moderator: [u(8)], participant: [u(1), u(17), u(18), u(19)] },
  );
  const everyone = [
    ...Array.from({ length: 22 }, (_, i) => u(i + 4)),
    ...Array.from({ length: 40 }, (_, i) => communityUid(i + 1)),
  ];
  w.group(
    {
      guid: g(6),
      name: 'Community',
      type: 'public',
      owner: u(1),
      description: 'Everyone is welcome here.',
      icon: icon(g(6)),
      tags: ['community'],
    },
    { admin: [u(1)], moderator: [u(2), u(3)], participant: everyone },
  );
}

/** 1:1 conversations: `pairs[i] = [a, b, count]`, alternating senders, rotating texts. */
function seedDirectMessages(w: SeedWriter): void {
  const pairs: [number, number, number][] = [
    [1, 3, 25],
    [1, 4, 10],
    [2, 3, 15],
    [1, 5, 8],
    [4, 5, 6],
    [6, 7, 6],
    [1, 10, 5],
    [3, 9, 4],
  ];
  let k = 0;
  for (const [a, b, count] of pairs) {
    let last: MessageRow | undefined;
    for (let i = 0; i < count; i++) {
      const [from, to] = i % 2 === 0 ? [u(a), u(b)] : [u(b), u(a)];
      last = w.text(from, { to }, TEXTS[k++ % TEXTS.length] ?? '');
    }
    if (last) {
      const id = conversationIdFor('user', u(a), u(b));
      w.marks(u(a), id, last.id);
      w.marks(u(b), id, last.id - 3, last.id);
    }
  }
}

/** The richest conversation: Andrew Joseph and George Alan, with every kind of message. */
function seedShowcaseConversation(w: SeedWriter): void {
  const to1 = { to: u(1) };
  const to2 = { to: u(2) };
  const rows: MessageRow[] = [];
  for (let i = 0; i < 12; i++) {
    rows.push(w.text(i % 2 === 0 ? u(1) : u(2), i % 2 === 0 ? to2 : to1, TEXTS[i] ?? ''));
  }
  w.message(u(1), to2, {
    muid: 'demo-muid-1',
    data: { text: 'Check this out', metadata: { priority: 'high' } },
    tags: ['important'],
  });
  w.message(u(2), to1, {
    type: 'image',
    data: {
      url: 'https://example.com/media/sunset.jpg',
      attachments: [
        {
          url: 'https://example.com/media/sunset.jpg',
          name: 'sunset.jpg',
          mimeType: 'image/jpeg',
          extension: 'jpg',
          size: 348_211,
        },
      ],
    },
  });
  w.message(u(1), to2, {
    type: 'file',
    data: {
      url: 'https://example.com/media/itinerary.pdf',
      attachments: [
        {
          url: 'https://example.com/media/itinerary.pdf',
          name: 'itinerary.pdf',
          mimeType: 'application/pdf',
          extension: 'pdf',
          size: 120_044,
        },
      ],
    },
  });
  w.message(u(2), to1, {
    category: 'custom',
    type: 'location',
    data: { customData: { latitude: 37.7749, longitude: -122.4194, label: 'Trailhead' } },
  });
  const typo = w.text(u(1), to2, 'See you at the trailhed');
  w.edit(typo, u(1), 'See you at the trailhead');
  const oops = w.text(u(2), to1, 'Sent to the wrong person, sorry');
  w.softDelete(oops, u(2));
  const parent = w.text(u(1), to2, 'Which route should we take on Saturday?');
  w.reply(parent, u(2), 'The ridge trail, if the weather holds.');
  w.reply(parent, u(1), 'Ridge trail it is.');
  const liked = rows[5];
  if (liked) {
    w.react(liked, u(1), '👍');
    w.react(liked, u(2), '👍');
    w.react(liked, u(2), '😂');
  }
  let last: MessageRow | undefined;
  for (let i = 0; i < 8; i++) {
    last = w.text(
      i % 2 === 0 ? u(2) : u(1),
      i % 2 === 0 ? to1 : to2,
      TEXTS[(i + 7) % TEXTS.length] ?? '',
    );
  }
  const id = conversationIdFor('user', u(1), u(2));
  const conversation = w.store.messagesByConversation.get(id) ?? [];
  const middle = conversation[Math.floor(conversation.length / 2)];
  if (last && middle) {
    w.marks(u(1), id, middle.id, last.id);
    w.marks(u(2), id, last.id);
  }
  w.store.conversationStateFor(u(1), id).tags = ['favourite'];
}

function seedGroupMessages(w: SeedWriter): void {
  // Hiking Group: members added by the owner, a join, chatter, a thread, reactions and a mention.
  w.memberAction(u(1), g(1), 'added', u(7));
  w.memberAction(u(1), g(1), 'added', u(8));
  w.memberAction(u(6), g(1), 'joined', u(6));
  const hikers = [u(1), u(2), u(3), u(4), u(5), u(6), u(7), u(8)];
  const hiking: MessageRow[] = [];
  for (let i = 0; i < 40; i++) {
    hiking.push(
      w.text(
        hikers[i % hikers.length] ?? u(1),
        { group: g(1) },
        TEXTS[(i * 3) % TEXTS.length] ?? '',
      ),
    );
  }
  const mention = w.text(u(1), { group: g(1) }, `Hey <@uid:${u(2)}>, are you joining the hike?`);
  w.reply(mention, u(2), 'Count me in!');
  w.reply(mention, u(3), 'Me too.');
  w.reply(mention, u(4), 'I will bring the map.');
  for (const [index, uid, reaction] of [
    [3, u(2), '❤️'],
    [3, u(3), '❤️'],
    [3, u(4), '🔥'],
    [10, u(5), '👍'],
  ] as const) {
    const message = hiking[index];
    if (message) w.react(message, uid, reaction);
  }
  w.react(mention, u(2), '🙌');
  w.memberAction(u(1), g(1), 'scopeChanged', u(2), {
    scope: { old: 'participant', new: 'moderator' },
  });
  const hikingId = conversationIdFor('group', u(1), g(1));
  const lastHike = w.text(u(5), { group: g(1) }, 'See you all on Saturday!');
  w.marks(u(1), hikingId, lastHike.id);
  w.marks(u(2), hikingId, hiking[20]?.id ?? 0, lastHike.id);

  const plain: [number, string[], number][] = [
    [2, [u(2), u(4), u(1), u(5), u(9), u(10)], 20],
    [3, [u(3), u(1), u(5), u(6), u(7)], 25],
    [4, [u(4), u(2), u(12), u(13), u(14)], 15],
    [5, [u(2), u(8), u(1), u(17)], 10],
    [6, [u(1), u(2), u(3), communityUid(1), communityUid(2), u(10)], 60],
  ];
  let k = 0;
  for (const [n, senders, count] of plain) {
    let last: MessageRow | undefined;
    for (let i = 0; i < count; i++) {
      last = w.text(
        senders[i % senders.length] ?? u(1),
        { group: g(n) },
        TEXTS[k++ % TEXTS.length] ?? '',
      );
    }
    if (last) w.marks(senders[0] ?? u(1), conversationIdFor('group', u(1), g(n)), last.id);
  }
  w.memberAction(u(3), g(3), 'banned', u(11));
  w.message(
    u(3),
    { group: g(3) },
    {
      category: 'custom',
      type: 'extension_poll',
      data: {
        customData: { question: 'Ship on Friday?', options: { '1': 'Yes', '2': 'Next week' } },
      },
    },
  );
}

/** Writes the demo app into an empty store. */
export function seedDemo(store: Store): void {
  const w = new SeedWriter(store);
  seedRolesAndUsers(w);
  seedGroups(w);
  seedShowcaseConversation(w);
  seedDirectMessages(w);
  seedGroupMessages(w);
  w.friends(u(1), u(2));
  w.friends(u(1), u(3));
  w.friends(u(1), u(4));
  w.friends(u(1), u(5));
  w.friends(u(2), u(3));
  w.friends(u(6), u(7));
  w.block(u(4), u(9));
  w.block(u(1), u(25));
  for (let n = 1; n <= 5; n++) w.authToken(u(n));
  w.authToken(u(1), 1);
  seedCalls(store, [u(1), u(2), u(3)], g(1), w.tick());
}
