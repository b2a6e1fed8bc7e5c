/**
 * Field-builder types for field sets several mutation types share, and the payload that holds one
 * changed object (most `…Payload` types are exactly that).
 */
import type { InterfaceRef, ObjectRef } from '@pothos/core';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../context.js';
import { type CostRule, costs } from '../cost-rules.js';
import { renamedTo } from '../deprecation.js';

/** The builder's schema types. */
export type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** The field builder of an input type. */
export type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>;

/** The field builder of an object type whose values are `Parent`. */
export type ObjectFieldBuilder<Parent> = PothosSchemaTypes.ObjectFieldBuilder<Types, Parent>;

/**
 * A payload type with one field, `field`, holding the object the mutation changed, named after
 * the object (`message`, `group`). `legacyName` keeps an older name as a deprecated alias.
 */
export function objectPayload<Field extends string, Shape>(
  name: string,
  description: string,
  field: {
    name: Field;
    type: ObjectRef<Types, Shape> | InterfaceRef<Types, Shape>;
    description: string;
    legacyName?: string;
    /** What reading the field costs in CometChat calls, when not in the cost tables. */
    cost?: CostRule;
  },
) {
  const extensions = field.cost ? costs(field.cost) : undefined;
  return builder.objectRef<Record<Field, Shape>>(name).implement({
    description,
    fields: (t) => ({
      [field.name]: t.field({
        type: field.type,
        description: field.description,
        ...(extensions ? { extensions } : {}),
        resolve: (payload) => payload[field.name] as never, // the ref's shape: Pothos cannot infer it generically
      }),
      ...(field.legacyName === undefined
        ? {}
        : {
            [field.legacyName]: t.field({
              type: field.type,
              description: field.description,
              deprecationReason: renamedTo(field.name),
              ...(extensions ? { extensions } : {}),
              resolve: (payload) => payload[field.name] as never,
            }),
          }),
    }),
  });
}

/**
 * A payload type with one nullable field, `field`, that reads the changed object back from
 * CometChat, for writes whose answer holds no record: one more upstream call, made only when the
 * field is selected; a failed read nulls the field alone.
 */
export function rereadPayload<Shape>(
  name: string,
  description: string,
  field: {
    name: string;
    type: ObjectRef<Types, Shape>;
    description: string;
    read: (context: GatewayContext) => Promise<Shape>;
  },
) {
  return builder.objectRef<object>(name).implement({
    description,
    fields: (t) => ({
      [field.name]: t.field({
        type: field.type,
        nullable: true,
        description: field.description,
        resolve: (_payload, _args, context) => field.read(context) as never, // the ref's shape: Pothos cannot infer it generically
      }),
    }),
  });
}
