/**
 * CometChat's Data Import API (`POST /data_import/{users,groups,members,messages}`): up to 50
 * entities per request, keyed by their own id (uid, guid, `{guid}_member_{uid}`, muid), answered
 * with one outcome per key under `data`. CometChat allows 60 requests per minute on these
 * endpoints; pacing is the caller's job (src/imports).
 */
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import { type BulkOutcome, bulkOf, dataOf } from './records/common.js';

/** The four kinds of entity CometChat imports, in the order they depend on each other. */
export const IMPORT_KINDS = ['users', 'groups', 'members', 'messages'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The most entities CometChat takes in one import request. */
export const IMPORT_MAX_PER_REQUEST = 50;

const importAnswer = dataOf(bulkOf());

/**
 * `POST /data_import/{kind}` `{[kind]: {key: entity}}`: one outcome per key (`success`, and
 * CometChat's `code` and `message` when it refused that entity). The request is sent once, never
 * retried here.
 */
export function importEntities(
  client: UpstreamClient,
  kind: ImportKind,
  entities: Record<string, Record<string, unknown>>,
  opts: CallOptions = {},
): Promise<BulkOutcome<never>> {
  return call(client, 'POST', `/data_import/${kind}`, importAnswer, {
    body: { [kind]: entities },
    ...opts,
  });
}
