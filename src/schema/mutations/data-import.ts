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
  descriptionSchema,
  idSchema,
  LIMITS,
  metadataSchema,
  nameSchema,
  optional,
  tagsSchema,
  urlSchema,
} from '../limits.js';
import { validateInput } from '../mutation-support.js';
import { objectPayload } from './fields.js';

/** The most items one job takes; the request body limit usually binds first. */
export const MAX_IMPORT_ITEMS = 100_000;

const epochOf = (date: Date | undefined): number | undefined =>
  date === undefined ? undefined : Math.floor(date.getTime() / 1000);

const dateSchema = optional(z.date());

const userSchema = z.object({
  uid: idSchema,
  name: nameSchema,
  avatar: optional(urlSchema),
  link: optional(urlSchema),
  role: optional(idSchema),
  statusMessage: optional(descriptionSchema),
  metadata: optional(metadataSchema),
  tags: optional(tagsSchema),
  createdAt: dateSchema,
  lastActiveAt: dateSchema,
});

const groupSchema = z.object({
  guid: idSchema,
  name: nameSchema,
  type: z.enum(['public', 'private', 'password']),
  owner: idSchema,
  description: optional(descriptionSchema),
  icon: optional(urlSchema),
  metadata: optional(metadataSchema),
  tags: optional(tagsSchema),
  createdAt: dateSchema,
});

const memberSchema = z.object({
  guid: idSchema,
  uid: idSchema,
  scope: optional(z.enum(['admin', 'moderator', 'participant'])),
  joinedAt: dateSchema,
});

const messageSchema = z
  .object({
    muid: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    sender: idSchema,
    receiver: idSchema,
    receiverType: z.enum(['user', 'group']),
    category: z.enum(['message', 'custom']),
    type: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    data: z.record(z.string(), z.unknown()),
    sentAt: dateSchema,
  })
  .refine((m) => JSON.stringify(m.data).length <= LIMITS.messageChars, {
    message: `data must be at most ${LIMITS.messageChars} characters as JSON`,
    path: ['data'],
  });

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

const startSchema = z
  .object({
    users: optional(z.array(userSchema).superRefine(uniqueKeys((u) => u.uid, 'the uid'))),
    groups: optional(z.array(groupSchema).superRefine(uniqueKeys((g) => g.guid, 'the guid'))),
    members: optional(
      z
        .array(memberSchema)
        .superRefine(uniqueKeys((m) => `${m.guid}_member_${m.uid}`, 'the member')),
    ),
    messages: optional(z.array(messageSchema).superRefine(uniqueKeys((m) => m.muid, 'the muid'))),
  })
  .superRefine((input, ctx) => {
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
  });

/** Drops undefined fields, so the wire body carries only what was given. */
function defined(entity: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entity).filter(([, value]) => value !== undefined));
}

function itemsOf(input: z.output<typeof startSchema>): ImportItems {
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

const DataImportUserInput = builder.inputType('DataImportUserInput', {
  description: 'A user to import (created as CometChat would have it, with its history dates).',
  fields: (t) => ({
    uid: t.string({
      required: true,
      description: 'The uid: 1 to 100 letters, digits, `-` or `_`; lowercased.',
    }),
    name: t.string({ required: true, description: 'The display name, 1 to 100 characters.' }),
    avatar: t.string({ description: 'An http(s) URL of the picture, at most 3000 characters.' }),
    link: t.string({ description: 'An http(s) URL of the profile page, at most 3000 characters.' }),
    role: t.string({ description: "The role id; CometChat's `default` when absent." }),
    statusMessage: t.string({ description: 'A status line, at most 255 characters.' }),
    metadata: t.field({ type: 'JSONObject', description: 'Custom data, at most 5 KB as JSON.' }),
    tags: t.stringList({ description: 'At most 25 tags of 1 to 100 characters.' }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the user was created in the old system; now when absent.',
    }),
    lastActiveAt: t.field({
      type: 'DateTime',
      description: 'When the user was last active; unknown when absent.',
    }),
  }),
});

const DataImportGroupInput = builder.inputType('DataImportGroupInput', {
  description: 'A group to import. Its owner must exist (import users first: a job does).',
  fields: (t) => ({
    guid: t.string({
      required: true,
      description: 'The guid: 1 to 100 letters, digits, `-` or `_`; lowercased.',
    }),
    name: t.string({ required: true, description: 'The display name, 1 to 100 characters.' }),
    type: t.field({
      type: GroupType,
      required: true,
      description: 'Who may see and join the group.',
    }),
    owner: t.string({
      required: true,
      description: "The owner's uid; the owner becomes an admin member.",
    }),
    description: t.string({ description: 'At most 255 characters.' }),
    icon: t.string({ description: 'An http(s) URL, at most 3000 characters.' }),
    metadata: t.field({ type: 'JSONObject', description: 'Custom data, at most 5 KB as JSON.' }),
    tags: t.stringList({ description: 'At most 25 tags of 1 to 100 characters.' }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the group was created; now when absent.',
    }),
  }),
});

const DataImportMemberInput = builder.inputType('DataImportMemberInput', {
  description:
    'A membership to import: the group and the user must exist (a job imports users and groups first).',
  fields: (t) => ({
    guid: t.string({ required: true, description: "The group's guid." }),
    uid: t.string({ required: true, description: "The member's uid." }),
    scope: t.field({
      type: GroupMemberScope,
      description: "The member's scope; PARTICIPANT when absent.",
    }),
    joinedAt: t.field({
      type: 'DateTime',
      description:
        'When the user joined: after the group was created and not in the future; now when absent.',
    }),
  }),
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

const DataImportMessageInput = builder.inputType('DataImportMessageInput', {
  description: 'A message to import, in chronological order with the others.',
  fields: (t) => ({
    muid: t.string({
      required: true,
      description:
        "The message's unique id from the old system (1 to 100 characters): CometChat keeps one message per muid.",
    }),
    sender: t.string({ required: true, description: "The sender's uid." }),
    receiver: t.string({
      required: true,
      description: 'The receiving uid or guid (see `receiverType`).',
    }),
    receiverType: t.field({
      type: DataImportReceiverType,
      required: true,
      description: 'User or group.',
    }),
    category: t.field({
      type: DataImportMessageCategory,
      required: true,
      description: 'Message or custom.',
    }),
    type: t.string({ required: true, description: 'The type, e.g. `text` (1 to 100 characters).' }),
    data: t.field({
      type: 'JSONObject',
      required: true,
      description:
        "The message's `data` as CometChat takes it (`text`, `attachments`, `metadata`, ...), at most 65,536 characters as JSON.",
    }),
    sentAt: t.field({ type: 'DateTime', description: 'When it was sent; now when absent.' }),
  }),
});

const DataImportJobStartInput = builder.inputType('DataImportJobStartInput', {
  description:
    'A batch to import: any of the four lists, thousands of items each (at most 100,000 in all).',
  fields: (t) => ({
    users: t.field({ type: [DataImportUserInput], description: 'Users, each uid once.' }),
    groups: t.field({ type: [DataImportGroupInput], description: 'Groups, each guid once.' }),
    members: t.field({
      type: [DataImportMemberInput],
      description: 'Memberships, each guid and uid pair once.',
    }),
    messages: t.field({ type: [DataImportMessageInput], description: 'Messages, each muid once.' }),
  }),
});

const DataImportJobResumeInput = builder.inputType('DataImportJobResumeInput', {
  description: 'The interrupted job to continue.',
  fields: (t) => ({
    jobId: t.string({ required: true, description: "The job's identifier (`jobId`)." }),
  }),
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
      input: t.arg({ type: DataImportJobStartInput, required: true, description: 'The batch.' }),
    },
    resolve: async (_root, args, context) => {
      const imports = dataImportsFor(context);
      const input = validateInput(startSchema, args.input);
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
      input: t.arg({ type: DataImportJobResumeInput, required: true, description: 'The job.' }),
    },
    resolve: async (_root, args, context) => {
      const imports = dataImportsFor(context);
      const { jobId } = validateInput(
        z.object({
          jobId: z
            .string()
            .trim()
            .min(1, 'must not be empty')
            .max(64, 'must be at most 64 characters'),
        }),
        args.input,
      );
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
