/**
 * What the front-end feature suites share: an operation sent over the gateway's HTTP surface as
 * the admin acting as a user (`X-Act-As`), so that errors are masked exactly as a client sees
 * them, and a message sent as a user.
 */
import { expect } from 'vitest';
import { ADMIN_TOKEN, type InProcessGateway } from '../support/gateway.js';
import type { GraphQLResponse } from '../support/graphql-http.js';

/** Runs `query` over HTTP with the admin token and `X-Act-As: uid` (or as the admin alone). */
export async function overHttp<T = Record<string, unknown>>(
  gateway: InProcessGateway,
  uid: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${ADMIN_TOKEN}`,
    'content-type': 'application/json',
  };
  if (uid !== null) headers['x-act-as'] = uid;
  const response = await gateway.inProcess('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Sends a text message as `as` to the user `to` (or the group `toGroup`); its CometChat id. */
export async function sendText(
  gateway: InProcessGateway,
  as: string,
  to: { uid?: string; guid?: string },
  text = 'hello',
): Promise<string> {
  const response = await gateway.asUser<{
    messageSend: { sentMessage?: { cometchatId: string } };
  }>(
    as,
    `mutation($input: MessageSendInput!) { messageSend(input: $input) {
      ... on MessageSendPayload { sentMessage { cometchatId } } } }`,
    {
      input: {
        ...(to.uid ? { receiverUids: [to.uid] } : {}),
        ...(to.guid ? { receiverGuids: [to.guid] } : {}),
        text,
      },
    },
  );
  expect(response.errors).toBeUndefined();
  const id = response.data?.messageSend.sentMessage?.cometchatId;
  if (!id) throw new Error('not sent');
  return id;
}
