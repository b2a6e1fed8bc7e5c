import { builder } from '../../builder.js';
import type { MessageRecord } from '../../upstream/records.js';
import { messageNode, openEnum } from './node.js';

export const CallType = builder.enumType('CallType', {
  description: 'Whether a call carries video.',
  values: {
    AUDIO: { value: 'audio', description: 'A voice call.' },
    VIDEO: { value: 'video', description: 'A video call.' },
  } as const,
});

export const callStatuses = openEnum('CallStatus', {
  description: 'Where a call stands.',
  known: {
    INITIATED: { value: 'initiated', description: 'The caller started it; nobody answered yet.' },
    ONGOING: { value: 'ongoing', description: 'Someone answered; the call is running.' },
    UNANSWERED: { value: 'unanswered', description: 'Nobody answered in time.' },
    REJECTED: { value: 'rejected', description: 'The receiver declined it.' },
    BUSY: { value: 'busy', description: 'The receiver was in another call.' },
    CANCELLED: { value: 'cancelled', description: 'The caller hung up before an answer.' },
    ENDED: { value: 'ended', description: 'The call took place and is over.' },
  },
  other: "A status this API does not know yet; `statusName` holds CometChat's name.",
});

export const CallStatus = callStatuses.ref;

/** The call's status: the call object's, else the message's action (CometChat fills either). */
function callStatusName(message: MessageRecord): string {
  return message.call?.status ?? message.action ?? '';
}

export const CallMessage = messageNode('CallMessage', {
  description:
    "A voice or video call, as a message in the conversation. The call's connection secrets are never exposed.",
  fields: (t) => ({
    callType: t.field({
      type: CallType,
      nullable: true,
      description: 'Audio or video; null for a call type this API does not know.',
      resolve: (message) => {
        const type = message.call?.type ?? message.type;
        return type === 'audio' || type === 'video' ? type : null;
      },
    }),
    status: t.field({
      type: CallStatus,
      description: 'Where the call stands, as of this message.',
      resolve: (message) => callStatuses.narrow(callStatusName(message)),
    }),
    statusName: t.string({
      description: "CometChat's own name of the status, e.g. `ended` (useful with OTHER).",
      resolve: callStatusName,
    }),
    sessionId: t.string({
      nullable: true,
      description: 'The call session id; null when CometChat did not include the call.',
      resolve: (message) => message.call?.sessionId || null,
    }),
    initiatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the call was started; null when unknown.',
      resolve: (message) => message.call?.initiatedAt ?? null,
    }),
    joinedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the receiver joined; null when they did not (yet) or it is unknown.',
      resolve: (message) => message.call?.joinedAt ?? null,
    }),
    startedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the call connected; null when it did not (yet) or it is unknown.',
      resolve: (message) => message.call?.startedAt ?? null,
    }),
    endedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the call ended; null while it runs or when unknown.',
      resolve: (message) => message.call?.endedAt ?? null,
    }),
  }),
});
