/**
 * What the concrete message types share: each is a `Node` implementing `Message`, keyed by
 * CometChat's message id, that claims exactly the records `messageTypeName` files under it; and
 * some expose a CometChat name from an open set as an enum with an OTHER value.
 */
import type { ObjectFieldsShape } from '@pothos/core';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../context.js';
import type { MessageRecord } from '../../upstream/records.js';
import { MessageRef } from '../refs.js';
import { isMessageRecord, type MessageTypeName, messageTypeName } from './common.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** Loads messages for `node`/`nodes`: a message of another type than the ID says is missing. */
function loadAs(typeName: MessageTypeName) {
  return (ids: string[], context: GatewayContext) =>
    ids.map(async (id) => {
      const message = await context.view().loaders.messages.load(id);
      return message !== null && messageTypeName(message) === typeName ? message : null;
    });
}

function isType(typeName: MessageTypeName) {
  return (value: unknown) => isMessageRecord(value) && messageTypeName(value) === typeName;
}

/** Declares the concrete message type `typeName` with its own `fields`. */
export function messageNode(
  typeName: MessageTypeName,
  options: { description: string; fields: ObjectFieldsShape<Types, MessageRecord> },
) {
  return builder.node(builder.objectRef<MessageRecord>(typeName), {
    description: options.description,
    interfaces: [MessageRef],
    isTypeOf: isType(typeName),
    id: { resolve: (message) => message.id },
    loadMany: loadAs(typeName),
    fields: options.fields,
  });
}

/**
 * An enum over an open CometChat set (message actions, call statuses): the `known` values plus
 * OTHER, described by `other`, for a name this API does not know yet. `narrow` maps CometChat's
 * name to the enum's value.
 */
export function openEnum<
  const Known extends Record<string, { value: string; description: string }>,
>(name: string, options: { description: string; known: Known; other: string }) {
  const values = {
    ...options.known,
    OTHER: { value: 'other', description: options.other },
  } as const;
  const known = new Set<string>(Object.values(options.known).map((entry) => entry.value));
  return {
    ref: builder.enumType(name, { description: options.description, values }),
    narrow: (raw: string): Known[keyof Known]['value'] | 'other' =>
      known.has(raw) ? (raw as Known[keyof Known]['value']) : 'other', // membership checked
  };
}
