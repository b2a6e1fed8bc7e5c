/**
 * Seeds for a fresh emulator: `none` (an empty app with its `default` role), `demo` (see
 * seed-demo.ts) and `large` (the demo plus benchmark-sized bulk data). All deterministic: fixed
 * timestamps and a fixed-seed PRNG, so two runs produce identical stores.
 */
import { FIRST_NAMES, LAST_NAMES, SEED_BASE_TIME, SeedWriter, seedDemo } from './seed-demo.js';
import { conversationIdFor, type Scope, type Store } from './store.js';

export type SeedName = 'demo' | 'none' | 'large';
export const SEED_NAMES: readonly SeedName[] = ['demo', 'none', 'large'];

export function isSeedName(value: unknown): value is SeedName {
  return SEED_NAMES.some((name) => name === value);
}

/** Sizes of the bulk part of the `large` seed. */
export const LARGE_SEED = {
  users: 10_000,
  groups: 1_000,
  membersPerGroup: 25,
  directPairs: 5_000,
  messages: 200_000,
} as const;

export function largeUid(n: number): string {
  return `large-uid-${n}`;
}

export function largeGuid(n: number): string {
  return `large-guid-${n}`;
}

/** Fills an empty store with the named seed. */
export function seedStore(store: Store, name: SeedName): void {
  if (name === 'none') seedNone(store);
  else if (name === 'demo') seedDemo(store);
  else seedLarge(store);
}

function seedNone(store: Store): void {
  new SeedWriter(store).role('default', 'Default Role', {
    description: 'The role every user has unless another is set.',
    settings: { listUsers: 'all', sendMessagesTo: 'all' },
  });
}

/** mulberry32: a tiny PRNG, fixed-seeded so the `large` seed is identical on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BULK_TEXTS = [
  'Morning! Any updates?',
  'Shipping the fix this afternoon.',
  'Can we sync later today?',
  'Looks good to me.',
  'Thanks, that helps a lot.',
  'I will take a look.',
  'Pushed the changes.',
  'Lunch at noon?',
];

function seedLarge(store: Store): void {
  seedDemo(store);
  const random = prng(20250101);
  const pick = (n: number): number => Math.floor(random() * n) + 1;
  // The bulk data starts a day after the demo data so both keep increasing timestamps.
  let time = SEED_BASE_TIME + 86_400;
  const { users, groups, membersPerGroup, directPairs, messages } = LARGE_SEED;

  for (let i = 1; i <= users; i++) {
    const uid = largeUid(i);
    store.users.set(uid, {
      uid,
      name: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]}`,
      avatar: `https://example.com/avatars/${uid}.png`,
      role: i % 50 === 0 ? 'moderator' : 'default',
      tags: i % 10 === 0 ? [`team-${i % 7}`] : [],
      status: i % 3 === 0 ? 'available' : 'offline',
      createdAt: ++time,
    });
  }

  const groupMembers: string[][] = [];
  for (let j = 1; j <= groups; j++) {
    const guid = largeGuid(j);
    const owner = largeUid(((j * 37) % users) + 1);
    store.groups.set(guid, {
      guid,
      name: `Group ${j}`,
      type: j % 10 === 0 ? 'private' : j % 10 === 1 ? 'password' : 'public',
      ...(j % 10 === 1 ? { password: `pass-${j}` } : {}),
      owner,
      description: `Bulk group number ${j}.`,
      tags: j % 5 === 0 ? ['bulk'] : [],
      createdAt: ++time,
    });
    const chosen = new Set<string>([owner]);
    while (chosen.size < membersPerGroup) chosen.add(largeUid(pick(users)));
    const list = [...chosen];
    list.forEach((uid, index) => {
      const scope: Scope = index === 0 ? 'admin' : index < 3 ? 'moderator' : 'participant';
      store.addMember({ guid, uid, scope, joinedAt: time });
    });
    groupMembers.push(list);
  }

  const pairs: [string, string][] = [];
  for (let p = 0; p < directPairs; p++) {
    const a = (p % users) + 1;
    let b = ((p * 7919 + 13) % users) + 1;
    if (b === a) b = (b % users) + 1;
    pairs.push([largeUid(a), largeUid(b)]);
  }

  for (let m = 0; m < messages; m++) {
    const sentAt = time + Math.floor(m / 4);
    const text = BULK_TEXTS[m % BULK_TEXTS.length] ?? '';
    if (m % 2 === 0) {
      const index = (m >> 1) % groups;
      const members = groupMembers[index] ?? [];
      const guid = largeGuid(index + 1);
      store.addMessage({
        conversationId: conversationIdFor('group', '', guid),
        sender: members[Math.floor(random() * members.length)] ?? largeUid(1),
        receiver: guid,
        receiverType: 'group',
        category: 'message',
        type: 'text',
        data: { text },
        tags: [],
        sentAt,
        updatedAt: sentAt,
        replyCount: 0,
      });
    } else {
      const pairIndex = (m >> 1) % directPairs;
      const round = Math.floor((m >> 1) / directPairs);
      const [a, b] = pairs[pairIndex] ?? [largeUid(1), largeUid(2)];
      const [sender, receiver] = round % 2 === 0 ? [a, b] : [b, a];
      store.addMessage({
        conversationId: conversationIdFor('user', sender, receiver),
        sender,
        receiver,
        receiverType: 'user',
        category: 'message',
        type: 'text',
        data: { text },
        tags: [],
        sentAt,
        updatedAt: sentAt,
        replyCount: 0,
      });
    }
  }
}
