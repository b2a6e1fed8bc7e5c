/**
 * Data import jobs: a batch of users, groups, members and messages on its way into CometChat's
 * import endpoints, with its progress (poll `dataImportJob` for a progress bar) and the items
 * CometChat refused. Admin only.
 */
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { gatewayError } from '../errors.js';
import type { ImportFailure } from '../imports/job.js';
import type { DataImports, ImportJobView } from '../imports/service.js';
import { connectionComplexity, countedConnection, forwardPageArgs } from './connections.js';
import { arrayConnection, validateConnectionArgs } from './pagination.js';

export const ACCESS_NOTE = 'Admin only: end users get FORBIDDEN.';

/** The service, for an admin caller; FORBIDDEN for anyone else, before anything is read. */
export function dataImportsFor(context: GatewayContext): DataImports {
  if (context.caller.kind !== 'admin') {
    throw gatewayError('FORBIDDEN', 'The caller is not allowed to read or change this.');
  }
  if (!context.dataImports) {
    throw gatewayError('FORBIDDEN', 'Data import is not available on this gateway.');
  }
  return context.dataImports;
}

export const DataImportState = builder.enumType('DataImportState', {
  description: 'Where an import job stands.',
  values: {
    RUNNING: { value: 'RUNNING', description: 'Chunks are being sent.' },
    INTERRUPTED: {
      value: 'INTERRUPTED',
      description:
        'Stopped before the end (the gateway stopped, or CometChat kept failing): `dataImportJobResume` continues it without sending again what CometChat acknowledged.',
    },
    COMPLETED: {
      value: 'COMPLETED',
      description: 'Every item was sent; each was imported or failed.',
    },
  } as const,
});

export const DataImportKind = builder.enumType('DataImportKind', {
  description: 'What kind of entity an import item is.',
  values: {
    USERS: { value: 'users', description: 'A user (`POST /data_import/users`).' },
    GROUPS: { value: 'groups', description: 'A group (`POST /data_import/groups`).' },
    MEMBERS: { value: 'members', description: 'A group membership (`POST /data_import/members`).' },
    MESSAGES: { value: 'messages', description: 'A message (`POST /data_import/messages`).' },
  } as const,
});

export const DataImportFailure = builder.objectRef<ImportFailure>('DataImportFailure').implement({
  description: 'An item CometChat did not import.',
  fields: (t) => ({
    kind: t.field({
      type: DataImportKind,
      description: 'What the item is.',
      resolve: (f) => f.kind,
    }),
    key: t.exposeString('key', {
      description:
        "The item's id: the uid, the guid, `{guid}_member_{uid}` for a membership, the muid for a message.",
    }),
    code: t.exposeString('code', {
      nullable: true,
      description:
        "CometChat's error code for the item (e.g. `ERR_UID_ALREADY_EXISTS`), or for the whole request when it was refused as a whole; null when CometChat gave none.",
    }),
    message: t.exposeString('message', { description: 'Why, in words.' }),
  }),
});

const DataImportFailureConnection = countedConnection(
  {
    name: 'DataImportFailureConnection',
    type: DataImportFailure,
    description: 'A page of the items an import job could not import, in the order they failed.',
    totalCount: 'How many items failed, across all pages.',
  },
  { name: 'DataImportFailureEdge', description: 'A failed item, with its cursor.' },
);

export const DataImportJob = builder.node(builder.objectRef<ImportJobView>('DataImportJob'), {
  description: `A data import job: a batch sent to CometChat in chunks of at most 50 items, paced within CometChat's 60 requests a minute per import endpoint, users first, then groups, members and messages. Poll it for progress. ${ACCESS_NOTE}`,
  authScopes: { admin: true },
  id: { resolve: (job) => job.id },
  loadOne: (id, context) => dataImportsFor(context).get(id),
  fields: (t) => ({
    jobId: t.exposeString('id', { description: "The job's identifier (a UUID)." }),
    state: t.field({
      type: DataImportState,
      description: 'Where the job stands.',
      resolve: (job) => job.state,
    }),
    total: t.exposeInt('total', { description: 'Items in the job.' }),
    imported: t.exposeInt('imported', {
      description:
        'Items CometChat imported (including items found already imported when an interrupted chunk was checked).',
    }),
    failed: t.exposeInt('failed', { description: 'Items CometChat refused (see `failures`).' }),
    pending: t.int({
      description: 'Items not yet answered for: `total - imported - failed`.',
      resolve: (job) => job.total - job.imported - job.failed,
    }),
    progress: t.float({
      description: 'The share of items answered for, from 0 to 1 (1 for an empty job).',
      resolve: (job) => (job.total === 0 ? 1 : (job.imported + job.failed) / job.total),
    }),
    alreadyImported: t.exposeInt('confirmed', {
      description:
        'Of `imported`, the items of a chunk whose answer was lost (an interruption, a lost connection) that were found already imported and not sent again.',
    }),
    throttled: t.exposeInt('throttled', {
      description:
        "429 answers CometChat gave this job (each chunk was sent again after CometChat's Retry-After). The pacing keeps this at 0 unless something else spends the same quota.",
    }),
    resumes: t.exposeInt('resumes', { description: 'How many times the job was resumed.' }),
    lastError: t.exposeString('lastError', {
      nullable: true,
      description: 'Why the job stopped before the end; null when it did not.',
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the job was started.',
      resolve: (job) => new Date(job.createdAt),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When the job last made progress or changed state.',
      resolve: (job) => new Date(job.updatedAt),
    }),
    finishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the job completed; null until then.',
      resolve: (job) => (job.finishedAt === null ? null : new Date(job.finishedAt)),
    }),
    failures: t.field({
      type: DataImportFailureConnection,
      description: 'The items CometChat refused, in the order they failed.',
      args: forwardPageArgs('failures'),
      complexity: connectionComplexity,
      resolve: (job, args) => {
        validateConnectionArgs(args, { backwards: false });
        return arrayConnection(job.failures, args, { key: `import-failures:${job.id}` });
      },
    }),
  }),
});

const DataImportJobConnection = countedConnection(
  {
    name: 'DataImportJobConnection',
    type: DataImportJob,
    description: 'A page of data import jobs, newest first.',
    totalCount: 'How many jobs this gateway keeps, across all pages.',
  },
  { name: 'DataImportJobEdge', description: 'A data import job, with its cursor.' },
);

builder.queryFields((t) => ({
  dataImportJob: t.field({
    type: DataImportJob,
    nullable: true,
    authScopes: { admin: true },
    description: `Looks an import job up by its \`jobId\`: poll it to show progress. Null when no such job exists. ${ACCESS_NOTE}`,
    args: {
      jobId: t.arg.string({ required: true, description: "The job's identifier (`jobId`)." }),
    },
    resolve: (_root, args, context) => dataImportsFor(context).get(args.jobId.trim()),
  }),
  dataImportJobs: t.field({
    type: DataImportJobConnection,
    nullable: true,
    authScopes: { admin: true },
    description: `The import jobs this gateway keeps, newest first. ${ACCESS_NOTE} Null when it could not be read (the error on this field says why).`,
    args: forwardPageArgs('jobs'),
    complexity: connectionComplexity,
    resolve: async (_root, args, context) => {
      const imports = dataImportsFor(context);
      validateConnectionArgs(args, { backwards: false });
      return arrayConnection(await imports.list(), args, { key: 'import-jobs' });
    },
  }),
}));
