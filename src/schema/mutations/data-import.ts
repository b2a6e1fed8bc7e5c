/**
 * dataImportJobStart and dataImportJobResume: a whole batch goes in through one mutation; the gateway
 * chunks and paces it (src/imports) and answers at once with the job to poll.
 */
import '../mutation.js';
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { ImportItem, ImportItems } from '../../imports/job.js';
import { ACCESS_NOTE, DataImportJob, dataImportsFor } from '../data-import.js';
import { ConflictFailure, NotFoundFailure, ValidationFailure } from '../errors.js';
import { GroupType } from '../group.js';
import { GroupMemberScope } from '../group-member.js';
import {
  choice,
  type DeclaredInput,
  displayName,
  type InputOf,
  inputObject,
  key,
  kind,
  longText,
  metadata,
  tags,
  url,
} from '../input.js';
import { LIMITS } from '../limits.js';
import { objectPayload } from './fields.js';

/** The most items one job takes; the request body limit usually binds first. */
export const MAX_IMPORT_ITEMS = 100_000;

const epochOf = (date: Date | undefined): number | undefined =>
  date === undefined ? undefined : Math.floor(date.getTime() / 1000);

function uniqueKeys<T>(keyOf: (item: T) => string, noun: string) {
  return (items: T[] | undefined, ctx: z.RefinementCtx): void => {
    const seen = new Set<string>();
    (items ?? []).forEach((item, index) => {
      const key = keyOf(item);
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', message: `${noun} ${key} is listed twice`, path: [index] });
      }
      seen.add(key);
    });
  };
}

/** Drops undefined fields, so the wire body carries only what was given. */
function defined(entity: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entity).filter(([, value]) => value !== undefined));
}

function itemsOf(input: InputOf<typeof DataImportJobStart>): ImportItems {
  const items: ImportItems = {};
  if (input.users?.length) {
    items.users = input.users.map(
      (u): ImportItem => ({
        key: u.uid,
        entity: defined({
          ...u,
          createdAt: epochOf(u.createdAt),
          lastActiveAt: epochOf(u.lastActiveAt),
        }),
      }),
    );
  }
  if (input.groups?.length) {
    items.groups = input.groups.map(
      (g): ImportItem => ({
        key: g.guid,
        entity: defined({ ...g, createdAt: epochOf(g.createdAt) }),
      }),
    );
  }
  if (input.members?.length) {
    items.members = input.members.map((m): ImportItem => {
      const key = `${m.guid}_member_${m.uid}`;
      return {
        key,
        entity: defined({
          memberId: key,
          ...m,
          scope: m.scope ?? 'participant',
          joinedAt: epochOf(m.joinedAt),
        }),
      };
    });
  }
  if (input.messages?.length) {
    items.messages = input.messages.map(
      (m): ImportItem => ({ key: m.muid, entity: defined({ ...m, sentAt: epochOf(m.sentAt) }) }),
    );
  }
  return items;
}

/** A date of the old system. */
const date = kind('DateTime', z.date());

/** A short free text: a message's muid or type. */
const shortText = kind(
  'String',
  z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  '1 to 100 characters.',
);

/** A message's `data`, bounded by CometChat's message size. */
const messageData = kind(
  'JSONObject',
  z
    .record(z.string(), z.unknown())
    .refine((data) => JSON.stringify(data).length <= LIMITS.messageChars, {
      message: `data must be at most ${LIMITS.messageChars} characters as JSON`,
    }),
  `At most ${LIMITS.messageChars.toLocaleString('en')} characters as JSON.`,
);

const DataImportUser = inputObject('DataImportUserInput', {
  description: 'A user to import (created as CometChat would have it, with its history dates).',
  fields: {
    uid: key.required('The uid.'),
    name: displayName.required('The display name.'),
    avatar: url.optional('The URL of the picture.'),
    link: url.optional('The URL of the profile page.'),
    role: key.optional("The role id; CometChat's `default` when absent."),
    statusMessage: longText.optional('A status line.'),
    metadata: metadata.optional('Custom data.'),
    tags: tags.optional('Labels.'),
    createdAt: date.optional('When the user was created in the old system; now when absent.'),
    lastActiveAt: date.optional('When the user was last active; unknown when absent.'),
  },
});

const DataImportGroup = inputObject('DataImportGroupInput', {
  description: 'A group to import. Its owner must exist (import users first: a job does).',
  fields: {
    guid: key.required('The guid.'),
    name: displayName.required('The display name.'),
    type: choice(GroupType).required('Who may see and join the group.'),
    owner: key.required("The owner's uid; the owner becomes an admin member."),
    description: longText.optional('A longer text about the group.'),
    icon: url.optional("The URL of the group's picture."),
    metadata: metadata.optional('Custom data.'),
    tags: tags.optional('Labels.'),
    createdAt: date.optional('When the group was created; now when absent.'),
  },
});

const DataImportMember = inputObject('DataImportMemberInput', {
  description:
    'A membership to import: the group and the user must exist (a job imports users and groups first).',
  fields: {
    guid: key.required("The group's guid."),
    uid: key.required("The member's uid."),
    scope: choice(GroupMemberScope).optional("The member's scope; PARTICIPANT when absent."),
    joinedAt: date.optional(
      'When the user joined: after the group was created and not in the future; now when absent.',
    ),
  },
});

const DataImportMessageCategory = builder.enumType('DataImportMessageCategory', {
  description: 'The category of an imported message.',
  values: {
    MESSAGE: {
      value: 'message',
      description: 'A text or media message (`type` text, image, video, audio, file).',
    },
    CUSTOM: { value: 'custom', description: 'A custom message (`type` chosen by the app).' },
  } as const,
});

const DataImportReceiverType = builder.enumType('DataImportReceiverType', {
  description: 'Whether an imported message went to a user or a group.',
  values: {
    USER: { value: 'user', description: 'A 1:1 message; `receiver` is a uid.' },
    GROUP: { value: 'group', description: 'A group message; `receiver` is a guid.' },
  } as const,
});

const DataImportMessage = inputObject('DataImportMessageInput', {
  description: 'A message to import, in chronological order with the others.',
  fields: {
    muid: shortText.required(
      "The message's unique id from the old system: CometChat keeps one message per muid.",
    ),
    sender: key.required("The sender's uid."),
    receiver: key.required('The receiving uid or guid (see `receiverType`).'),
    receiverType: choice(DataImportReceiverType).required('User or group.'),
    category: choice(DataImportMessageCategory).required('Message or custom.'),
    type: shortText.required('The type, e.g. `text`.'),
    data: messageData.required(
      "The message's `data` as CometChat takes it (`text`, `attachments`, `metadata`, ...).",
    ),
    sentAt: date.optional('When it was sent; now when absent.'),
  },
});

/** A list of imported items, each named once (by `keyOf`). */
function importList<Out>(item: DeclaredInput<Out>, keyOf: (item: Out) => string, noun: string) {
  return kind([item.ref], z.array(item.schema).superRefine(uniqueKeys(keyOf, noun)));
}

const DataImportJobStart = inputObject('DataImportJobStartInput', {
  description: `A batch to import: any of the four lists, thousands of items each (at most ${MAX_IMPORT_ITEMS.toLocaleString('en')} in all).`,
  fields: {
    users: importList(DataImportUser, (u) => u.uid, 'the uid').optional('Users, each uid once.'),
    groups: importList(DataImportGroup, (g) => g.guid, 'the guid').optional(
      'Groups, each guid once.',
    ),
    members: importList(
      DataImportMember,
      (m) => `${m.guid}_member_${m.uid}`,
      'the member',
    ).optional('Memberships, each guid and uid pair once.'),
    messages: importList(DataImportMessage, (m) => m.muid, 'the muid').optional(
      'Messages, each muid once.',
    ),
  },
  check: (input, ctx) => {
    const total =
      (input.users?.length ?? 0) +
      (input.groups?.length ?? 0) +
      (input.members?.length ?? 0) +
      (input.messages?.length ?? 0);
    if (total === 0)
      ctx.addIssue({ code: 'custom', message: 'give at least one item to import', path: [] });
    if (total > MAX_IMPORT_ITEMS) {
      ctx.addIssue({
        code: 'custom',
        message: `at most ${MAX_IMPORT_ITEMS} items per job`,
        path: [],
      });
    }
  },
});

/** The longest job id taken. */
const MAX_JOB_ID = 64;

const DataImportJobResume = inputObject('DataImportJobResumeInput', {
  description: 'The interrupted job to continue.',
  fields: {
    jobId: kind(
      'String',
      z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(MAX_JOB_ID, `must be at most ${MAX_JOB_ID} characters`),
      `1 to ${MAX_JOB_ID} characters.`,
    ).required("The job's identifier (`jobId`)."),
  },
});

const DataImportJobStartPayload = objectPayload(
  'DataImportJobStartPayload',
  'An import job was started.',
  {
    name: 'dataImportJob',
    type: DataImportJob,
    description: 'The new job, RUNNING: poll `dataImportJob` (or this node) for its progress.',
  },
);

const DataImportJobResumePayload = objectPayload(
  'DataImportJobResumePayload',
  'An interrupted import job continues.',
  {
    name: 'dataImportJob',
    type: DataImportJob,
    description: 'The job, RUNNING again.',
  },
);

builder.mutationFields((t) => ({
  dataImportJobStart: t.field({
    type: DataImportJobStartPayload,
    nullable: true,
    authScopes: { admin: true },
    description: `Starts importing a batch into CometChat: users, then groups, members and messages, in chunks of at most 50 per request, paced within CometChat's 60 requests a minute per import endpoint. Answers at once with the job; the items' outcomes arrive on it as chunks are answered. ${ACCESS_NOTE}`,
    errors: {
      types: [ValidationFailure],
      union: { description: 'The job, or why it was not started (ValidationError for bad input).' },
    },
    args: {
      input: t.arg({ type: DataImportJobStart.ref, required: true, description: 'The batch.' }),
    },
    resolve: async (_root, args, context) => {
      const imports = dataImportsFor(context);
      const input = DataImportJobStart.parse(args.input);
      return { dataImportJob: await imports.start(itemsOf(input)) };
    },
  }),
  dataImportJobResume: t.field({
    type: DataImportJobResumePayload,
    nullable: true,
    authScopes: { admin: true },
    description: `Continues an INTERRUPTED import job: chunks CometChat acknowledged are skipped; a chunk that was in flight when the job stopped is checked first (users and groups that exist are not sent again; members and messages CometChat already has are counted as imported), so nothing is imported twice. ${ACCESS_NOTE}`,
    errors: {
      types: [ValidationFailure, NotFoundFailure, ConflictFailure],
      union: {
        description:
          'The resumed job, or why not (NotFoundError: no such job; ConflictError: it is running or completed).',
      },
    },
    args: {
      input: t.arg({ type: DataImportJobResume.ref, required: true, description: 'The job.' }),
    },
    resolve: async (_root, args, context) => {
      const imports = dataImportsFor(context);
      const { jobId } = DataImportJobResume.parse(args.input);
      const outcome = await imports.resume(jobId);
      const path = ['input', 'jobId'];
      switch (outcome.kind) {
        case 'resumed':
          return { dataImportJob: outcome.job };
        case 'not_found':
          throw new NotFoundFailure(`The import job ${jobId} does not exist.`, path, null);
        case 'running':
          throw new ConflictFailure(`The import job ${jobId} is running.`, path, null);
        case 'completed':
          throw new ConflictFailure(`The import job ${jobId} has completed.`, path, null);
      }
    },
  }),
}));
