import { builder } from '../../builder.js';
import type { GroupRecord, MessageRecord, UserRecord } from '../../upstream/records.js';
import { MessageReceiverRef, MessageRef, UserRef } from '../refs.js';
import { APP_SYSTEM_UID, loadUserOrNull, messageTypeName } from './common.js';

export const MessageCategory = builder.enumType('MessageCategory', {
  description: 'The broad kind of a message, as CometChat files it.',
  values: {
    MESSAGE: {
      value: 'message',
      description: 'A message a user wrote: text or media (TextMessage, MediaMessage).',
    },
    CUSTOM: {
      value: 'custom',
      description: 'An app-defined message with JSON data (CustomMessage).',
    },
    ACTION: {
      value: 'action',
      description: 'A record of something that happened, e.g. a member joined (ActionMessage).',
    },
    CALL: { value: 'call', description: 'A voice or video call (CallMessage).' },
    INTERACTIVE: {
      value: 'interactive',
      description: 'A form, card or scheduler its receivers can act on (InteractiveMessage).',
    },
  } as const,
});

export const MediaType = builder.enumType('MediaType', {
  description: 'The kind of file a media message carries.',
  values: {
    IMAGE: { value: 'image', description: 'A picture.' },
    VIDEO: { value: 'video', description: 'A video clip.' },
    AUDIO: { value: 'audio', description: 'A sound recording.' },
    FILE: { value: 'file', description: 'Any other file (documents, archives, ...).' },
  } as const,
});

function receiverOf(
  message: MessageRecord,
  load: (uid: string) => Promise<UserRecord | null>,
  loadGroup: (guid: string) => Promise<GroupRecord | null>,
): Promise<UserRecord | GroupRecord | null> {
  return message.receiverType === 'group' ? loadGroup(message.receiver) : load(message.receiver);
}

builder.interfaceType(MessageRef, {
  description:
    'A message in a conversation. The concrete type follows its kind: TextMessage, MediaMessage, CustomMessage, ActionMessage, CallMessage or InteractiveMessage. Its ID is stable.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (message) => messageTypeName(message),
  fields: (t) => ({
    cometchatId: t.exposeString('id', {
      description: "CometChat's own id of the message (a decimal number as a string).",
    }),
    muid: t.exposeString('muid', {
      nullable: true,
      description:
        'The id the sending client chose for the message, to recognise it later; null when none was given.',
    }),
    conversationId: t.exposeString('conversationId', {
      description:
        "CometChat's id of the conversation: `<uid>_user_<uid>` (both uids sorted) for 1:1, `group_<guid>` for a group.",
    }),
    sender: t.field({
      type: UserRef,
      nullable: true,
      description:
        "Who sent the message. Null when the app itself sent it (CometChat's `app_system`) or the user no longer exists.",
      resolve: (message, _args, context) => loadUserOrNull(context, message.sender),
    }),
    receiver: t.field({
      type: MessageReceiverRef,
      nullable: true,
      description:
        'Who the message was sent to: a user (1:1) or a group. Null when that user or group no longer exists.',
      resolve: (message, _args, context) =>
        receiverOf(
          message,
          (uid) => context.view().loaders.users.load(uid),
          (guid) => context.view().loaders.groups.load(guid),
        ),
    }),
    sentAt: t.expose('sentAt', { type: 'DateTime', description: 'When the message was sent.' }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the message last changed (an edit or deletion); null when never.',
    }),
    editedAt: t.expose('editedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the message was last edited; null when it never was.',
    }),
    editedBy: t.field({
      type: UserRef,
      nullable: true,
      description:
        'Who last edited the message. Null when it was never edited, when the app itself edited it, or when that user no longer exists.',
      resolve: (message, _args, context) => loadUserOrNull(context, message.editedBy),
    }),
    isEditedByApp: t.boolean({
      description: 'Whether the last edit was made by the app itself rather than by a user.',
      resolve: (message) => message.editedBy === APP_SYSTEM_UID,
    }),
    deletedAt: t.expose('deletedAt', {
      type: 'DateTime',
      nullable: true,
      description:
        'When the message was deleted; null when it was not. Deleted messages stay listed unless a list hides them.',
    }),
    deletedBy: t.field({
      type: UserRef,
      nullable: true,
      description:
        'Who deleted the message. Null when it was not deleted, when the app itself deleted it, or when that user no longer exists.',
      resolve: (message, _args, context) => loadUserOrNull(context, message.deletedBy),
    }),
    replyCount: t.int({
      description: 'How many thread replies the message has (0 when none, and for replies).',
      resolve: (message) => message.replyCount ?? 0,
    }),
    mentions: t.field({
      type: [UserRef],
      nullable: true,
      description:
        'The users the text mentions (`<@uid:...>`), in order of first mention; users that no longer exist are left out. Null when it could not be read (the error on this field says why).',
      resolve: async (message, _args, context) => {
        const uids = [...new Set(message.mentions.map((mention) => mention.uid))];
        const users = await context.view().loaders.users.loadMany(uids);
        const failure = users.find((user) => user instanceof Error);
        if (failure) throw failure;
        return users.filter(
          (user): user is UserRecord => user !== null && !(user instanceof Error),
        );
      },
    }),
    metadata: t.expose('metadata', {
      type: 'JSONObject',
      nullable: true,
      description: 'Free-form JSON the sender attached to the message; null when none.',
    }),
    tags: t.exposeStringList('tags', {
      description: 'Labels the app attached to the message, in the order they were set.',
    }),
  }),
});

export const MessageConnection = builder.connectionObject(
  {
    name: 'MessageConnection',
    type: MessageRef,
    description:
      'A page of messages, oldest first. CometChat gives no total for message lists, so there is no `totalCount`.',
  },
  { name: 'MessageEdge', description: 'A message in a page of messages, with its cursor.' },
);
