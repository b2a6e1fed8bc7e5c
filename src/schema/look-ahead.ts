/**
 * Look-ahead from the selection set: a root lookup starts, together with its own call, the
 * upstream calls its child connections will make, when their arguments do not depend on the
 * lookup's answer (the guid, uid or message id is the root's own argument). And when a selection
 * reads `User.role`, the one `GET /roles` starts with the root's call instead of after it.
 *
 * Each child connection registers how to start its read ahead (`groupChildren.on('members',
 * ...)`); a root lookup runs the ones its selection asks for (`groupChildren.start(...)`). The
 * calls go through `view.prefetch`, in the same view, with the same query, that the child's own
 * resolver will use: the view holds the raw answer aside and serves it only to that resolver
 * (src/loaders/view.ts, rule 4). When the parent turns out null or forbidden, the child never
 * runs and the answer is dropped with the request, unseen. A look-ahead never throws: when it
 * cannot tell what the child will ask (arguments it would refuse, a perspective the caller may
 * not read in), it starts nothing and the child reads as it always did.
 */
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { GatewayContext } from '../context.js';

/** A child field's argument values, as its resolver will get them (defaults applied). */
export type ChildArgs = Record<string, unknown>;

/** Starts the upstream reads of one child field of the parent keyed `key`. */
type Starter<K> = (key: K, args: ChildArgs, context: GatewayContext) => void;

/** What a walk of a selection learnt beyond its answer. */
interface Walk {
  /** Whether a `@skip`/`@include` decided something (then the answer depends on variables). */
  dynamic: boolean;
}

/** Whether a node's `@skip`/`@include` leave it in, with this request's variables. */
function included(
  node: { directives?: readonly unknown[] | undefined },
  info: GraphQLResolveInfo,
  walk: Walk,
): boolean {
  if (!node.directives || node.directives.length === 0) return true;
  walk.dynamic = true;
  const typed = node as Parameters<typeof getDirectiveValues>[1];
  const skip = getDirectiveValues(GraphQLSkipDirective, typed, info.variableValues);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, typed, info.variableValues);
  return include?.if !== false;
}

/** Whether a fragment on `condition` applies to an object of type `type`. */
function applies(
  condition: string | undefined,
  type: GraphQLNamedType,
  info: GraphQLResolveInfo,
): boolean {
  if (condition === undefined || condition === type.name) return true;
  const conditionType = info.schema.getType(condition);
  return (
    conditionType !== undefined &&
    conditionType !== null &&
    isAbstractType(conditionType) &&
    isObjectType(type) &&
    info.schema.isSubType(conditionType, type)
  );
}

/**
 * The fields of a selection set (fragments flattened) that apply to an object of type `type`,
 * with `@skip`/`@include` honoured.
 */
function fieldsOf(
  selectionSet: SelectionSetNode | undefined,
  type: GraphQLNamedType,
  info: GraphQLResolveInfo,
  walk: Walk,
  out: FieldNode[] = [],
  seen: Set<string> = new Set(),
): FieldNode[] {
  if (!selectionSet) return out;
  for (const selection of selectionSet.selections) {
    if (!included(selection, info, walk)) continue;
    if (selection.kind === Kind.FIELD) {
      out.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(selection.typeCondition?.name.value, type, info)) {
        fieldsOf(selection.selectionSet, type, info, walk, out, seen);
      }
    } else {
      const name = selection.name.value;
      const fragment: FragmentDefinitionNode | undefined = info.fragments[name];
      if (!fragment || seen.has(name)) continue;
      seen.add(name);
      if (applies(fragment.typeCondition.name.value, type, info)) {
        fieldsOf(fragment.selectionSet, type, info, walk, out, seen);
      }
    }
  }
  return out;
}

/** The selected children of the current field named `name`, with their argument values. */
function childrenNamed(info: GraphQLResolveInfo, name: string): ChildArgs[] {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type) && !isInterfaceType(type)) return [];
  const definition = type.getFields()[name];
  if (!definition) return [];
  const found: ChildArgs[] = [];
  for (const fieldNode of info.fieldNodes) {
    for (const child of fieldsOf(fieldNode.selectionSet, type, info, { dynamic: false })) {
      if (child.name.value !== name) continue;
      found.push(getArgumentValues(definition, child, info.variableValues));
    }
  }
  return found;
}

/**
 * The look-ahead of one object type's child fields: each registered child says how to start its
 * reads for the parent keyed `K` (a guid, a uid, a message id).
 */
export class ChildLookAhead<K> {
  private readonly starters = new Map<string, Starter<K>>();

  constructor(readonly typeName: string) {}

  /** Registers how child field `field` of this type starts its reads ahead. */
  on(field: string, starter: Starter<K>): void {
    this.starters.set(field, starter);
  }

  /**
   * Starts, for the parent keyed `key` the current root field resolves, the reads of every
   * registered child its selection asks for (each selection of it: aliases with other arguments
   * too). `skip` names children to leave to their resolver.
   */
  start(
    info: GraphQLResolveInfo,
    context: GatewayContext,
    key: K,
    skip: (selected: (field: string) => boolean) => readonly string[] = () => [],
  ): void {
    if (getNamedType(info.returnType).name !== this.typeName) return;
    try {
      const skipped = skip((field) => childrenNamed(info, field).length > 0);
      for (const [field, starter] of this.starters) {
        if (skipped.includes(field)) continue;
        for (const args of childrenNamed(info, field)) starter(key, args, context);
      }
    } catch {
      // Arguments the child will refuse, or a view the caller may not read in: the child's own
      // resolver reads (or refuses) as it always did.
    }
  }
}

/** The child connections of `Group` a `group(guid)` lookup may start ahead. */
export const groupChildren = new ChildLookAhead<string>('Group');
/** The child connections of `User` a `user(uid)` lookup may start ahead. */
export const userChildren = new ChildLookAhead<string>('User');
/** The child connections of `Message` a `message(id)` lookup may start ahead. */
export const messageChildren = new ChildLookAhead<string>('Message');

/** Whether a root field's selection reads `User.role`, per field node (documents are reused). */
const readsRole = new WeakMap<FieldNode, boolean>();

/** Answers of one walk, per selection set and the type it applies to (keeps the walk linear). */
type Seen = Map<SelectionSetNode, Map<string, boolean>>;

function selectsUserRole(
  selectionSet: SelectionSetNode | undefined,
  type: GraphQLNamedType,
  info: GraphQLResolveInfo,
  walk: Walk & { seen: Seen },
): boolean {
  if (!selectionSet || !(isObjectType(type) || isAbstractType(type))) return false;
  let byType = walk.seen.get(selectionSet);
  const known = byType?.get(type.name);
  if (known !== undefined) return known;
  if (!byType) {
    byType = new Map();
    walk.seen.set(selectionSet, byType);
  }
  byType.set(type.name, false); // a cycle through fragments finds nothing new
  // An abstract type: each of its object types' view of the selection.
  const objectTypes = isAbstractType(type) ? info.schema.getPossibleTypes(type) : [type];
  let found = false;
  for (const objectType of objectTypes) {
    const fields = objectType.getFields();
    for (const child of fieldsOf(selectionSet, objectType, info, walk)) {
      const name = child.name.value;
      const definition = fields[name];
      if (objectType.name === 'User' && name === 'role') found = true;
      else if (definition && child.selectionSet && !emptyList(definition, child, info, walk)) {
        found = selectsUserRole(child.selectionSet, getNamedType(definition.type), info, walk);
      }
      if (found) break;
    }
    if (found) break;
  }
  byType.set(type.name, found);
  return found;
}

/**
 * Whether a field is a list asked for no items (`first: 0`, `last: 0`, `ids: []`): nothing below
 * it resolves, so it reads no role (and the cost table counts none).
 */
function emptyList(
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
  info: GraphQLResolveInfo,
  walk: Walk,
): boolean {
  if (
    !definition.args.some(
      (arg) => arg.name === 'first' || arg.name === 'last' || arg.name === 'ids',
    )
  ) {
    return false;
  }
  if (node.arguments?.some((arg) => arg.value.kind === Kind.VARIABLE)) walk.dynamic = true;
  const args = getArgumentValues(definition, node, info.variableValues);
  // As the cost table reads a page: `last` wins over `first`.
  const page = args.last ?? args.first;
  if (page === 0) return true;
  return Array.isArray(args.ids) && args.ids.length === 0;
}

/**
 * When the current root field's selection reads `User.role` anywhere below it, starts the one
 * `GET /roles` of the caller's view now (where `User.role` reads it), alongside the root's own
 * call rather than after it.
 */
export function startRolesAhead(info: GraphQLResolveInfo, context: GatewayContext): void {
  try {
    const [first] = info.fieldNodes;
    if (!first) return;
    let wanted = info.fieldNodes.length === 1 ? readsRole.get(first) : undefined;
    if (wanted === undefined) {
      const walk = { dynamic: false, seen: new Map() };
      const type = getNamedType(info.returnType);
      const definition = info.parentType.getFields()[info.fieldName];
      wanted = info.fieldNodes.some(
        (node) =>
          !(definition && emptyList(definition, node, info, walk)) &&
          selectsUserRole(node.selectionSet, type, info, walk),
      );
      if (!walk.dynamic && info.fieldNodes.length === 1) readsRole.set(first, wanted);
    }
    if (wanted) context.view().prefetch.roles();
  } catch {
    // Nothing started: `User.role` reads the roles when it runs.
  }
}
