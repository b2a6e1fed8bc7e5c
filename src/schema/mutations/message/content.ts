/**
 * The content of a sent message: text, media by URL, or custom data. Checked before any call for
 * what CometChat would refuse (a missing or contradictory part, its size), and turned into
 * CometChat's `category`/`type`/`data`.
 */
import { z } from 'zod';
import type { AttachmentInput, MessageContentInput } from '../../../upstream/messages.js';
import {
  choice,
  inputObject,
  json,
  kind,
  listOf,
  type Parsed,
  tags,
  text,
  url,
} from '../../input.js';
import { LIMITS } from '../../limits.js';
import { MediaType } from '../../message/interface.js';
import { rejectField } from '../../mutation-support.js';

/** Characters of an attachment's file name. */
const MAX_FILE_NAME = 255;
/** Characters of a MIME type, a custom message type or a muid. */
const MAX_SHORT_TEXT = 100;

/** Trimmed text of 1 to `max` characters. */
function shortText(max: number) {
  return kind(
    'String',
    z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`),
    `1 to ${max} characters.`,
  );
}

const mimeType = kind(
  'String',
  z
    .string()
    .trim()
    .max(MAX_SHORT_TEXT, `must be at most ${MAX_SHORT_TEXT} characters`)
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type such as `image/png`'),
  `A MIME type such as \`image/png\`, at most ${MAX_SHORT_TEXT} characters.`,
);

const byteSize = kind(
  'Int',
  z.number().int('must be a whole number').min(0, 'must not be negative'),
  'Not negative.',
);

const MessageAttachment = inputObject('MessageAttachmentInput', {
  description:
    'A file to attach by URL (CometChat does not receive the file itself, only where it is).',
  fields: {
    url: url.required('Where the file can be downloaded.'),
    name: shortText(MAX_FILE_NAME).optional(
      'The file name shown to receivers; its extension, if any, is sent as the extension.',
    ),
    mimeType: mimeType.optional("The file's type."),
    size: byteSize.optional('The size in bytes.'),
  },
});

/** The content fields of the send and reply inputs. */
export const contentFields = {
  text: text.optional(
    'The text of a text message (required there), or the caption of a media message. Mentions are written `<@uid:UID>`.',
  ),
  mediaType: choice(MediaType).optional(
    'Makes this a media message of this kind; needs `attachments`.',
  ),
  attachments: listOf(MessageAttachment.kind).optional(
    'The files of a media message (at least one; usually one).',
  ),
  customType: shortText(MAX_SHORT_TEXT).optional(
    'Makes this a custom message of this app-defined type (e.g. `location`); needs `customData`.',
  ),
  customData: json.optional('The JSON data of a custom message.'),
  metadata: json.optional(
    `Free-form JSON attached to the message. It counts towards the ${LIMITS.messageChars.toLocaleString('en')}-character limit of a message.`,
  ),
  tags: tags.optional('Labels for the message.'),
  muid: shortText(MAX_SHORT_TEXT).optional(
    'An id of your choosing, echoed back as `muid` so a client can recognise its own message when it arrives through another channel.',
  ),
};

type ContentValues = Parsed<typeof contentFields>;

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
