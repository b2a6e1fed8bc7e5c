import { decodeGlobalID, resolveNodes } from '@pothos/plugin-relay';
import { assertNodeType, builder } from '../builder.js';
import { badUserInput } from '../errors.js';

// The relay plugin adds `node` to this root (options in builder.ts); every independently
// fetchable type implements `Node`.
builder.queryType({
  description:
    'The read entry points. Every field needs a caller: send `Authorization: Bearer <token>`.',
});

const MAX_NODE_IDS = 100;

type Slot = { typename: string; id: string } | Error;

builder.queryField('nodes', (t) =>
  t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    description:
      'Fetches objects by global ID, in the same order and number as `ids`. An item is null when its object does not exist (any more) or may not be read, and null with an error at its index when its ID is malformed or its type could not be read.',
    args: {
      ids: t.arg.idList({
        required: true,
        description: `Global IDs returned by this API (at most ${MAX_NODE_IDS}).`,
      }),
    },
    resolve: async (_root, args, context, info) => {
      if (args.ids.length > MAX_NODE_IDS) {
        throw badUserInput(`nodes accepts at most ${MAX_NODE_IDS} IDs.`);
      }
      const slots: Slot[] = args.ids.map((raw) => {
        let decoded: { typename: string; id: string };
        try {
          decoded = decodeGlobalID(String(raw));
        } catch {
          return badUserInput(`Invalid ID: "${String(raw)}" is not an ID issued by this API.`);
        }
        try {
          assertNodeType(info.schema.getType(decoded.typename), decoded.typename);
        } catch (error) {
          return error as Error; // assertNodeType's BAD_USER_INPUT
        }
        return decoded;
      });
      // One batch per type, so a type whose reads fail leaves the other types' items intact. A
      // failed item is its error: graphql throws it at that index, and the error masker maps it.
      const results: unknown[] = slots.map((slot) => (slot instanceof Error ? slot : null));
      const byType = new Map<string, number[]>();
      slots.forEach((slot, index) => {
        if (slot instanceof Error) return;
        byType.set(slot.typename, [...(byType.get(slot.typename) ?? []), index]);
      });
      await Promise.all(
        [...byType.values()].map(async (indexes) => {
          const ids = indexes.map((index) => slots[index] as { typename: string; id: string });
          try {
            const loaded = await resolveNodes(builder, context, info, ids);
            loaded.forEach((value, i) => {
              results[indexes[i] as number] = value;
            });
          } catch (error) {
            const failure = error instanceof Error ? error : new Error(String(error));
            for (const index of indexes) results[index] = failure;
          }
        }),
      );
      return results as Awaited<ReturnType<typeof resolveNodes>>;
    },
  }),
);
