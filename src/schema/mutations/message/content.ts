/**
 * The content of a sent message: text, media by URL, or custom data. Checked before any call for
 * what CometChat would refuse (a missing or contradictory part, its size), and turned into
 * CometChat's `category`/`type`/`data`.
 */
import { z } from 'zod';
import { builder } from '../../../builder.js';
import type { AttachmentInput, MessageContentInput } from '../../../upstream/messages.js';
import { LIMITS, tagsSchema, urlSchema } from '../../limits.js';
import { MediaType } from '../../message/interface.js';
import { rejectField } from '../../mutation-support.js';
import type { InputFieldBuilder } from '../fields.js';

const attachmentSchema = z.object({
  url: urlSchema,
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(255, 'must be at most 255 characters')
    .nullish(),
  mimeType: z
    .string()
    .trim()
    .max(100, 'must be at most 100 characters')
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type such as `image/png`')
    .nullish(),
  size: z.number().int('must be a whole number').min(0, 'must not be negative').nullish(),
});

export const jsonObjectSchema = z.record(z.string(), z.unknown());

export const contentShape = {
  text: z.string().nullish(),
  mediaType: z.enum(['image', 'video', 'audio', 'file']).nullish(),
  attachments: z.array(attachmentSchema).nullish(),
  customType: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .nullish(),
  customData: jsonObjectSchema.nullish(),
  metadata: jsonObjectSchema.nullish(),
  tags: tagsSchema.nullish(),
  muid: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .nullish(),
};

type ContentValues = z.infer<z.ZodObject<typeof contentShape>>;

export function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

/** Which kind of message the content fields describe, and what is missing or contradictory. */
export function checkContent(value: ContentValues, ctx: z.RefinementCtx): void {
  const issue = (field: keyof ContentValues, message: string) =>
    ctx.addIssue({ code: 'custom', path: [field], message });
  const custom = value.customType != null || value.customData != null;
  const media = value.mediaType != null || value.attachments != null;
  if (custom) {
    if (value.customType == null) issue('customType', 'is required for a custom message');
    if (value.customData == null) issue('customData', 'is required for a custom message');
    if (media) {
      issue(
        value.mediaType != null ? 'mediaType' : 'attachments',
        'a custom message carries `customData`, not files',
      );
    }
    if (value.text != null) issue('text', 'a custom message carries `customData`, not text');
    return;
  }
  if (media) {
    if (value.mediaType == null) issue('mediaType', 'is required with `attachments`');
    if (!value.attachments || value.attachments.length === 0) {
      issue('attachments', 'a media message needs at least one attachment');
    }
    if (value.text != null && isBlank(value.text)) {
      issue('text', 'a caption must not be blank; leave it out instead');
    }
    return;
  }
  if (isBlank(value.text)) {
    issue(
      'text',
      'is required for a text message (or send `mediaType` + `attachments`, or `customType` + `customData`)',
    );
  }
}

function extensionOf(name: string | null | undefined): string | undefined {
  const match = name ? /\.([A-Za-z0-9]{1,10})$/.exec(name) : null;
  return match?.[1]?.toLowerCase();
}

/** The CometChat `category`/`type`/`data` (plus muid and tags) for checked content. */
export function contentOf(value: ContentValues): MessageContentInput {
  const metadata = value.metadata ?? undefined;
  const common = {
    ...(value.muid ? { muid: value.muid } : {}),
    ...(value.tags ? { tags: value.tags } : {}),
  };
  if (value.customType && value.customData) {
    return {
      category: 'custom',
      type: value.customType,
      data: { customData: value.customData, metadata },
      ...common,
    };
  }
  if (value.mediaType && value.attachments) {
    const attachments = value.attachments.map(
      (a): AttachmentInput => ({
        url: a.url,
        name: a.name ?? undefined,
        mimeType: a.mimeType ?? undefined,
        extension: extensionOf(a.name),
        size: a.size ?? undefined,
      }),
    );
    return {
      category: 'message',
      type: value.mediaType,
      data: { attachments, text: value.text ?? undefined, metadata },
      ...common,
    };
  }
  return {
    category: 'message',
    type: 'text',
    data: { text: value.text ?? '', metadata },
    ...common,
  };
}

/**
 * CometChat's 65,536-character limit on a message, metadata included, measured on the JSON that
 * would be sent. The violation points at the largest part.
 */
export function checkSize(body: unknown, parts: Record<string, unknown>): void {
  const size = JSON.stringify(body).length;
  if (size <= LIMITS.messageChars) return;
  let largest = 'text';
  let largestSize = -1;
  for (const [field, value] of Object.entries(parts)) {
    const partSize = value === undefined || value === null ? 0 : JSON.stringify(value).length;
    if (partSize > largestSize) {
      largest = field;
      largestSize = partSize;
    }
  }
  rejectField(
    [largest],
    `the message would be ${size} characters as CometChat counts them (text, files, data, metadata and tags); at most ${LIMITS.messageChars} are allowed`,
  );
}

/** CometChat's per-field complaints about a message body, onto input fields. */
export const CONTENT_FIELD_MAP: Record<string, string[]> = {
  data: ['text'],
  'data.text': ['text'],
  'data.metadata': ['metadata'],
  'data.customData': ['customData'],
  'data.attachments': ['attachments'],
  receiver: ['receiverUids'],
  'multipleReceivers.uids': ['receiverUids'],
  'multipleReceivers.guids': ['receiverGuids'],
};

const MessageAttachmentInput = builder.inputType('MessageAttachmentInput', {
  description:
    'A file to attach by URL (CometChat does not receive the file itself, only where it is).',
  fields: (t) => ({
    url: t.string({
      required: true,
      description: 'Where the file can be downloaded: an http(s) URL of at most 3,000 characters.',
    }),
    name: t.string({
      description:
        'The file name shown to receivers (at most 255 characters); its extension, if any, is sent as the extension.',
    }),
    mimeType: t.string({ description: 'The MIME type, e.g. `image/png`.' }),
    size: t.int({ description: 'The size in bytes.' }),
  }),
});

/** The content fields of the send and reply inputs. */
export function contentFields(t: InputFieldBuilder) {
  return {
    text: t.string({
      description:
        'The text of a text message (required there), or the caption of a media message. Mentions are written `<@uid:UID>`.',
    }),
    mediaType: t.field({
      type: MediaType,
      description: 'Makes this a media message of this kind; needs `attachments`.',
    }),
    attachments: t.field({
      type: [MessageAttachmentInput],
      description: 'The files of a media message (at least one; usually one).',
    }),
    customType: t.string({
      description:
        'Makes this a custom message of this app-defined type (e.g. `location`; at most 100 characters); needs `customData`.',
    }),
    customData: t.field({
      type: 'JSONObject',
      description: 'The JSON data of a custom message.',
    }),
    metadata: t.field({
      type: 'JSONObject',
      description:
        'Free-form JSON attached to the message. It counts towards the 65,536-character limit of a message.',
    }),
    tags: t.stringList({
      description: 'Labels for the message: at most 25, each 1 to 100 characters.',
    }),
    muid: t.string({
      description:
        'An id of your choosing (at most 100 characters), echoed back as `muid` so a client can recognise its own message when it arrives through another channel.',
    }),
  };
}

/** The parts of checked content a size refusal may point at. */
export function sizeParts(content: MessageContentInput): Record<string, unknown> {
  return {
    text: content.data.text,
    attachments: content.data.attachments,
    customData: content.data.customData,
    metadata: content.data.metadata,
    tags: content.tags,
  };
}
