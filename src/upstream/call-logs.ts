/**
 * Call logs on CometChat's Calls API (a host of its own, `https://{appId}.call-{region}.cometchat.io/v3`,
 * same `apikey`): `GET /calls` (a page list) and `GET /calls/{sessionId}`. Both take an optional
 * `onBehalfOf`, which scopes the answer to that user's calls. See docs/cometchat-newer-endpoints.md
 * ("Calls") for what is documented and what is assumed.
 */
import { z } from 'zod';
import { call } from './call.js';
import type { CallOptions, QueryValue, UpstreamClient } from './client.js';
import {
  dataOf,
  optionalBoolean,
  optionalCount,
  optionalEpoch,
  optionalString,
  type Page,
  pageOf,
} from './records/common.js';

/** One participant of a call. */
export interface CallParticipantRecord {
  uid: string;
  name: string | null;
  /** Whether they joined (false: they were rung but never joined). */
  isJoined: boolean;
  /** CometChat's participant state, e.g. `ended`, `unanswered`, `rejected`. */
  state: string | null;
  joinedAt: Date | null;
  leftAt: Date | null;
}

/** One recording of a call. */
export interface CallRecordingRecord {
  rid: string;
  recordingUrl: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  /** Seconds. */
  duration: number | null;
}

/** A call as the Calls API lists it. */
export interface CallLogRecord {
  kind: 'callLog';
  sessionId: string;
  /** `audio` or `video`. */
  type: string;
  /** `call`, `meet` or `presenter`. */
  mode: string | null;
  status: string;
  receiverType: 'user' | 'group' | null;
  /** The initiator's uid. */
  initiator: string | null;
  /** The receiving user's uid or group's guid. */
  receiver: string | null;
  participants: CallParticipantRecord[];
  /** CometChat's `totalDuration`, as sent (e.g. `00:05:12`). */
  totalDuration: string | null;
  /** CometChat's `totalDurationInMinutes`. */
  totalDurationInMinutes: number | null;
  initiatedAt: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  hasRecording: boolean;
  hasTranscription: boolean;
  recordings: CallRecordingRecord[];
}

/** A uid/guid sent as a string or as an object carrying `uid` or `guid`. */
const entityId = z
  .unknown()
  .optional()
  .transform((v): string | null => {
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      const id = o.uid ?? o.guid;
      if (typeof id === 'string' && id !== '') return id;
    }
    return null;
  });

const minutes = z
  .unknown()
  .optional()
  .transform((v): number | null => {
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
  });

const participantSchema = z
  .object({
    uid: z.string().min(1),
    name: optionalString,
    isJoined: optionalBoolean,
    state: optionalString,
    joinedAt: optionalEpoch,
    leftAt: optionalEpoch,
  })
  .transform(
    (p): CallParticipantRecord => ({
      uid: p.uid,
      name: p.name,
      isJoined: p.isJoined ?? p.joinedAt !== null,
      state: p.state,
      joinedAt: p.joinedAt,
      leftAt: p.leftAt,
    }),
  );

const recordingSchema = z
  .object({
    rid: z.union([z.string(), z.number()]).transform(String),
    recording_url: optionalString,
    recordingUrl: optionalString,
    startTime: optionalEpoch,
    endTime: optionalEpoch,
    duration: optionalCount,
  })
  .transform(
    (r): CallRecordingRecord => ({
      rid: r.rid,
      recordingUrl: r.recordingUrl ?? r.recording_url,
      startedAt: r.startTime,
      endedAt: r.endTime,
      duration: r.duration,
    }),
  );

export const callLogSchema: z.ZodType<CallLogRecord, unknown> = z
  .object({
    sessionId: z.string().min(1),
    type: z.string(),
    mode: optionalString,
    status: z.string(),
    receiverType: z.enum(['user', 'group']).nullish(),
    initiator: entityId,
    receiver: entityId,
    participants: z.array(participantSchema).nullish(),
    totalDuration: z
      .union([z.string(), z.number()])
      .nullish()
      .transform((v) => (v === null || v === undefined ? null : String(v))),
    totalDurationInMinutes: minutes,
    initiatedAt: optionalEpoch,
    startedAt: optionalEpoch,
    endedAt: optionalEpoch,
    hasRecording: optionalBoolean,
    hasTranscription: optionalBoolean,
    recordings: z.array(recordingSchema).nullish(),
  })
  .transform(
    (c): CallLogRecord => ({
      kind: 'callLog',
      sessionId: c.sessionId,
      type: c.type,
      mode: c.mode,
      status: c.status,
      receiverType: c.receiverType ?? null,
      initiator: c.initiator,
      receiver: c.receiver,
      participants: c.participants ?? [],
      totalDuration: c.totalDuration,
      totalDurationInMinutes: c.totalDurationInMinutes,
      initiatedAt: c.initiatedAt,
      startedAt: c.startedAt,
      endedAt: c.endedAt,
      hasRecording: c.hasRecording ?? (c.recordings?.length ?? 0) > 0,
      hasTranscription: c.hasTranscription ?? false,
      recordings: c.recordings ?? [],
    }),
  );

const callPage = pageOf(callLogSchema);
const oneCall = dataOf(callLogSchema);

export interface ListCallsQuery {
  /** `audio` | `video`. */
  type?: string | undefined;
  /** `call` | `meet` | `presenter`. */
  mode?: string | undefined;
  /** e.g. `ended`, `unanswered`, `ongoing`. */
  status?: string | undefined;
  receiverType?: 'user' | 'group' | undefined;
  /** Calls a user took part in. */
  uid?: string | undefined;
  /** Calls to a group. */
  guid?: string | undefined;
  /** Epoch seconds: calls started at or after. */
  startedAt?: number | undefined;
  /** Epoch seconds: calls ended at or before. */
  endedAt?: number | undefined;
  hasRecording?: boolean | undefined;
  hasTranscription?: boolean | undefined;
  page?: number | undefined;
  perPage?: number | undefined;
}

/** `GET /calls` on the Calls API: a page of calls, newest first. */
export function listCalls(
  client: UpstreamClient,
  query: ListCallsQuery = {},
  opts: CallOptions = {},
): Promise<Page<CallLogRecord>> {
  const q: Record<string, QueryValue> = {
    type: query.type,
    mode: query.mode,
    status: query.status,
    receiverType: query.receiverType,
    uid: query.uid,
    guid: query.guid,
    startedAt: query.startedAt,
    endedAt: query.endedAt,
    hasRecording: query.hasRecording,
    hasTranscription: query.hasTranscription,
    page: query.page,
    perPage: query.perPage,
  };
  return call(client, 'GET', '/calls', callPage, { api: 'calls', query: q, ...opts });
}

/** `GET /calls/{sessionId}` on the Calls API. */
export function getCall(
  client: UpstreamClient,
  sessionId: string,
  opts: CallOptions = {},
): Promise<CallLogRecord> {
  return call(client, 'GET', '/calls/{sessionId}', oneCall, {
    api: 'calls',
    params: { sessionId },
    ...opts,
  });
}
