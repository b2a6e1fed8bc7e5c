/**
 * The schema and mutation suites' harness: one quiet gateway per suite over a fresh emulator
 * (seed `demo`), called in process, with the emulator's request log to count upstream calls; and
 * what those suites share: one-field mutations, their documents and the shape of their errors.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { EmulatorOptions } from '../../src/emulator/server.js';
import type { UpstreamClientOptions } from '../../src/upstream/client.js';
import { type InProcessGateway, startQuietGateway } from './gateway.js';
import type { GraphQLResponse } from './graphql-http.js';

export interface MutationOutcome<T> {
  /** The operation's one root field. */
  result: T;
  /** API requests the emulator received meanwhile. */
  calls: number;
  /** Those of them that were not GETs. */
  writes: number;
}

export interface Harness extends InProcessGateway {
  /**
   * Runs an operation with one root field as the admin (or as the end user `as`), expects no
   * GraphQL errors, and returns that field with the upstream calls it caused.
   */
  mutate<T = Record<string, unknown>>(
    text: string,
    variables?: Record<string, unknown>,
    options?: { as?: string },
  ): Promise<MutationOutcome<T>>;
}

export interface HarnessOptions {
  /**
   * Settings for the gateway's CometChat client over the defaults (e.g. a short
   * `requestTimeoutMs`, or `management: undefined` for a gateway without management credentials).
   */
  client?: Partial<UpstreamClientOptions>;
}

/** Starts a quiet gateway over a fresh emulator (`options` over seed `demo`, port 0). */
export async function startHarness(
  options: EmulatorOptions = {},
  harnessOptions: HarnessOptions = {},
): Promise<Harness> {
  const gateway = await startQuietGateway({
    emulator: options,
    ...(harnessOptions.client ? { client: harnessOptions.client } : {}),
  });
  return {
    ...gateway,
    mutate: <T>(text: string, variables?: Record<string, unknown>, opts?: { as?: string }) =>
      mutateOn<T>(gateway, text, variables, opts),
  };
}

/**
 * `Harness.mutate` on any gateway: runs an operation with one root field as the admin (or as the
 * end user `as`), expects no GraphQL errors, and returns that field with the upstream calls it
 * caused.
 */
export async function mutateOn<T = Record<string, unknown>>(
  gateway: InProcessGateway,
  text: string,
  variables: Record<string, unknown> = {},
  opts: { as?: string } = {},
): Promise<MutationOutcome<T>> {
  let response: GraphQLResponse<Record<string, T>> | undefined;
  const calls = await gateway.countUpstream(async () => {
    response =
      opts.as === undefined
        ? await gateway.query<Record<string, T>>(text, variables)
        : await gateway.asUser<Record<string, T>>(opts.as, text, variables);
  });
  expect(response?.errors).toBeUndefined();
  const [value] = Object.values(response?.data ?? {});
  const writes = gateway.emulator.requests().filter((r) => r.method !== 'GET').length;
  return { result: value as T, calls, writes }; // an operation with a single root field
}

/**
 * Starts a harness for the calling suite (or `describe` block) before its tests and closes it
 * after them. The returned object is filled in by `beforeAll`, so use it inside tests and hooks.
 */
export function useHarness(
  options: EmulatorOptions = {},
  harnessOptions: HarnessOptions = {},
): Harness {
  const harness = {} as Harness; // filled in by beforeAll below, before any test or later hook
  beforeAll(async () => {
    Object.assign(harness, await startHarness(options, harnessOptions));
  });
  afterAll(async () => {
    await harness.close?.();
  });
  return harness;
}

/** The data of a response that must have no errors. */
export function ok<T>(response: GraphQLResponse<T>): T {
  expect(response.errors).toBeUndefined();
  if (!response.data) throw new Error('no data');
  return response.data;
}

/** The fields every mutation test selects on a result union's error branch. */
export const USER_ERROR_FIELDS = '... on UserError { __typename message path code }';
/** The violations of a ValidationError. */
export const VIOLATION_FIELDS = '... on ValidationError { violations { path message } }';
/** Both: the error branch with a ValidationError's violations. */
export const ERROR_AND_VIOLATION_FIELDS = `${USER_ERROR_FIELDS} ${VIOLATION_FIELDS}`;

/** A UserError branch as `USER_ERROR_FIELDS` (and `VIOLATION_FIELDS`) select it. */
export interface UserErrorShape {
  __typename: string;
  message: string;
  path: string[];
  code: string | null;
  violations?: { path: string[]; message: string }[];
}

/**
 * A one-field mutation document: `field(input: $input)` typed `<Field>Input!`, with `__typename`,
 * `payload` selected on `<Field>Payload` and `errors` on the error branches.
 */
export function mutationDocument(field: string, payload: string, errors = USER_ERROR_FIELDS) {
  const type = `${field.charAt(0).toUpperCase()}${field.slice(1)}`;
  return `mutation ($input: ${type}Input!) {
  ${field}(input: $input) {
    __typename
    ... on ${type}Payload { ${payload} }
    ${errors}
  }
}`;
}
