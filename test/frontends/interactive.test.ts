/**
 * Interactive messages over the emulator (seed `demo`): a form's and a card's typed content, the
 * viewing user's interactions and goal, `messageMarkInteracted` as oneself only, validation before
 * the network, and CometChat's refusals as typed errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/emulator/store.js';
import { mutationDocument, useHarness } from '../support/harness.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const U3 = 'cometchat-uid-3';

let formId = '';
let cardId = '';

beforeAll(() => {
  const store = h.emulator.store;
  const now = store.now();
  const base = {
    conversationId: conversationIdFor('user', U1, U2),
    sender: U2,
    receiver: U1,
    receiverType: 'user' as const,
    category: 'interactive' as const,
    tags: [],
    sentAt: now,
    updatedAt: now,
    replyCount: 0,
  };
  formId = String(
    store.addMessage({
      ...base,
      type: 'form',
      data: {
        interactiveData: {
          title: 'RSVP',
          goalCompletionText: 'Thanks!',
          formFields: [
            { elementType: 'textInput', elementId: 'name', label: 'Name', optional: false },
            {
              elementType: 'dropdown',
              elementId: 'meal',
              label: 'Meal',
              options: [
                { value: 'veg', label: 'Vegetarian' },
                { value: 'fish', label: 'Fish' },
              ],
            },
          ],
          submitElement: {
            elementType: 'button',
            elementId: 'submit',
            buttonText: 'Send',
            disableAfterInteracted: true,
            action: { actionType: 'apiAction', url: 'https://example.com/rsvp', method: 'POST' },
          },
        },
        interactionGoal: { type: 'allOf', elementIds: ['submit'] },
        allowSenderInteraction: false,
      },
    }).id,
  );
  cardId = String(
    store.addMessage({
      ...base,
      type: 'card',
      data: {
        interactiveData: {
          text: 'Our new plan',
          imageUrl: 'https://example.com/plan.png',
          cardActions: [
            {
              elementType: 'button',
              elementId: 'learn',
              buttonText: 'Learn more',
              action: { actionType: 'urlNavigation', url: 'https://example.com' },
            },
          ],
        },
        interactionGoal: { type: 'anyAction', elementIds: [] },
      },
    }).id,
  );
});

const CONTENT = `query($id: String!) { message(id: $id) { ... on InteractiveMessage {
  interactiveType goalType goalElementIds isGoalCompletedByViewer
  viewerInteractions { elementId interactedAt }
  form { title goalCompletionText
    fields { elementId elementType label optional options { value label } interactedByViewer }
    submitButton { elementId buttonText disableAfterInteracted interactedByViewer
      action { actionType url method } } }
  card { text imageUrl actions { elementId buttonText action { actionType url } } } } } }`;

const MARK = mutationDocument(
  'messageMarkInteracted',
  'interactedMessage { ... on InteractiveMessage { isGoalCompletedByViewer viewerInteractions { elementId } } }',
);

interface Result {
  __typename: string;
  path?: string[];
  code?: string | null;
  interactedMessage?: {
    isGoalCompletedByViewer: boolean | null;
    viewerInteractions: { elementId: string }[];
  };
}

describe('InteractiveMessage', () => {
  it("exposes a form's and a card's content, at no extra call", async () => {
    let response!: Awaited<ReturnType<typeof h.asUser<{ message: unknown }>>>;
    const calls = await h.countUpstream(async () => {
      response = await h.asUser<{ message: unknown }>(U1, CONTENT, { id: formId });
    });
    expect(calls).toBe(1);
    expect(response.errors).toBeUndefined();
    expect(response.data?.message).toMatchObject({
      interactiveType: 'form',
      goalType: 'ALL_OF',
      goalElementIds: ['submit'],
      isGoalCompletedByViewer: false,
      viewerInteractions: [],
      form: {
        title: 'RSVP',
        goalCompletionText: 'Thanks!',
        fields: [
          { elementId: 'name', elementType: 'textInput', label: 'Name', optional: false },
          {
            elementId: 'meal',
            options: [
              { value: 'veg', label: 'Vegetarian' },
              { value: 'fish', label: 'Fish' },
            ],
            interactedByViewer: false,
          },
        ],
        submitButton: {
          elementId: 'submit',
          buttonText: 'Send',
          disableAfterInteracted: true,
          action: { actionType: 'apiAction', url: 'https://example.com/rsvp', method: 'POST' },
        },
      },
      card: null,
    });
    const card = await h.asUser<{ message: unknown }>(U1, CONTENT, { id: cardId });
    expect(card.data?.message).toMatchObject({
      interactiveType: 'card',
      form: null,
      card: {
        text: 'Our new plan',
        imageUrl: 'https://example.com/plan.png',
        actions: [{ elementId: 'learn', action: { actionType: 'urlNavigation' } }],
      },
    });
  });

  it('records the viewing user’s interactions, private to them, and meets the goal', async () => {
    const { result, calls } = await h.mutate<Result>(
      MARK,
      { input: { messageId: formId, elementIds: ['submit'] } },
      { as: U1 },
    );
    expect(result).toEqual({
      __typename: 'MessageMarkInteractedPayload',
      interactedMessage: {
        isGoalCompletedByViewer: true,
        viewerInteractions: [{ elementId: 'submit' }],
      },
    });
    expect(calls).toBe(2);
    const patch = h.emulator.requests().find((r) => r.method === 'PATCH');
    expect(patch).toMatchObject({ onBehalfOf: U1 });
    const mine = await h.asUser<{
      message: { form: { submitButton: { interactedByViewer: boolean } } };
    }>(U1, CONTENT, { id: formId });
    expect(mine.data?.message.form.submitButton.interactedByViewer).toBe(true);
    // The sender does not see the receiver's interactions.
    const theirs = await h.asUser<{ message: { viewerInteractions: unknown[] } }>(U2, CONTENT, {
      id: formId,
    });
    expect(theirs.data?.message.viewerInteractions).toEqual([]);
  });

  it.each([
    ['no element', { elementIds: [] }, ['input', 'elementIds']],
    ['an empty element id', { elementIds: [' '] }, ['input', 'elementIds', '0']],
    ['a bad message id', { messageId: 'x', elementIds: ['a'] }, ['input', 'messageId']],
  ])('refuses %s before calling CometChat', async (_name, input, path) => {
    const { result, calls } = await h.mutate<Result>(
      MARK,
      { input: { messageId: formId, ...input } },
      { as: U1 },
    );
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path });
  });

  it('acts only as a user: an admin without X-Act-As is refused without a call', async () => {
    const { result, calls } = await h.mutate<Result>(MARK, {
      input: { messageId: formId, elementIds: ['submit'] },
    });
    expect(calls).toBe(0);
    expect(result.__typename).toBe('ValidationError');
  });

  it("maps CometChat's refusals to typed errors", async () => {
    const unknown = await h.mutate<Result>(
      MARK,
      { input: { messageId: cardId, elementIds: ['nope'] } },
      { as: U1 },
    );
    expect(unknown.result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'elementIds'],
    });
    const sender = await h.mutate<Result>(
      MARK,
      { input: { messageId: formId, elementIds: ['submit'] } },
      { as: U2 },
    );
    expect(sender.result.__typename).toBe('PermissionDeniedError');
    const outsider = await h.mutate<Result>(
      MARK,
      { input: { messageId: formId, elementIds: ['submit'] } },
      { as: U3 },
    );
    expect(['PermissionDeniedError', 'NotFoundError']).toContain(outsider.result.__typename);
    const missing = await h.mutate<Result>(
      MARK,
      { input: { messageId: '999999', elementIds: ['submit'] } },
      { as: U1 },
    );
    expect(missing.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'messageId'],
    });
  });
});
