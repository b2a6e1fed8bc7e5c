/**
 * Call logs from CometChat's Calls API: the `Call` node (global ID from its session id), the
 * `calls` connection and `call(sessionId:)`, and `CallMessage.call`. An end user reads as
 * themselves (`onBehalfOf`), so CometChat answers only the calls they took part in; an admin
 * reads the app's calls. One upstream call per page.
 */
import { builder } from '../builder.js';
import { badUserInput } from '../errors.js';
import type { View } from '../loaders/index.js';
import type {
  CallLogRecord,
  CallParticipantRecord,
  CallRecordingRecord,
  ListCallsQuery,
} from '../upstream/call-logs.js';
import type { GroupRecord, UserRecord } from '../upstream/records.js';
import { keyArg } from './arg-checks.js';
import {
  connectionComplexity,
  countedConnection,
  forwardPageArgs,
  pagedList,
} from './connections.js';
import { CallMessage, CallStatus, CallType, callStatuses } from './message/calls.js';
import { GroupRef, UserRef } from './refs.js';

function isGroupRecord(value: UserRecord | GroupRecord): value is GroupRecord {
  return value.kind === 'group';
}

const CallReceiver = builder.unionType('CallReceiver', {
  description: 'Who a call was made to: a user (a 1:1 call) or a group.',
  types: [UserRef, GroupRef],
  resolveType: (value) => (isGroupRecord(value) ? GroupRef : UserRef),
});

const CallLogParticipant = builder
  .objectRef<CallParticipantRecord>('CallLogParticipant')
  .implement({
    description: 'A user who was part of a call (rung, joined or both), with when they were in it.',
    fields: (t) => ({
      user: t.field({
        type: UserRef,
        nullable: true,
        description:
          'The participant; null when the user no longer exists. One lookup per participant (a call has at most 50).',
        resolve: (p, _args, context) => context.view().loaders.users.load(p.uid),
      }),
      uid: t.exposeString('uid', { description: "The participant's uid." }),
      name: t.exposeString('name', {
        nullable: true,
        description:
          "The participant's name as the call log holds it (no further call, unlike `user`).",
      }),
      isJoined: t.exposeBoolean('isJoined', {
        description: 'Whether they joined the call (false: rung but never joined).',
      }),
      state: t.exposeString('state', {
        nullable: true,
        description:
          "CometChat's state of the participant in the call, e.g. `ended`, `unanswered`, `rejected`.",
      }),
      joinedAt: t.expose('joinedAt', {
        type: 'DateTime',
        nullable: true,
        description: 'When they joined; null when they did not.',
      }),
      leftAt: t.expose('leftAt', {
        type: 'DateTime',
        nullable: true,
        description: 'When they left; null when they did not join or are still in the call.',
      }),
    }),
  });

const CallRecording = builder.objectRef<CallRecordingRecord>('CallRecording').implement({
  description: 'A recording of a call.',
  fields: (t) => ({
    recordingId: t.exposeString('rid', { description: "CometChat's id of the recording." }),
    url: t.exposeString('recordingUrl', {
      nullable: true,
      description: 'Where the recording can be downloaded; null when CometChat gives none.',
    }),
    startedAt: t.expose('startedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When recording started.',
    }),
    endedAt: t.expose('endedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When recording stopped.',
    }),
    durationSeconds: t.exposeInt('duration', {
      nullable: true,
      description: 'How long the recording is, in seconds.',
    }),
  }),
});

/** Seconds between start and end, else CometChat's minutes; null when neither is known. */
function durationSeconds(call: CallLogRecord): number | null {
  if (call.startedAt && call.endedAt) {
    return Math.max(0, Math.round((call.endedAt.getTime() - call.startedAt.getTime()) / 1000));
  }
  return call.totalDurationInMinutes === null ? null : Math.round(call.totalDurationInMinutes * 60);
}

export const Call = builder.node(builder.objectRef<CallLogRecord>('Call'), {
  description:
    "A voice or video call from CometChat's call log (the Calls API), with its participants and recordings. An end user sees only the calls they took part in.",
  id: { resolve: (call) => call.sessionId },
  loadMany: (ids, context) => ids.map((id) => context.view().call(id)),
  fields: (t) => ({
    sessionId: t.exposeString('sessionId', { description: "The call's session id." }),
    callType: t.field({
      type: CallType,
      nullable: true,
      description: 'Audio or video; null for a call type this API does not know.',
      resolve: (call) => (call.type === 'audio' || call.type === 'video' ? call.type : null),
    }),
    mode: t.exposeString('mode', {
      nullable: true,
      description: "CometChat's mode of the call: `call` (a ringing call), `meet` or `presenter`.",
    }),
    status: t.field({
      type: CallStatus,
      description: 'Where the call stands.',
      resolve: (call) => callStatuses.narrow(call.status),
    }),
    statusName: t.exposeString('status', {
      description: "CometChat's own name of the status, e.g. `ended` (useful with OTHER).",
    }),
    isMissed: t.boolean({
      description: 'Whether nobody answered (status UNANSWERED).',
      resolve: (call) => call.status === 'unanswered',
    }),
    initiator: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who started the call; null when unknown or the user no longer exists.',
      resolve: (call, _args, context) =>
        call.initiator === null ? null : context.view().loaders.users.load(call.initiator),
    }),
    receiver: t.field({
      type: CallReceiver,
      nullable: true,
      description: 'The user or group called; null when unknown or no longer there.',
      resolve: (call, _args, context) => {
        if (call.receiver === null) return null;
        const loaders = context.view().loaders;
        return call.receiverType === 'group'
          ? loaders.groups.load(call.receiver)
          : loaders.users.load(call.receiver);
      },
    }),
    participants: t.field({
      type: [CallLogParticipant],
      description: 'The users who were part of the call (at most 50, CometChat says).',
      resolve: (call) => call.participants,
    }),
    initiatedAt: t.expose('initiatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the call was started; null when unknown.',
    }),
    startedAt: t.expose('startedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the call connected; null when it did not.',
    }),
    endedAt: t.expose('endedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the call ended; null while it runs or when it never connected.',
    }),
    durationSeconds: t.int({
      nullable: true,
      description: 'How long the call lasted, in seconds; null when unknown.',
      resolve: durationSeconds,
    }),
    totalDuration: t.exposeString('totalDuration', {
      nullable: true,
      description: "CometChat's `totalDuration` as sent (e.g. `00:05:00`).",
    }),
    hasRecording: t.exposeBoolean('hasRecording', {
      description: 'Whether the call was recorded.',
    }),
    hasTranscription: t.exposeBoolean('hasTranscription', {
      description: 'Whether a transcription of the call exists.',
    }),
    recordings: t.field({
      type: [CallRecording],
      description: 'The recordings of the call; empty when none.',
      resolve: (call) => call.recordings,
    }),
  }),
});

export const CallConnection = countedConnection(
  {
    name: 'CallConnection',
    type: Call,
    description: 'A page of calls.',
    totalCount: 'How many calls match, across all pages.',
  },
  { name: 'CallEdge', description: 'A call in a page of calls, with its cursor.' },
);

const CallFilter = builder.inputType('CallFilter', {
  description:
    "Filters of the call list (those of CometChat's `GET /calls`); every filter given must match.",
  fields: (t) => ({
    withUser: t.string({
      description:
        'Only calls this user (uid) took part in: for an end user, their calls with that user; for an admin, every call of that user.',
      validate: keyArg,
    }),
    withGroup: t.string({ description: 'Only calls made to this group (guid).', validate: keyArg }),
    callType: t.field({ type: CallType, description: 'Only audio or only video calls.' }),
    status: t.field({
      type: CallStatus,
      description: 'Only calls with this status (OTHER is not a filter).',
    }),
    missedOnly: t.boolean({ description: 'Only calls nobody answered (status UNANSWERED).' }),
    startedAfter: t.field({
      type: 'DateTime',
      description: 'Only calls started at or after this time.',
    }),
    endedBefore: t.field({
      type: 'DateTime',
      description: 'Only calls ended at or before this time.',
    }),
    hasRecording: t.boolean({
      description: 'Only calls with (true) or without (false) a recording.',
    }),
  }),
});

function epochSeconds(date: Date | null | undefined): number | undefined {
  return date ? Math.floor(date.getTime() / 1000) : undefined;
}

builder.queryFields((t) => ({
  call: t.field({
    type: Call,
    nullable: true,
    description:
      'Looks a call up by its session id. Null when no such call exists or, for an end user, when they did not take part in it. One upstream call.',
    args: {
      sessionId: t.arg.string({
        required: true,
        description: "The call's session id (not a global ID).",
        validate: keyArg.max(250, 'is at most 250 characters'),
      }),
    },
    resolve: (_root, args, context) => context.view().call(args.sessionId.trim()),
  }),
  calls: t.field({
    type: CallConnection,
    nullable: true,
    description:
      "Calls, newest first. An end user gets the calls they took part in (CometChat answers as them); an admin gets the app's calls. One upstream call per page (two when `after` falls between pages). Null when it could not be read (the error on this field says why).",
    args: {
      ...forwardPageArgs('calls'),
      filter: t.arg({
        type: CallFilter,
        description: 'Only the calls that match every filter given.',
      }),
    },
    complexity: connectionComplexity,
    resolve: (_root, args, context) => {
      const filter = args.filter ?? {};
      if (filter.status === 'other') throw badUserInput('`status: OTHER` is not a filter.');
      if (filter.missedOnly === true && filter.status != null && filter.status !== 'unanswered') {
        throw badUserInput('`missedOnly` means status UNANSWERED; drop one of them.');
      }
      const startedAt = epochSeconds(filter.startedAfter);
      const endedAt = epochSeconds(filter.endedBefore);
      if (startedAt !== undefined && endedAt !== undefined && endedAt < startedAt) {
        throw badUserInput('`endedBefore` must not be before `startedAfter`.');
      }
      const withUser = filter.withUser?.trim().toLowerCase() || undefined;
      const withGroup = filter.withGroup?.trim().toLowerCase() || undefined;
      const query: ListCallsQuery = {
        type: filter.callType ?? undefined,
        status: filter.missedOnly ? 'unanswered' : (filter.status ?? undefined),
        uid: withUser,
        guid: withGroup,
        receiverType: withGroup ? 'group' : undefined,
        startedAt,
        endedAt,
        hasRecording: filter.hasRecording ?? undefined,
      };
      const view: View = context.view();
      return pagedList(args, (page, perPage) => view.calls({ ...query, page, perPage }), {
        key: `calls:${JSON.stringify({ as: view.perspective, query })}`,
      });
    },
  }),
}));

builder.objectField(CallMessage, 'call', (t) =>
  t.field({
    type: Call,
    nullable: true,
    description:
      "This call in the call log (the Calls API), by the message's session id; null when the message carries none or the call log does not have it (yet). One upstream call per distinct call.",
    resolve: (message, _args, context) => {
      const sessionId = message.call?.sessionId;
      return sessionId ? context.view().call(sessionId) : null;
    },
  }),
);
