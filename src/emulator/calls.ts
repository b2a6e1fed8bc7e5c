/**
 * The Calls API (call logs), which CometChat serves on a host of its own
 * (`{appId}.call-{region}.cometchat.io/v3`); the emulator serves it under `/calls-api/v3` with the
 * same `apikey`. `GET /calls` lists calls newest first as a page list, filtered by `type`, `mode`,
 * `status`, `receiverType`, `uid` (a participant, the initiator or the receiving user), `guid`
 * (the receiving group), `startedAt` (at or after), `endedAt` (at or before), `hasRecording` and
 * `hasTranscription`; `GET /calls/{sessionId}` answers one call. With `onBehalfOf`, only the calls
 * that user took part in (initiated, received 1:1, or was a participant of).
 */
import {
  badRequest,
  EmuError,
  type EmulatorContext,
  type EmuRequest,
  type EmuResponse,
  ok,
  pageList,
  type Router,
  readPage,
} from './http.js';
import type { MessageRow, Store } from './store.js';

export interface CallParticipantRow {
  uid: string;
  isJoined: boolean;
  state: string;
  joinedAt?: number;
  leftAt?: number;
}

export interface CallLogRow {
  sessionId: string;
  type: 'audio' | 'video';
  mode: 'call' | 'meet';
  status: string;
  receiverType: 'user' | 'group';
  initiator: string;
  receiver: string;
  participants: CallParticipantRow[];
  initiatedAt: number;
  startedAt?: number;
  endedAt?: number;
  recordings: { rid: string; recordingUrl: string; startTime: number; endTime: number }[];
  hasTranscription: boolean;
}

export function registerCalls(router: Router): void {
  router.add('GET', '/calls', listCalls);
  router.add('GET', '/calls/:sessionId', getCall);
}

function takesPart(row: CallLogRow, uid: string): boolean {
  return (
    row.initiator === uid ||
    (row.receiverType === 'user' && row.receiver === uid) ||
    row.participants.some((p) => p.uid === uid)
  );
}

function durationOf(row: CallLogRow): number {
  return row.startedAt !== undefined && row.endedAt !== undefined
    ? Math.max(0, row.endedAt - row.startedAt)
    : 0;
}

function hhmmss(seconds: number): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor((seconds % 3600) / 60))}:${two(seconds % 60)}`;
}

function user(store: Store, uid: string): Record<string, unknown> {
  const row = store.users.get(uid);
  return { uid, name: row?.name ?? uid, ...(row?.avatar ? { avatar: row.avatar } : {}) };
}

function renderCall(store: Store, row: CallLogRow): unknown {
  const seconds = durationOf(row);
  const group = row.receiverType === 'group' ? store.groups.get(row.receiver) : undefined;
  return {
    sessionId: row.sessionId,
    type: row.type,
    mode: row.mode,
    status: row.status,
    receiverType: row.receiverType,
    initiator: user(store, row.initiator),
    receiver:
      row.receiverType === 'group'
        ? { guid: row.receiver, name: group?.name ?? row.receiver }
        : user(store, row.receiver),
    totalParticipants: row.participants.filter((p) => p.isJoined).length,
    participants: row.participants.map((p) => ({
      ...user(store, p.uid),
      isJoined: p.isJoined,
      state: p.state,
      ...(p.joinedAt !== undefined ? { joinedAt: p.joinedAt } : {}),
      ...(p.leftAt !== undefined ? { leftAt: p.leftAt } : {}),
    })),
    totalDuration: hhmmss(seconds),
    totalDurationInMinutes: Math.round((seconds / 60) * 1000) / 1000,
    initiatedAt: row.initiatedAt,
    ...(row.startedAt !== undefined ? { startedAt: row.startedAt } : {}),
    ...(row.endedAt !== undefined ? { endedAt: row.endedAt } : {}),
    hasRecording: row.recordings.length > 0,
    hasTranscription: row.hasTranscription,
    ...(row.recordings.length > 0
      ? {
          recordings: row.recordings.map((r) => ({
            rid: r.rid,
            recording_url: r.recordingUrl,
            startTime: r.startTime,
            endTime: r.endTime,
            duration: r.endTime - r.startTime,
          })),
        }
      : {}),
  };
}

const ENUMS: Record<string, readonly string[]> = {
  type: ['audio', 'video'],
  mode: ['call', 'meet', 'presenter'],
  status: ['initiated', 'ongoing', 'ended', 'unanswered', 'rejected', 'busy', 'cancelled'],
  receiverType: ['user', 'group'],
};

function readFilters(query: URLSearchParams): (row: CallLogRow) => boolean {
  const details: Record<string, string[]> = {};
  const checks: ((row: CallLogRow) => boolean)[] = [];
  for (const [name, allowed] of Object.entries(ENUMS)) {
    const raw = query.get(name);
    if (raw === null || raw === '') continue;
    if (!allowed.includes(raw)) {
      details[name] = [`The ${name} must be one of ${allowed.join(', ')}.`];
      continue;
    }
    checks.push((row) => (row as unknown as Record<string, unknown>)[name] === raw);
  }
  const uid = query.get('uid')?.toLowerCase();
  if (uid) checks.push((row) => takesPart(row, uid));
  const guid = query.get('guid')?.toLowerCase();
  if (guid) checks.push((row) => row.receiverType === 'group' && row.receiver === guid);
  for (const name of ['startedAt', 'endedAt'] as const) {
    const raw = query.get(name);
    if (raw === null || raw === '') continue;
    const at = Number(raw);
    if (!Number.isInteger(at) || at < 0) {
      details[name] = [`The ${name} must be a unix timestamp in seconds.`];
      continue;
    }
    if (name === 'startedAt') checks.push((row) => (row.startedAt ?? row.initiatedAt) >= at);
    else checks.push((row) => (row.endedAt ?? row.startedAt ?? row.initiatedAt) <= at);
  }
  for (const name of ['hasRecording', 'hasTranscription'] as const) {
    const raw = query.get(name);
    if (raw === null || raw === '') continue;
    if (raw !== 'true' && raw !== 'false') {
      details[name] = [`The ${name} must be true or false.`];
      continue;
    }
    const want = raw === 'true';
    checks.push((row) =>
      name === 'hasRecording' ? row.recordings.length > 0 === want : row.hasTranscription === want,
    );
  }
  if (Object.keys(details).length > 0) throw badRequest(details);
  return (row) => checks.every((check) => check(row));
}

function visible(store: Store, req: EmuRequest): CallLogRow[] {
  const viewer = req.onBehalfOf;
  return store.callLogs.filter((row) => viewer === undefined || takesPart(row, viewer));
}

function listCalls(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const params = readPage(req.query);
  const keep = readFilters(req.query);
  const rows = visible(store, req)
    .filter(keep)
    .sort((a, b) => b.initiatedAt - a.initiatedAt || (a.sessionId < b.sessionId ? 1 : -1));
  return pageList(rows, params, (row) => renderCall(store, row));
}

function getCall(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const sessionId = req.params.sessionId ?? '';
  const row = visible(store, req).find((r) => r.sessionId === sessionId);
  if (!row) {
    throw new EmuError(
      404,
      'ERR_CALL_SESSION_NOT_FOUND',
      `The call with session id ${sessionId} does not exist.`,
    );
  }
  return ok(renderCall(store, row));
}

const CALL_STATUSES = [
  'initiated',
  'ongoing',
  'ended',
  'unanswered',
  'rejected',
  'busy',
  'cancelled',
];

/**
 * Keeps the call log in step with call messages, as CometChat's Calls API reflects the calls its
 * SDKs start: a call message (`category: "call"`) naming a session (`data.entities.on`, kept as
 * `action.on` of type `call`) that the log does not hold yet records a new call (the sender as the
 * initiator, status from `data.action`, `initiated` by default); a later call message of the same
 * session moves its status on (`ongoing` starts it, `ended` ends it; the participants follow)
 * until the call is over.
 */
export function recordCallMessage(store: Store, message: MessageRow): void {
  if (message.category !== 'call' || message.action?.on.type !== 'call') return;
  const sessionId = message.action.on.id;
  const action = typeof message.data.action === 'string' ? message.data.action : 'initiated';
  const status = CALL_STATUSES.includes(action) ? action : 'initiated';
  let row = store.callLogs.find((c) => c.sessionId === sessionId);
  if (!row) {
    const receivers =
      message.receiverType === 'user' ? [message.sender, message.receiver] : [message.sender];
    row = {
      sessionId,
      type: message.type === 'audio' ? 'audio' : 'video',
      mode: 'call',
      status: 'initiated',
      receiverType: message.receiverType,
      initiator: message.sender,
      receiver: message.receiver,
      participants: receivers.map((uid) => ({ uid, isJoined: false, state: 'initiated' })),
      initiatedAt: message.sentAt,
      recordings: [],
      hasTranscription: false,
    };
    store.callLogs.push(row);
  } else if (row.status !== 'initiated' && row.status !== 'ongoing') {
    return; // a call that is over stays as it ended
  }
  row.status = status;
  if (status === 'ongoing' && row.startedAt === undefined) {
    row.startedAt = message.sentAt;
    for (const participant of row.participants) {
      participant.isJoined = true;
      participant.joinedAt = message.sentAt;
    }
  }
  if (status === 'ended' && row.endedAt === undefined) {
    row.endedAt = message.sentAt;
    row.startedAt ??= message.sentAt;
    for (const participant of row.participants) {
      if (participant.isJoined) participant.leftAt = message.sentAt;
    }
  }
  for (const participant of row.participants) participant.state = status;
}

/**
 * The demo seed's call log: a 1:1 video call that took place (with a recording), a missed audio
 * call, a rejected one and a group call, among the first demo users, `at` seconds apart.
 */
export function seedCalls(store: Store, uids: string[], guid: string, start: number): void {
  const [a, b, c] = uids as [string, string, string];
  const t = (n: number): number => start + n * 600;
  store.callLogs.push(
    {
      sessionId: 'v1.us.emulator.call-ended',
      type: 'video',
      mode: 'call',
      status: 'ended',
      receiverType: 'user',
      initiator: a,
      receiver: b,
      participants: [
        { uid: a, isJoined: true, state: 'ended', joinedAt: t(0) + 5, leftAt: t(0) + 305 },
        { uid: b, isJoined: true, state: 'ended', joinedAt: t(0) + 5, leftAt: t(0) + 305 },
      ],
      initiatedAt: t(0),
      startedAt: t(0) + 5,
      endedAt: t(0) + 305,
      recordings: [
        {
          rid: 'rec-1',
          recordingUrl: 'https://recordings.example.invalid/rec-1.mp4',
          startTime: t(0) + 10,
          endTime: t(0) + 300,
        },
      ],
      hasTranscription: false,
    },
    {
      sessionId: 'v1.us.emulator.call-missed',
      type: 'audio',
      mode: 'call',
      status: 'unanswered',
      receiverType: 'user',
      initiator: b,
      receiver: a,
      participants: [
        { uid: b, isJoined: false, state: 'unanswered' },
        { uid: a, isJoined: false, state: 'unanswered' },
      ],
      initiatedAt: t(1),
      recordings: [],
      hasTranscription: false,
    },
    {
      sessionId: 'v1.us.emulator.call-rejected',
      type: 'audio',
      mode: 'call',
      status: 'rejected',
      receiverType: 'user',
      initiator: c,
      receiver: b,
      participants: [
        { uid: c, isJoined: false, state: 'rejected' },
        { uid: b, isJoined: false, state: 'rejected' },
      ],
      initiatedAt: t(2),
      recordings: [],
      hasTranscription: false,
    },
    {
      sessionId: 'v1.us.emulator.call-group',
      type: 'video',
      mode: 'meet',
      status: 'ended',
      receiverType: 'group',
      initiator: a,
      receiver: guid,
      participants: [
        { uid: a, isJoined: true, state: 'ended', joinedAt: t(3) + 2, leftAt: t(3) + 122 },
        { uid: c, isJoined: true, state: 'ended', joinedAt: t(3) + 20, leftAt: t(3) + 100 },
      ],
      initiatedAt: t(3),
      startedAt: t(3) + 2,
      endedAt: t(3) + 122,
      recordings: [],
      hasTranscription: true,
    },
  );
}
