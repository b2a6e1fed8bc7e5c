/**
 * Idempotent `messageSend` by `muid`. When a send with a `muid` had an unknown outcome (sent, but
 * no readable answer came back), a later send with the same sender, receiver and `muid` first reads
 * the latest messages of that conversation as the sender and, when one carries that `muid`,
 * returns it instead of sending again. A failure of that check fails the mutation as a failed
 * send would; nothing is sent then, so the message is never duplicated.
 *
 * The check needs a conversation to read: it runs for sends as a user (an end user, an admin
 * acting as one, or `senderUid`) and for sends to a group; a 1:1 message sent by the app itself is
 * sent again as before.
 */
import type { GatewayContext } from '../../../context.js';
import { groupConversationId, userConversationId } from '../../../loaders/index.js';
import type { CallOptions } from '../../../upstream/client.js';
import { isUpstreamError } from '../../../upstream/errors.js';
import type { MessageRecord } from '../../../upstream/records.js';
import type { Receiver } from './receivers.js';

/** How many of the conversation's latest messages the check reads. */
const LOOKBACK = 100;

function keyOf(sender: string | undefined, receiver: Receiver, muid: string): string {
  return JSON.stringify([sender ?? null, receiver.type, receiver.id, muid]);
}

/** The message with `muid` among the conversation's latest, as the sender reads them. */
async function findByMuid(
  context: GatewayContext,
  receiver: Receiver,
  muid: string,
  options: CallOptions,
): Promise<MessageRecord | null> {
  const sender = options.onBehalfOf;
  // Read in the sender's view (the app's for a group message the app sent).
  const conversationId =
    receiver.type === 'group'
      ? groupConversationId(receiver.id)
      : userConversationId(sender ?? '', receiver.id);
  const page = await context
    .view(sender ?? null)
    // From CometChat itself, never the read cache: the earlier send may have landed after the
    // cache last heard of this conversation.
    .messages({ conversationId, limit: LOOKBACK, affix: 'prepend' }, { fresh: true });
  const matches = page.items.filter(
    (message) =>
      message.muid === muid &&
      (sender === undefined || message.sender.toLowerCase() === sender.toLowerCase()),
  );
  return matches.at(-1) ?? null;
}

/**
 * Sends with `send` exactly once, unless an earlier send with the same `muid` had an unknown
 * outcome and CometChat already has that message (then it is returned, and nothing is sent).
 */
export async function sendOnceByMuid(
  context: GatewayContext,
  receiver: Receiver,
  muid: string | undefined,
  options: CallOptions,
  send: () => Promise<MessageRecord>,
): Promise<MessageRecord> {
  const checkable = options.onBehalfOf !== undefined || receiver.type === 'group';
  if (muid === undefined || muid === '' || !checkable) return send();
  const memo = context.upstream.unknownOutcomes;
  const key = keyOf(options.onBehalfOf, receiver, muid);
  if (memo.has(key)) {
    const found = await findByMuid(context, receiver, muid, options);
    if (found) {
      memo.forget(key);
      context.logger.info(
        { receiverType: receiver.type, muid },
        'messageSend: the earlier send with this muid had reached CometChat; not sent again',
      );
      return found;
    }
  }
  try {
    const message = await send();
    memo.forget(key);
    return message;
  } catch (error) {
    if (isUpstreamError(error) && error.outcomeUnknown) memo.remember(key);
    throw error;
  }
}
