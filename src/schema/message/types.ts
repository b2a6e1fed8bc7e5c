import { builder } from '../../builder.js';
import type { AttachmentRecord } from '../../upstream/records.js';
import { aliased } from '../deprecation.js';
import { jsonObjectOrNull } from './common.js';
import { MediaType } from './interface.js';
import { messageNode } from './node.js';

const Attachment = builder.objectRef<AttachmentRecord>('Attachment').implement({
  description: 'A file attached to a media message.',
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Where the file can be downloaded.' }),
    name: t.exposeString('name', {
      nullable: true,
      description: 'The file name; null when the sender gave none.',
    }),
    mimeType: t.exposeString('mimeType', {
      nullable: true,
      description: 'The MIME type, e.g. `image/jpeg`; null when the sender gave none.',
    }),
    extension: t.exposeString('extension', {
      nullable: true,
      description:
        'The file extension without the dot, e.g. `jpg`; null when the sender gave none.',
    }),
    size: t.exposeInt('size', {
      nullable: true,
      description: 'The size in bytes; null when the sender gave none.',
    }),
  }),
});

export const TextMessage = messageNode('TextMessage', {
  description: 'A text message a user wrote.',
  fields: (t) => ({
    text: t.exposeString('text', {
      nullable: true,
      description:
        'The text, with mentions written `<@uid:UID>`. Null for a deleted message (its content is hidden) and when CometChat no longer returns it.',
    }),
  }),
});

export const MediaMessage = messageNode('MediaMessage', {
  description: 'A message carrying a file: an image, video, audio recording or other file.',
  fields: (t) => ({
    mediaType: t.field({
      type: MediaType,
      description: 'The kind of file; FILE for any type CometChat does not classify.',
      resolve: (message) =>
        message.type === 'image' || message.type === 'video' || message.type === 'audio'
          ? message.type
          : 'file',
    }),
    attachments: t.field({
      type: [Attachment],
      description: 'The attached files, in the order they were sent (usually one).',
      resolve: (message) => message.attachments,
    }),
    caption: t.exposeString('text', {
      nullable: true,
      description: 'Text sent along with the file; null when none.',
    }),
  }),
});

export const CustomMessage = messageNode('CustomMessage', {
  description:
    "An app-defined message: a type name of the app's choosing with JSON data (polls, locations, ...).",
  fields: (t) => ({
    customType: t.exposeString('type', {
      description:
        'The app-defined type, e.g. `location` or `extension_poll`. An open set: any string the app sends.',
    }),
    customData: t.field({
      type: 'JSONObject',
      nullable: true,
      description: 'The app-defined data; null when it is missing or not a JSON object.',
      resolve: (message) => jsonObjectOrNull(message.customData),
    }),
  }),
});

export const InteractiveMessage = messageNode('InteractiveMessage', {
  description:
    'A message its receivers can act on: a form, a card with buttons, a scheduler, or an app-defined interactive type.',
  fields: (t) => ({
    interactiveType: t.exposeString('type', {
      description:
        "CometChat's type, e.g. `form`, `card`, `scheduler` or `customInteractive`. An open set.",
    }),
    interactiveData: t.expose('interactiveData', {
      type: 'JSONObject',
      nullable: true,
      description: 'The definition of the form, card or scheduler; null when none was sent.',
    }),
    interactionGoal: t.expose('interactionGoal', {
      type: 'JSONObject',
      nullable: true,
      description: 'Which interactions complete the message; null when none was set.',
    }),
    interactions: t.field({
      type: ['JSONObject'],
      description: 'The interactions recorded so far (which element, when), oldest first.',
      resolve: (message) => message.interactions,
    }),
    ...aliased('isSenderInteractionAllowed', 'allowSenderInteraction', (options) =>
      t.exposeBoolean('allowSenderInteraction', {
        ...options,
        nullable: true,
        description: 'Whether the sender may interact with it too; null when not set.',
      }),
    ),
  }),
});
