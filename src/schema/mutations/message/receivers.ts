/**
 * The receivers of messageSend: the users and groups the input names, each once, and one outcome
 * per receiver. A send to several receivers is one upstream call that answers per receiver.
 */
import { builder } from '../../../builder.js';
import type { GatewayContext } from '../../../context.js';
import type { View } from '../../../loaders/index.js';
import {
  type MessageContentInput,
  type SendToManyRecord,
  sendMessageToMany,
} from '../../../upstream/messages.js';
import type { BulkOutcomeItem, MessageRecord } from '../../../upstream/records.js';
import { aliased } from '../../deprecation.js';
import {
  ConflictFailure,
  type ItemFailure,
  NotAppliedFailure,
  NotFoundFailure,
  PermissionDeniedFailure,
  ValidationFailure,
} from '../../errors.js';
import { type IdField, runMutation } from '../../mutation-support.js';
import type { Edge } from '../../pagination.js';
import { GroupRef, MessageRef, UserRef } from '../../refs.js';
import { itemFailure, outcomeFields } from '../outcomes.js';
import { conversationEdge, MessageEdgeRef, remember } from './common.js';
import { CONTENT_FIELD_MAP, checkSize, sizeParts } from './content.js';

/** A user or group to send to, with where the input named it. */
export interface Receiver {
  type: 'user' | 'group';
  id: string;
  path: string[];
}

/** The receivers in input order, users first, each once. */
export function receiversOf(uids: readonly string[], guids: readonly string[]): Receiver[] {
  const seen = new Set<string>();
  const out: Receiver[] = [];
  const add = (type: 'user' | 'group', ids: readonly string[], field: string) => {
    ids.forEach((id, index) => {
      if (seen.has(`${type}:${id}`)) return;
      seen.add(`${type}:${id}`);
      out.push({ type, id, path: [field, String(index)] });
    });
  };
  add('user', uids, 'receiverUids');
  add('group', guids, 'receiverGuids');
  return out;
}

export interface SendOutcome {
  uid: string | null;
  guid: string | null;
  message: MessageRecord | null;
  edge: Edge<MessageRecord> | null;
  error: ItemFailure | null;
}

export interface SendPayload {
  message: MessageRecord;
  edge: Edge<MessageRecord>;
  outcomes: SendOutcome[];
}

export const MessageSendOutcome = builder.objectRef<SendOutcome>('MessageSendOutcome').implement({
  description:
    'What happened for one receiver of a send: the message that receiver got, or why it got none.',
  fields: (t) => ({
    uid: t.exposeString('uid', {
      nullable: true,
      description: 'The receiving user (from `receiverUids`); null when the receiver is a group.',
    }),
    guid: t.exposeString('guid', {
      nullable: true,
      description: 'The receiving group (from `receiverGuids`); null when the receiver is a user.',
    }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description:
        'The receiving user as the caller sees it; null when the receiver is a group, or a user the caller cannot see.',
      resolve: (outcome, _args, context) =>
        outcome.uid === null ? null : context.view().loaders.users.load(outcome.uid),
    }),
    group: t.field({
      type: GroupRef,
      nullable: true,
      description:
        'The receiving group as the caller sees it; null when the receiver is a user, or a group the caller cannot see.',
      resolve: (outcome, _args, context) =>
        outcome.guid === null ? null : context.view().loaders.groups.load(outcome.guid),
    }),
    ...outcomeFields(t, {
      ok: 'Whether this receiver got the message.',
      error:
        'Why this receiver got no message (its `path` names the receiver in the input); null when it did.',
    }),
    ...aliased('message', 'sentMessage', (options) =>
      t.field({
        ...options,
        type: MessageRef,
        nullable: true,
        description:
          'The message this receiver got (each receiver gets its own copy with its own id); null when it failed.',
        resolve: (outcome) => outcome.message,
      }),
    ),
    messageEdge: t.field({
      type: MessageEdgeRef,
      nullable: true,
      description:
        "That message's edge in its conversation's message list (see `MessageSendPayload.messageEdge`); null when it failed.",
      resolve: (outcome) => outcome.edge,
    }),
  }),
});

function receiverIds(receiver: Receiver): Pick<SendOutcome, 'uid' | 'guid'> {
  return {
    uid: receiver.type === 'user' ? receiver.id : null,
    guid: receiver.type === 'group' ? receiver.id : null,
  };
}

/** The outcome of a receiver that got `message`, listed at `edge`. */
export function sentOutcome(
  receiver: Receiver,
  message: MessageRecord,
  edge: Edge<MessageRecord>,
): SendOutcome {
  return { ...receiverIds(receiver), message, edge, error: null };
}

function outcomeOf(
  receiver: Receiver,
  item: BulkOutcomeItem<MessageRecord> | undefined,
): SendOutcome {
  if (item?.success && item.data) {
    return sentOutcome(receiver, item.data, conversationEdge(item.data));
  }
  const error = itemFailure(item, ['input', ...receiver.path], {
    missing: {
      kind: 'not_applied',
      message:
        'CometChat reported no outcome for this receiver; check the conversation before sending again.',
    },
    refused: 'CometChat did not send the message here.',
    otherwise: 'not_applied',
  });
  return { ...receiverIds(receiver), message: null, edge: null, error };
}

/** The same failure with another message (class, path and code kept). */
function withMessage(failure: ItemFailure, message: string): ItemFailure {
  const path = [...failure.path];
  if (failure instanceof NotFoundFailure) return new NotFoundFailure(message, path, failure.code);
  if (failure instanceof ConflictFailure) return new ConflictFailure(message, path, failure.code);
  if (failure instanceof PermissionDeniedFailure) {
    return new PermissionDeniedFailure(message, path, failure.code);
  }
  if (failure instanceof NotAppliedFailure) {
    return new NotAppliedFailure(message, path, failure.code);
  }
  return new ValidationFailure(message, path, failure.code, failure.violations);
}

/**
 * One copy for each receiver, in one upstream call. When no receiver got it, the send fails with
 * the first receiver's error, its message listing every receiver's reason.
 */
export async function sendToMany(
  context: GatewayContext,
  receivers: Receiver[],
  content: MessageContentInput,
  view: View,
  actor: IdField[],
): Promise<SendPayload> {
  const uids = receivers.filter((r) => r.type === 'user').map((r) => r.id);
  const guids = receivers.filter((r) => r.type === 'group').map((r) => r.id);
  const body = { ...content, multipleReceivers: { uids, guids } };
  checkSize(body, sizeParts(content));
  const result: SendToManyRecord = await runMutation(
    context,
    () => sendMessageToMany(context.upstream, body, view.options),
    { ids: actor, fieldMap: CONTENT_FIELD_MAP },
  );
  const outcomes = receivers.map((receiver) =>
    outcomeOf(receiver, (receiver.type === 'user' ? result.users : result.groups)[receiver.id]),
  );
  const first = outcomes.find((outcome) => outcome.message !== null);
  if (!first?.message || !first.edge) {
    const reasons = outcomes
      .map((o) => `${(o.error?.path ?? []).slice(1).join('.')}: ${o.error?.message ?? ''}`)
      .join('; ');
    const firstError = outcomes[0]?.error;
    throw firstError
      ? withMessage(firstError, `No receiver got the message. ${reasons}`)
      : new ValidationFailure('No receiver got the message.', ['input'], null, []);
  }
  for (const outcome of outcomes) if (outcome.message) remember(view, outcome.message);
  return { message: first.message, edge: first.edge, outcomes };
}
