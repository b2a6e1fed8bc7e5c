/**
 * Subscriptions about calls and meetings: a call initiated (a call message), call and meeting
 * sessions starting, ending, gaining and losing participants, recordings and transcripts.
 * CometChat's session payloads name no conversation, only a session id and the participants, so
 * an end user receives session events only when the payload names them as a participant, and
 * recordings and transcripts not at all; an admin receives every one.
 */
import { builder } from '../builder.js';
import type {
  CallArtifactEvent,
  CallParticipant as CallParticipantShape,
  CallSessionEvent,
  MessageEvent,
  RealtimeEvent,
} from '../webhooks/payloads.js';
import { conversationIdArg, keyArg } from './arg-checks.js';
import { MAX_EVENT_PARTICIPANTS } from './cost.js';
import { loadUserOrNull } from './message/common.js';
import { MessageRef, UserRef } from './refs.js';
import { beginEvent, eventStream, eventType, idFilter } from './subscription.js';

const CallParticipant = builder.objectRef<CallParticipantShape>('CallParticipant').implement({
  description: 'Someone in a call or meeting session, as CometChat reports them.',
  fields: (t) => ({
    uid: t.exposeString('uid', {
      nullable: true,
      description: "The participant's uid; null when CometChat did not say.",
    }),
    name: t.exposeString('name', {
      nullable: true,
      description: "The participant's name; null when CometChat did not say.",
    }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description:
        'The participant as a user; null when the uid is unknown or that user no longer exists.',
      resolve: (participant, _args, context) => loadUserOrNull(context, participant.uid),
    }),
    joinedAt: t.expose('joinedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When they joined; null when CometChat did not say.',
    }),
    leftAt: t.expose('leftAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When they left; null while in the session or when CometChat did not say.',
    }),
    isAudioOnly: t.boolean({
      nullable: true,
      description: 'Whether they took part by audio only; null when CometChat did not say.',
      resolve: (participant) => participant.audioOnly,
    }),
  }),
});

const CallInitiatedEvent = eventType<MessageEvent>(
  'CallInitiatedEvent',
  'A user started calling (CometChat trigger `call_initiated`).',
  (t) => ({
    message: t.field({
      type: MessageRef,
      description: 'The call message (a CallMessage), as CometChat delivered it.',
      resolve: (event) => event.message,
    }),
  }),
);

builder.subscriptionField('callInitiated', (t) =>
  t.field({
    type: CallInitiatedEvent,
    description: 'Each call initiated in a conversation the caller may read (an admin: all).',
    args: {
      conversationId: t.arg.string({
        description: "Only calls in this conversation (CometChat's id).",
        validate: conversationIdArg,
      }),
      guid: t.arg.string({ description: 'Only calls in this group (guid).', validate: keyArg }),
    },
    subscribe: (_root, args, context) => {
      const conversationId = idFilter(args.conversationId);
      const guid = idFilter(args.guid);
      return eventStream(context, {
        triggers: ['call_initiated'],
        narrow: conversationId ? { conversationId } : guid ? { guid } : undefined,
        accepts: (event): event is MessageEvent =>
          event.kind === 'message' && event.trigger === 'call_initiated',
        matches: (event) =>
          (conversationId === null || event.message.conversationId === conversationId) &&
          (guid === null || event.message.conversationId === `group_${guid}`),
      });
    },
    resolve: (event, _args, context) => beginEvent(context, event),
  }),
);

type SessionTrigger = CallSessionEvent['trigger'];

function sessionType(name: string, trigger: SessionTrigger, what: string, one: boolean) {
  return eventType<CallSessionEvent>(name, `${what} (CometChat trigger \`${trigger}\`).`, (t) => ({
    sessionId: t.exposeString('sessionId', {
      description: 'The id of the call or meeting session.',
    }),
    participants: t.field({
      type: [CallParticipant],
      description: one
        ? 'The participant concerned (one entry).'
        : `The participants CometChat lists for the session (all of them when it ends), at most ${MAX_EVENT_PARTICIPANTS}.`,
      resolve: (event) => event.participants.slice(0, MAX_EVENT_PARTICIPANTS),
    }),
    ...(one
      ? {
          participant: t.field({
            type: CallParticipant,
            nullable: true,
            description: 'The participant who joined or left; null when CometChat did not say.',
            resolve: (event) => event.participants[0] ?? null,
          }),
        }
      : {}),
    startedAt: t.expose('startedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the session started; null when the payload does not say.',
    }),
    endedAt: t.expose('endedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the session ended; null while it runs or when the payload does not say.',
    }),
  }));
}

const SESSION_FIELDS = [
  ['callStarted', 'call_started', 'CallStartedEvent', 'A call session started', false],
  ['callEnded', 'call_ended', 'CallEndedEvent', 'A call session ended', false],
  [
    'callParticipantJoined',
    'call_participant_joined',
    'CallParticipantJoinedEvent',
    'Someone joined a call',
    true,
  ],
  [
    'callParticipantLeft',
    'call_participant_left',
    'CallParticipantLeftEvent',
    'Someone left a call',
    true,
  ],
  ['meetingStarted', 'meeting_started', 'MeetingStartedEvent', 'A meeting started', false],
  ['meetingEnded', 'meeting_ended', 'MeetingEndedEvent', 'A meeting ended', false],
  [
    'meetingParticipantJoined',
    'meeting_participant_joined',
    'MeetingParticipantJoinedEvent',
    'Someone joined a meeting',
    true,
  ],
  [
    'meetingParticipantLeft',
    'meeting_participant_left',
    'MeetingParticipantLeftEvent',
    'Someone left a meeting',
    true,
  ],
] as const;

const isSession =
  (trigger: SessionTrigger) =>
  (event: RealtimeEvent): event is CallSessionEvent =>
    event.kind === 'call' && event.trigger === trigger;

for (const [field, trigger, name, what, one] of SESSION_FIELDS) {
  const type = sessionType(name, trigger, what, one);
  builder.subscriptionField(field, (t) =>
    t.field({
      type,
      description: `${what}: an end user receives it when the payload names them as a participant; an admin receives all.`,
      args: {
        sessionId: t.arg.string({ description: 'Only this session.', validate: keyArg }),
      },
      subscribe: (_root, args, context) => {
        const sessionId = idFilter(args.sessionId);
        return eventStream(context, {
          triggers: [trigger],
          narrow: sessionId ? { sessionId } : undefined,
          accepts: isSession(trigger),
          matches: (event) => sessionId === null || event.sessionId === sessionId,
        });
      },
      resolve: (event, _args, context) => beginEvent(context, event),
    }),
  );
}

function artifactType(name: string, trigger: CallArtifactEvent['trigger'], what: string) {
  return eventType<CallArtifactEvent>(name, `${what} (CometChat trigger \`${trigger}\`).`, (t) => ({
    sessionId: t.exposeString('sessionId', { description: 'The id of the call session.' }),
    url: t.exposeString('url', {
      nullable: true,
      description:
        'Where to download it (CometChat may require token-based file access); null when the payload has none.',
    }),
    durationSeconds: t.exposeFloat('durationSeconds', {
      nullable: true,
      description: 'How long the recording is, in seconds; null when CometChat did not say.',
    }),
    startedAt: t.expose('startedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When what it covers started; null when CometChat did not say.',
    }),
    endedAt: t.expose('endedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When what it covers ended; null when CometChat did not say.',
    }),
  }));
}

const ARTIFACT_FIELDS = [
  [
    'callRecordingGenerated',
    'recording_generated',
    artifactType('CallRecordingGeneratedEvent', 'recording_generated', 'A call recording is ready'),
    'call recording',
  ],
  [
    'callTranscriptGenerated',
    'transcription_generated',
    artifactType(
      'CallTranscriptGeneratedEvent',
      'transcription_generated',
      'A call transcript is ready',
    ),
    'call transcript',
  ],
] as const;

for (const [field, trigger, type, what] of ARTIFACT_FIELDS) {
  builder.subscriptionField(field, (t) =>
    t.field({
      type,
      description: `Each ${what} made available (admins only: the payload names no participant, so end users receive none).`,
      args: {
        sessionId: t.arg.string({ description: 'Only this session.', validate: keyArg }),
      },
      subscribe: (_root, args, context) => {
        const sessionId = idFilter(args.sessionId);
        return eventStream(context, {
          triggers: [trigger],
          narrow: sessionId ? { sessionId } : undefined,
          accepts: (event): event is CallArtifactEvent =>
            event.kind === 'call_artifact' && event.trigger === trigger,
          matches: (event) => sessionId === null || event.sessionId === sessionId,
        });
      },
      resolve: (event, _args, context) => beginEvent(context, event),
    }),
  );
}
