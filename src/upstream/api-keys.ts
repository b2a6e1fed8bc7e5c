/**
 * CometChat's API keys (`/apikeys`): list, read, create, update, delete. Every key value that
 * travels in a path or an answer is redacted from the call's errors and logs.
 */
import { z } from 'zod';
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import {
  type AckRecord,
  ackSchema,
  dataOf,
  optionalEpoch,
  optionalString,
  type Page,
  pageOf,
} from './records/common.js';

/** The two scopes CometChat gives a key: the REST API key (`fullAccess`) and the Auth key. */
export type ApiKeyScope = 'fullAccess' | 'authOnly';

export interface ApiKeyRecord {
  /** The key's value: a secret, never shown beyond its last characters (see the schema). */
  apiKey: string;
  name: string | null;
  /** `fullAccess`, `authOnly`, or what CometChat answered when it is neither. */
  scope: string;
  createdAt: Date | null;
}

const apiKeySchema: z.ZodType<ApiKeyRecord, unknown> = z.object({
  apiKey: z.string().min(1),
  name: optionalString,
  scope: z.string(),
  createdAt: optionalEpoch,
});

const apiKeyAnswer = dataOf(apiKeySchema);
const apiKeyPage = pageOf(apiKeySchema);

export interface ApiKeyListQuery {
  page?: number | undefined;
  perPage?: number | undefined;
  scope?: ApiKeyScope | undefined;
  /** Matches a part of the name. */
  searchKey?: string | undefined;
}

/** `GET /apikeys?scope&searchKey&page&perPage`. */
export function listApiKeys(
  client: UpstreamClient,
  query: ApiKeyListQuery = {},
  opts: CallOptions = {},
): Promise<Page<ApiKeyRecord>> {
  return call(client, 'GET', '/apikeys', apiKeyPage, { query: { ...query }, ...opts });
}

/** `GET /apikeys/{apiKey}`. */
export function getApiKey(
  client: UpstreamClient,
  apiKey: string,
  opts: CallOptions = {},
): Promise<ApiKeyRecord> {
  return call(client, 'GET', '/apikeys/{apiKey}', apiKeyAnswer, {
    params: { apiKey },
    ...opts,
    redact: [apiKey],
  });
}

/** `POST /apikeys` `{name, scope}`: the answer holds the new key's value. */
export function createApiKey(
  client: UpstreamClient,
  input: { name: string; scope: ApiKeyScope },
  opts: CallOptions = {},
): Promise<ApiKeyRecord> {
  return call(client, 'POST', '/apikeys', apiKeyAnswer, { body: { ...input }, ...opts });
}

/** `PUT /apikeys/{apiKey}` `{name, scope}`. */
export function updateApiKey(
  client: UpstreamClient,
  apiKey: string,
  input: { name?: string | undefined; scope?: ApiKeyScope | undefined },
  opts: CallOptions = {},
): Promise<ApiKeyRecord> {
  return call(client, 'PUT', '/apikeys/{apiKey}', apiKeyAnswer, {
    params: { apiKey },
    body: { ...input },
    ...opts,
    redact: [apiKey],
  });
}

/** `DELETE /apikeys/{apiKey}`: an acknowledgement. */
export function deleteApiKey(
  client: UpstreamClient,
  apiKey: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return call(client, 'DELETE', '/apikeys/{apiKey}', ackSchema, {
    params: { apiKey },
    ...opts,
    redact: [apiKey],
  });
}
