/**
 * What the client examples share: a gateway over a real loopback socket and its emulator (seed
 * `demo`), the headers a frontend's backend-for-frontend would send, and a conversation with a
 * known number of fresh messages.
 */
import { afterAll, beforeAll } from 'vitest';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';

export const U1 = 'cometchat-uid-1';
export const U2 = 'cometchat-uid-2';
export const U3 = 'cometchat-uid-3';
/** A user with no messages with U2 in the demo seed. */
export const U4 = 'cometchat-uid-4';

/** Starts one gateway for the suite; `gateway()` returns it inside tests. */
export function useClientGateway(): () => TestGateway {
  let gateway: TestGateway | undefined;
  beforeAll(async () => {
    gateway = await startTestGateway({ emulator: { seed: 'demo' } });
  });
  afterAll(async () => {
    await gateway?.close();
  });
  return () => {
    if (!gateway) throw new Error('the gateway has not started');
    return gateway;
  };
}

/** The admin token, acting as `uid` when given (README, "End users: who is asking"). */
export function headersFor(uid?: string): Record<string, string> {
  return {
    authorization: `Bearer ${ADMIN_TOKEN}`,
    ...(uid === undefined ? {} : { 'x-act-as': uid }),
  };
}

/** POSTs one operation as `uid` and returns its JSON body, failing on GraphQL errors. */
export async function post<T>(
  gateway: TestGateway,
  query: string,
  variables: Record<string, unknown>,
  uid?: string,
): Promise<T> {
  const response = await fetch(gateway.info.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headersFor(uid) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Sends `count` texts from `from` to `to` (numbered 1..count); returns their CometChat ids. */
export async function sendTexts(
  gateway: TestGateway,
  from: string,
  to: string,
  count: number,
  label: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 1; index <= count; index += 1) {
    const data = await post<{ messageSend: { message?: { cometchatId: string } } }>(
      gateway,
      `mutation ($input: MessageSendInput!) { messageSend(input: $input) {
        ... on MessageSendPayload { message { cometchatId } } } }`,
      { input: { receiverUids: [to], text: `${label} ${index}` } },
      from,
    );
    const id = data.messageSend.message?.cometchatId;
    if (!id) throw new Error('not sent');
    ids.push(id);
  }
  return ids;
}

/** CometChat's id of the 1:1 conversation of two users. */
export function directConversationId(a: string, b: string): string {
  return [a, b].sort().join('_user_');
}
