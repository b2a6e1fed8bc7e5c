/**
 * The one Pothos SchemaBuilder. Plugin order matters: scope-auth first (its checks run before
 * anything else), errors before validation and dataloader (see the stack notes), complexity last.
 * Object types live in src/schema/*, one domain type per file.
 */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
// Imported by file: bundlers that prefer graphql's ESM build would otherwise load a second copy
// beside the CommonJS one every dependency uses, and `instanceof` checks would fail across them.
import { isObjectType } from 'graphql/index.js';
import type { GatewayContext } from './context.js';
import { badUserInput, gatewayError } from './errors.js';

/** Cost limits per operation: each field may cost an upstream request, lists multiply by `first`. */
/** The sentence every admin-only field and mutation's description ends with. */
export const ADMIN_NOTE = 'Admin only (FORBIDDEN for end users).';

export const COMPLEXITY_LIMITS = { complexity: 10_000, depth: 12, breadth: 300 } as const;

function parseGlobalID(globalID: string): { typename: string; id: string } {
  try {
    return decodeGlobalID(globalID);
  } catch {
    throw badUserInput(`Invalid ID: "${globalID}" is not an ID issued by this API.`);
  }
}

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  AuthScopes: { admin: boolean; user: boolean; authenticated: boolean };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
  Connection: { totalCount: number | null };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
  };
}>({
  plugins: [
    ScopeAuthPlugin,
    ErrorsPlugin,
    ValidationPlugin,
    RelayPlugin,
    DataloaderPlugin,
    ComplexityPlugin,
  ],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({
      admin: context.caller.kind === 'admin',
      user: context.caller.kind === 'user',
      authenticated: true,
    }),
    unauthorizedError: () =>
      gatewayError('FORBIDDEN', 'The caller is not allowed to read or change this.'),
  },
  errors: {
    defaultTypes: [],
    directResult: true,
    defaultUnionOptions: {
      name: ({ fieldName }) => `${fieldName.charAt(0).toUpperCase()}${fieldName.slice(1)}Result`,
    },
  },
  validation: {
    validationError: (failure) =>
      badUserInput(
        failure.issues
          .map((issue) => {
            const path = issue.path?.map((part) => (typeof part === 'object' ? part.key : part));
            return path && path.length > 0 ? `${path.join('.')}: ${issue.message}` : issue.message;
          })
          .join('; '),
      ),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // A connection field's own multiplier is its page size, so its edges and nodes count once.
    edgesFieldOptions: {
      nullable: { list: false, items: false },
      description: 'The items of this page, each with its cursor.',
      complexity: { field: 0, multiplier: 1 },
    },
    nodeFieldOptions: { nullable: false, description: 'The item at the end of this edge.' },
    nodesOnConnection: {
      description: 'The items of this page, without cursors.',
      complexity: { field: 0, multiplier: 1 },
    },
    cursorFieldOptions: {
      description: 'An opaque cursor for this item: pass it as `after` to continue from here.',
    },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    pageInfoTypeOptions: {
      description: 'Where a page of a connection sits in the whole list.',
    },
    hasNextPageFieldOptions: { description: 'Whether items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: {
      description: 'The cursor of the first item of this page; null when the page is empty.',
    },
    endCursorFieldOptions: {
      description: 'The cursor of the last item of this page; null when the page is empty.',
    },
    nodeTypeOptions: {
      description: 'An object with an opaque, globally unique ID that `node` and `nodes` resolve.',
    },
    idFieldOptions: {
      description: 'An opaque global ID. Clients must not build or decode it.',
    },
    decodeGlobalID: (globalID) => parseGlobalID(globalID),
    nodeQueryOptions: {
      description:
        'Fetches any object by its global ID. Null when the object does not exist (any more).',
      args: { id: { description: 'A global ID returned by this API.' } },
      resolve: (_root, args, _context, info, resolveNode) => {
        assertNodeType(info.schema.getType(args.id.typename), args.id.typename);
        return resolveNode(args.id);
      },
    },
    // `nodes` is defined in schema/node.ts: a malformed ID there is a null item, not a failed list.
    nodesQueryOptions: false,
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: COMPLEXITY_LIMITS,
    complexityError: (kind, result) =>
      badUserInput(
        `The query is too expensive (${kind.toLowerCase()} ${
          kind === 'Depth' ? result.depth : kind === 'Breadth' ? result.breadth : result.complexity
        }, maximum ${
          kind === 'Depth'
            ? result.maxDepth
            : kind === 'Breadth'
              ? result.maxBreadth
              : result.maxComplexity
        }). Ask for fewer items or fewer fields.`,
      ),
  },
});

/** Throws BAD_USER_INPUT unless `typename` names an object type that implements `Node`. */
export function assertNodeType(type: unknown, typename: string): void {
  const isNode = isObjectType(type) && type.getInterfaces().some((iface) => iface.name === 'Node');
  if (!isNode) throw badUserInput(`Invalid ID: the type "${typename}" has no global IDs.`);
}
