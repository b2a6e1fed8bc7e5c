/**
 * `PATCH /messages/{id}/interacted` (onBehalfOf required), body `{interactions: [elementId]}`:
 * records that the user interacted with those elements of an interactive message (a form's
 * submit button, a card's action). Interactions are each user's own and show in messages rendered
 * for them as `data.interactions: [{elementId, interactedAt}]`. Answers with an acknowledgement.
 */

import { LIMITS } from '../cometchat/limits.js';
import { requireOnBehalfOf } from './chat-errors.js';
import {
  ack,
  badRequest,
  bodyObject,
  EmuError,
  type EmulatorContext,
  type EmuRequest,
  type EmuResponse,
  type Router,
} from './http.js';
import { findMessage } from './messages.js';

/** The most element ids one call may name (the emulator's own limit). */
const MAX_ELEMENTS = LIMITS.interactionElements;

export function registerInteractions(router: Router): void {
  router.add('PATCH', '/messages/:id/interacted', markInteracted);
}

/** Every `elementId` an interactive message's definition declares (fields, buttons, actions). */
export function elementIdsOf(data: Record<string, unknown>): Set<string> {
  const ids = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.elementId === 'string') ids.add(record.elementId);
      for (const child of Object.values(record)) visit(child);
    }
  };
  visit(data.interactiveData);
  return ids;
}

function markInteracted(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const viewer = requireOnBehalfOf(req);
  const message = findMessage(store, req.params.id, viewer);
  const body = bodyObject(req);
  const raw = body.interactions;
  if (
    !Array.isArray(raw) ||
    raw.length === 0 ||
    raw.length > MAX_ELEMENTS ||
    !raw.every((id) => typeof id === 'string' && id !== '')
  ) {
    throw badRequest({
      interactions: [`The interactions must be a list of 1 to ${MAX_ELEMENTS} element ids.`],
    });
  }
  if (message.category !== 'interactive' || message.deletedAt !== undefined) {
    throw new EmuError(
      400,
      'ERR_NOT_INTERACTIVE_MESSAGE',
      `The message with id ${message.id} is not an interactive message.`,
    );
  }
  if (message.sender === viewer && message.data.allowSenderInteraction !== true) {
    throw new EmuError(
      403,
      'ERR_SENDER_INTERACTION_NOT_ALLOWED',
      `The sender of message ${message.id} may not interact with it.`,
    );
  }
  const known = elementIdsOf(message.data);
  const unknown = (raw as string[]).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw badRequest({
      interactions: [`The message ${message.id} has no element ${unknown.join(', ')}.`],
    });
  }
  let byUser = store.interactions.get(message.id);
  if (!byUser) {
    byUser = new Map();
    store.interactions.set(message.id, byUser);
  }
  const mine = byUser.get(viewer) ?? [];
  byUser.set(viewer, mine);
  const at = store.now();
  for (const elementId of new Set(raw as string[])) mine.push({ elementId, interactedAt: at });
  return ack(`The message id ${message.id} has been marked as interacted for the user ${viewer}.`);
}
