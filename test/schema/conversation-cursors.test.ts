/**
 * Cursors name a position in a conversation, not a field path: the cursor of a sent message (and
 * of any page) pages on in every list over the same conversation, whoever reads it and whatever
 * its filters, and is refused by a list over another conversation.
 */
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../support/graphql-http.js';
import { mutationDocument, ok, useHarness } from '../support/harness.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const U3 = 'cometchat-uid-3';
const C12 = 'cometchat-uid-1_user_cometchat-uid-2';

type Json = Record<string, unknown>;
interface Page {
  nodes: { cometchatId: string }[];
}

const SEND = mutationDocument(
  'messageSend',
  'message { cometchatId } messageEdge { cursor }',
  '... on UserError { errorMessage: message }',
);

async function send(text: string): Promise<{ id: string; cursor: string }> {
  const { result } = await h.mutate<Json>(
    SEND,
    { input: { receiverUids: [U2], text } },
    { as: U1 },
  );
  return {
    id: (result.message as Json).cometchatId as string,
    cursor: (result.messageEdge as Json).cursor as string,
  };
}

const NODES = 'nodes { cometchatId }';

describe('a cursor from messageSend', () => {
  it('pages on in every list of that conversation, as the sender and as an admin', async () => {
    const first = await send('cursor one');
    const second = await send('cursor two');
    const third = await send('cursor three');
    const after = { cursor: first.cursor };
    const asUser = ok(
      await h.asUser<Json>(
        U1,
        `query ($cursor: String!) {
          root: messages(conversationId: "${C12}", first: 2, after: $cursor) { ${NODES} }
          withUser: messages(withUser: "${U2}", first: 2, after: $cursor) { ${NODES} }
          filtered: messages(conversationId: "${C12}", first: 2, after: $cursor, filter: { search: "cursor" }) { ${NODES} }
          user(uid: "${U2}") { messages(first: 2, after: $cursor) { ${NODES} } }
          conversation(by: { withUser: "${U2}" }) { messages(first: 2, after: $cursor) { ${NODES} } }
        }`,
        after,
      ),
    );
    const asAdmin = ok(
      await h.query<Json>(
        `query ($cursor: String!) {
          root: messages(conversationId: "${C12}", first: 2, after: $cursor) { ${NODES} }
          user(uid: "${U1}") { messages(withUser: "${U2}", first: 2, after: $cursor) { ${NODES} } }
          conversation(by: { withUser: "${U1}" }, uid: "${U2}") { messages(first: 2, after: $cursor) { ${NODES} } }
        }`,
        after,
      ),
    );
    const expected = [{ cometchatId: second.id }, { cometchatId: third.id }];
    const pages = [
      asUser.root,
      asUser.withUser,
      asUser.filtered,
      (asUser.user as Json).messages,
      (asUser.conversation as Json).messages,
      asAdmin.root,
      (asAdmin.user as Json).messages,
      (asAdmin.conversation as Json).messages,
    ] as Page[];
    for (const page of pages) expect(page.nodes).toEqual(expected);
  });

  it('pages backwards too, and a page cursor of one list pages on in another', async () => {
    const first = await send('back one');
    const second = await send('back two');
    const page = ok(
      await h.asUser<{ messages: { edges: { cursor: string }[] } }>(
        U1,
        `query ($cursor: String!) { messages(conversationId: "${C12}", last: 1, before: $cursor) { edges { cursor } } }`,
        { cursor: second.cursor },
      ),
    );
    const cursor = page.messages.edges[0]?.cursor;
    const next = ok(
      await h.asUser<{ user: { messages: Page } }>(
        U1,
        `query ($cursor: String!) { user(uid: "${U2}") { messages(first: 1, after: $cursor) { ${NODES} } } }`,
        { cursor },
      ),
    );
    expect(next.user.messages.nodes).toEqual([{ cometchatId: second.id }]);
    expect(first.id).not.toBe(second.id);
  });

  it('is refused by a list over another conversation', async () => {
    const { cursor } = await send('elsewhere');
    const response = await h.asUser(
      U1,
      `query ($cursor: String!) { messages(withUser: "${U3}", first: 1, after: $cursor) { ${NODES} } }`,
      { cursor },
    );
    expect(errorCodes(response.errors)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toContain('different list');
  });
});
