/**
 * The schema's house rules (STYLE.md section 5), checked on the built schema: a description on
 * every element, naming, mutation shape, connection shape and paging arguments, and the field type
 * conventions. Each rule collects every offender, so one run lists all that is left to fix.
 */
// `graphql/index.js`, not `graphql`: vitest would resolve the bare name to the ESM build while
// Pothos (loaded by Node) uses the CommonJS one, and graphql's type guards reject the other realm.

import { readFileSync } from 'node:fs';
import {
  buildSchema,
  defaultFieldResolver,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  GraphQLSchema as GraphQLSchemaClass,
  GraphQLString,
  type GraphQLType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';

const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL_CASE = /^[a-z][A-Za-z0-9]*$/;
const SCREAMING_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const DEFAULT_FIRST = 20;
const MAX_FIRST = 100;
/** Types every independently fetchable object is (STYLE.md: "Which types are nodes"). */
const NODE_TYPES = ['User', 'Group', 'GroupMember', 'Message', 'Conversation', 'Role', 'Webhook'];

/** The types the project defines: no introspection types, no built-in scalars. */
function ownTypes(target: GraphQLSchema): GraphQLNamedType[] {
  return Object.values(target.getTypeMap())
    .filter((type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

type AnyField = GraphQLField<unknown, unknown>;

/** Output fields (objects and interfaces) with their owner, in name order. */
function outputFields(target: GraphQLSchema): { owner: string; field: AnyField }[] {
  const fields: { owner: string; field: AnyField }[] = [];
  for (const type of ownTypes(target)) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) fields.push({ owner: type.name, field });
  }
  return fields;
}

function hasText(description: string | null | undefined): boolean {
  return typeof description === 'string' && description.trim() !== '';
}

/** Every element that must carry a description, as `Type`, `Type.field`, `Type.field(arg)`, `Enum.VALUE`. */
function missingDescriptions(target: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (path: string, description: string | null | undefined) => {
    if (!hasText(description)) missing.push(path);
  };
  const checkArgs = (path: string, args: readonly GraphQLArgument[]) => {
    for (const arg of args) check(`${path}(${arg.name})`, arg.description);
  };
  for (const type of ownTypes(target)) {
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        checkArgs(`${type.name}.${field.name}`, field.args);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  for (const directive of target.getDirectives()) {
    if (isSpecifiedDirective(directive)) continue;
    check(`@${directive.name}`, directive.description);
    checkArgs(`@${directive.name}`, directive.args);
  }
  return missing;
}

/** Names that break the casing rules: types PascalCase, fields/args camelCase, enum values SCREAMING_SNAKE. */
function namingViolations(target: GraphQLSchema): string[] {
  const violations: string[] = [];
  const camel = (path: string, name: string) => {
    if (!CAMEL_CASE.test(name)) violations.push(`${path}: "${name}" is not camelCase`);
  };
  for (const type of ownTypes(target)) {
    if (!PASCAL_CASE.test(type.name)) violations.push(`${type.name}: type name is not PascalCase`);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        camel(`${type.name}.${field.name}`, field.name);
        for (const arg of field.args) camel(`${type.name}.${field.name}(${arg.name})`, arg.name);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        camel(`${type.name}.${field.name}`, field.name);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!SCREAMING_SNAKE.test(value.name)) {
          violations.push(`${type.name}.${value.name}: enum value is not SCREAMING_SNAKE_CASE`);
        }
      }
    }
  }
  return violations;
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The object type a mutation name starts with, singular or plural (`userCreate` -> `User`,
 * `usersBlock` -> `User`, `groupMembersAdd` -> `GroupMember`); null when there is none.
 */
function objectPrefix(target: GraphQLSchema, name: string): string | null {
  const words = name.split(/(?=[A-Z])/);
  for (let count = words.length - 1; count >= 1; count--) {
    const prefix = capitalize(words.slice(0, count).join(''));
    for (const candidate of [prefix, prefix.replace(/s$/, '')]) {
      const type = target.getType(candidate);
      if (type && (isObjectType(type) || isInterfaceType(type) || isUnionType(type))) {
        return candidate;
      }
    }
  }
  return null;
}

/**
 * Mutations: object-first names, one `input: <Name>Input!` argument, a nullable `<Name>Result`
 * union return (nullable so that an outage in one root mutation cannot null the whole response and
 * hide the results of the others).
 */
function mutationViolations(target: GraphQLSchema): string[] {
  const mutation = target.getMutationType();
  if (!mutation) return [];
  const violations: string[] = [];
  const userError = target.getType('UserError');
  for (const field of Object.values(mutation.getFields())) {
    const path = `Mutation.${field.name}`;
    const base = capitalize(field.name);
    if (!objectPrefix(target, field.name)) {
      violations.push(
        `${path}: name does not start with an object type (object-first, e.g. userCreate, usersBlock)`,
      );
    }
    const [input, ...extra] = field.args;
    if (!input || extra.length > 0 || input.name !== 'input') {
      violations.push(`${path}: must take exactly one argument, \`input\``);
    } else if (!isNonNullType(input.type) || getNamedType(input.type).name !== `${base}Input`) {
      violations.push(`${path}(input): type must be ${base}Input!, is ${String(input.type)}`);
    }
    const result = getNamedType(field.type);
    if (isNonNullType(field.type) || result.name !== `${base}Result`) {
      violations.push(
        `${path}: must return ${base}Result (nullable), returns ${String(field.type)}`,
      );
    } else if (!isUnionType(result)) {
      violations.push(`${path}: ${result.name} must be a union of ${base}Payload and error types`);
    } else {
      const members = result.getTypes();
      if (!members.some((member) => member.name === `${base}Payload`)) {
        violations.push(`${path}: ${result.name} has no ${base}Payload member`);
      }
      for (const member of members) {
        if (member.name === `${base}Payload`) continue;
        const isUserError =
          userError !== undefined &&
          member.getInterfaces().some((iface) => iface.name === userError.name);
        if (!isUserError) {
          violations.push(
            `${path}: ${result.name} member ${member.name} does not implement UserError`,
          );
        }
      }
    }
  }
  return violations;
}

function isConnectionType(type: GraphQLNamedType): boolean {
  return isObjectType(type) && type.name.endsWith('Connection');
}

/** `[X!]!`: a non-null list of non-null items; returns the item type or null. */
function nonNullListOf(type: GraphQLOutputType): GraphQLNamedType | null {
  if (!isNonNullType(type) || !isListType(type.ofType) || !isNonNullType(type.ofType.ofType)) {
    return null;
  }
  return getNamedType(type);
}

/** Connection types: `edges: [XEdge!]!`, `nodes: [N!]!`, `pageInfo: PageInfo!`, `totalCount: Int!` if any; edges with `node: N!` and `cursor: String!`. */
function connectionTypeViolations(target: GraphQLSchema): string[] {
  const violations: string[] = [];
  for (const type of ownTypes(target)) {
    if (!isObjectType(type)) continue;
    if (type.name.endsWith('Edge') && !target.getType(`${type.name.slice(0, -4)}Connection`)) {
      violations.push(`${type.name}: an edge type without a ${type.name.slice(0, -4)}Connection`);
    }
    if (!isConnectionType(type)) continue;
    const stem = type.name.slice(0, -'Connection'.length);
    const fields = type.getFields();
    const edges = fields.edges;
    const edgeType = target.getType(`${stem}Edge`);
    const edgeItems = edges ? nonNullListOf(edges.type) : null;
    if (!edgeType || edgeItems?.name !== edgeType.name) {
      violations.push(`${type.name}.edges: must be [${stem}Edge!]!`);
    }
    const nodes = fields.nodes;
    const nodeType = nodes ? nonNullListOf(nodes.type) : null;
    if (!nodeType) violations.push(`${type.name}.nodes: must be a non-null list of non-null items`);
    const pageInfo = fields.pageInfo;
    if (
      !pageInfo ||
      !isNonNullType(pageInfo.type) ||
      getNamedType(pageInfo.type).name !== 'PageInfo'
    ) {
      violations.push(`${type.name}.pageInfo: must be PageInfo!`);
    }
    const totalCount = fields.totalCount;
    if (totalCount && String(totalCount.type) !== 'Int!') {
      violations.push(
        `${type.name}.totalCount: must be Int! (omit it where there is no real total)`,
      );
    }
    if (!edgeType || !isObjectType(edgeType)) continue;
    const edgeFields = edgeType.getFields();
    const node = edgeFields.node;
    if (!node || !isNonNullType(node.type)) {
      violations.push(`${edgeType.name}.node: must be non-null`);
    } else if (nodeType && getNamedType(node.type).name !== nodeType.name) {
      violations.push(`${edgeType.name}.node: type differs from ${type.name}.nodes`);
    }
    const cursor = edgeFields.cursor;
    if (!cursor || String(cursor.type) !== 'String!') {
      violations.push(`${edgeType.name}.cursor: must be String!`);
    }
  }
  return violations;
}

/** Fields returning a connection: non-null, `first` (default 20, capped at 100, said in its description) + `after`, and `last` only with `before`. */
function connectionFieldViolations(target: GraphQLSchema): string[] {
  const violations: string[] = [];
  for (const { owner, field } of outputFields(target)) {
    const path = `${owner}.${field.name}`;
    const args = new Map(field.args.map((arg) => [arg.name, arg]));
    for (const name of ['first', 'last'] as const) {
      const arg = args.get(name);
      if (!arg) continue;
      if (String(arg.type) !== 'Int') {
        violations.push(`${path}(${name}): must be a nullable Int, is ${String(arg.type)}`);
      }
      if (!(arg.description ?? '').includes(String(MAX_FIRST))) {
        violations.push(`${path}(${name}): description must state the cap of ${MAX_FIRST}`);
      }
    }
    const namedType = getNamedType(field.type);
    if (!isConnectionType(namedType)) continue;
    // Nullability: a page read with its own upstream call may fail alone (nullabilityViolations).
    const first = args.get('first');
    if (!first) violations.push(`${path}: a connection field needs \`first\``);
    else if (first.defaultValue !== DEFAULT_FIRST) {
      violations.push(`${path}(first): must default to ${DEFAULT_FIRST}`);
    }
    if (!args.has('after')) violations.push(`${path}: a connection field needs \`after\``);
    if (args.has('last') !== args.has('before')) {
      violations.push(`${path}: \`last\` and \`before\` come together (backward paging)`);
    }
  }
  return violations;
}

/** Field type conventions: `…At` is DateTime, `metadata` is JSONObject, domain objects are nodes. */
function typeConventionViolations(target: GraphQLSchema): string[] {
  const violations: string[] = [];
  const expectType = (path: string, type: GraphQLType, name: string) => {
    if (getNamedType(type).name !== name) {
      violations.push(`${path}: must be ${name}, is ${String(type)}`);
    }
  };
  const inputFields: { owner: string; field: GraphQLInputField }[] = [];
  for (const type of ownTypes(target)) {
    if (!isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields()))
      inputFields.push({ owner: type.name, field });
  }
  for (const { owner, field } of [...outputFields(target), ...inputFields]) {
    const path = `${owner}.${field.name}`;
    if (/[a-z]At$/.test(field.name)) expectType(path, field.type, 'DateTime');
    if (field.name === 'metadata') expectType(path, field.type, 'JSONObject');
  }
  const node = target.getType('Node');
  for (const name of NODE_TYPES) {
    const type = target.getType(name);
    if (!type || !node) continue;
    const implementers = isInterfaceType(type)
      ? [type, ...target.getImplementations(type).objects]
      : [type];
    for (const implementer of implementers) {
      if (!isObjectType(implementer) && !isInterfaceType(implementer)) continue;
      if (!implementer.getInterfaces().some((iface) => iface.name === 'Node')) {
        violations.push(`${implementer.name}: must implement Node`);
      }
    }
  }
  return violations;
}

/** Where the conventions doc lists the naming rules (cited by the violations). */
const CONVENTIONS = 'docs/schema-conventions.md';
/** Most non-deprecated arguments of a list field besides the window (`first`/`after`/`last`/`before`). */
const MAX_LIST_ARGS = 8;
/** The removal date every deprecation names (src/schema/deprecation.ts). */
const REMOVAL_DATE = '2027-06-30';
const WINDOW_ARGS = new Set(['first', 'after', 'last', 'before']);

function isDeprecated(element: { deprecationReason?: string | null | undefined }): boolean {
  return element.deprecationReason != null;
}

/**
 * Naming of booleans, payload fields, ids and deprecations (docs/schema-conventions.md):
 * - a Boolean output field reads as a predicate: `is…` or `has…`;
 * - a Boolean input that sets what an output Boolean reports uses the output's name;
 * - a payload field holding one object is named after the object, not after the verb
 *   (`message`, not `sentMessage`);
 * - an argument or input field called `id`/`ids` takes global IDs (`ID`), except those the last
 *   release already had as something else (`released`, kept for compatibility);
 * - a list field takes at most MAX_LIST_ARGS arguments besides its window (filters in one input);
 * - every deprecation names its replacement's removal date.
 * Deprecated elements are the old names themselves, so the naming rules skip them.
 */
function namingRuleViolations(target: GraphQLSchema, released?: GraphQLSchema): string[] {
  const violations: string[] = [];
  const outputBooleans = new Set<string>();
  for (const { owner, field } of outputFields(target)) {
    const path = `${owner}.${field.name}`;
    if (field.deprecationReason != null && !field.deprecationReason.includes(REMOVAL_DATE)) {
      violations.push(`${path}: a deprecation must name the removal date ${REMOVAL_DATE}`);
    }
    for (const arg of field.args) {
      if (arg.deprecationReason != null && !arg.deprecationReason.includes(REMOVAL_DATE)) {
        violations.push(
          `${path}(${arg.name}): a deprecation must name the removal date ${REMOVAL_DATE}`,
        );
      }
    }
    if (isDeprecated(field)) continue;
    const named = getNamedType(field.type);
    if (named.name === 'Boolean') {
      outputBooleans.add(field.name);
      if (!/^(is|has)[A-Z]/.test(field.name)) {
        violations.push(`${path}: a Boolean field is named is… or has… (${CONVENTIONS})`);
      }
    }
    if (
      owner.endsWith('Payload') &&
      (isObjectType(named) || isInterfaceType(named)) &&
      !isListType(isNonNullType(field.type) ? field.type.ofType : field.type)
    ) {
      const objectName = named.name.charAt(0).toLowerCase() + named.name.slice(1);
      if (field.name !== objectName && field.name.endsWith(named.name)) {
        violations.push(
          `${path}: name it \`${objectName}\`, after the object it holds (${CONVENTIONS})`,
        );
      }
    }
    const listArgs = field.args.filter((arg) => !WINDOW_ARGS.has(arg.name) && !isDeprecated(arg));
    if (
      isListType(isNonNullType(field.type) ? field.type.ofType : field.type) ||
      isConnectionType(named)
    ) {
      if (listArgs.length > MAX_LIST_ARGS) {
        violations.push(
          `${path}: ${listArgs.length} arguments besides the window; put filters in one input (at most ${MAX_LIST_ARGS})`,
        );
      }
    }
  }
  const releasedType = (coordinate: string): string | null => {
    if (!released) return null;
    const [typeName, fieldName, argName] = coordinate.split('.');
    const type = released.getType(typeName ?? '');
    if (!type || !(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)))
      return null;
    const field = type.getFields()[fieldName ?? ''];
    if (!field) return null;
    if (argName === undefined) return String(field.type);
    const arg = 'args' in field ? field.args.find((a) => a.name === argName) : undefined;
    return arg ? String(arg.type) : null;
  };
  const checkId = (coordinate: string, path: string, name: string, type: GraphQLType) => {
    if (name !== 'id' && name !== 'ids') return;
    if (getNamedType(type).name === 'ID') return;
    if (releasedType(coordinate) === String(type)) return; // as released: kept for compatibility
    violations.push(`${path}: an \`${name}\` takes global IDs, so its type is ID (${CONVENTIONS})`);
  };
  for (const { owner, field } of outputFields(target)) {
    for (const arg of field.args) {
      checkId(
        `${owner}.${field.name}.${arg.name}`,
        `${owner}.${field.name}(${arg.name})`,
        arg.name,
        arg.type,
      );
    }
  }
  for (const type of ownTypes(target)) {
    if (!isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const path = `${type.name}.${field.name}`;
      if (field.deprecationReason != null && !field.deprecationReason.includes(REMOVAL_DATE)) {
        violations.push(`${path}: a deprecation must name the removal date ${REMOVAL_DATE}`);
      }
      checkId(path, path, field.name, field.type);
      if (isDeprecated(field) || getNamedType(field.type).name !== 'Boolean') continue;
      const stem = field.name.charAt(0).toUpperCase() + field.name.slice(1);
      const match = [`is${stem}`, `has${stem}`].find((name) => outputBooleans.has(name));
      if (match) violations.push(`${path}: name it \`${match}\`, as the output that reports it`);
    }
  }
  return violations;
}

/**
 * Fields that may reach CometChat from their resolver, but stay non-null, with the reason. A
 * resolver may reach CometChat when it uses its context (views, loaders and the client all hang
 * off it); everything else only reshapes its parent.
 */
const NON_NULL_WITH_CONTEXT: Record<string, string> = {
  'Query.viewer': 'reads the authenticated caller only',
  'Query.nodes': 'a list of nullable items: each failing ID is a null item with its own error',
  'ApiKey.isGatewayKey': "compares with the gateway's own key, without a call",
};

/** The names of a resolver's parameters, from its source text. */
function parameterNames(resolver: (...args: never[]) => unknown): string[] {
  const match = /^(?:async\s*)?(?:function\s*[\w$]*\s*)?\(([^)]*)\)/.exec(String(resolver));
  return (match?.[1] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/**
 * The nullability rule of docs/architecture.md ("Partial results"): a field whose resolver uses
 * its context may need its own upstream call, so it may fail alone, and must be nullable. Global
 * IDs (encoded from the parent) and subscription roots (they only prime the event's
 * records into the view) are exempt.
 */
function nullabilityViolations(target: GraphQLSchema): string[] {
  const violations: string[] = [];
  const subscription = target.getSubscriptionType()?.name;
  for (const { owner, field } of outputFields(target)) {
    const path = `${owner}.${field.name}`;
    if (!isNonNullType(field.type) || owner === subscription) continue;
    if (getNamedType(field.type).name === 'ID') continue;
    const resolver = (field.extensions as { pothosOriginalResolve?: unknown } | undefined)
      ?.pothosOriginalResolve;
    if (typeof resolver !== 'function' || resolver === defaultFieldResolver) continue;
    const context = parameterNames(resolver as (...args: never[]) => unknown)[2];
    if (context === undefined || context.startsWith('_')) continue;
    const body = String(resolver).slice(String(resolver).indexOf(')') + 1);
    if (!new RegExp(`\\b${context}\\b`).test(body)) continue;
    if (NON_NULL_WITH_CONTEXT[path]) continue;
    violations.push(`${path}: must be nullable (its resolver may call CometChat)`);
  }
  return violations;
}

describe('schema rules', () => {
  it('makes every field that may call CometChat nullable, so it can fail alone', () => {
    expect(nullabilityViolations(schema)).toEqual([]);
  });

  it('gives every type, field, argument, input field and enum value a description', () => {
    expect(missingDescriptions(schema)).toEqual([]);
  });

  it('names types PascalCase, fields and arguments camelCase, enum values SCREAMING_SNAKE', () => {
    expect(namingViolations(schema)).toEqual([]);
  });

  it('names mutations object-first with one <Name>Input argument and a <Name>Result union', () => {
    expect(mutationViolations(schema)).toEqual([]);
  });

  it('shapes connection and edge types the Relay way', () => {
    expect(connectionTypeViolations(schema)).toEqual([]);
  });

  it('pages every connection field with first (default 20, max 100) and after', () => {
    expect(connectionFieldViolations(schema)).toEqual([]);
  });

  it('types times as DateTime and metadata as JSONObject, and makes domain objects nodes', () => {
    expect(typeConventionViolations(schema)).toEqual([]);
  });

  it('names booleans is/has, payload fields after their object, ids as ID; dates every deprecation', () => {
    const released = buildSchema(
      readFileSync(new URL('../schema/released.graphql', import.meta.url), 'utf8'),
    );
    expect(namingRuleViolations(schema, released)).toEqual([]);
  });
});

describe('schema rules catch a schema that breaks them', () => {
  const bad = buildSchema(`
    "A node."
    interface Node { "Id." id: ID! }
    type user_profile { name: String }
    "A user."
    type User { "Id." id: ID!  "Made." created: String  "When." createdAt: String }
    "Kinds."
    enum Kind { "Ok." GOOD  "Bad." notGood }
    "A page."
    type UserConnection { "Edges." edges: [UserEdge]  "Page." pageInfo: PageInfo!  "Total." totalCount: Int }
    "An edge."
    type UserEdge { "Node." node: User  "Cursor." cursor: String! }
    "Pages."
    type PageInfo { "Next." hasNextPage: Boolean! }
    "Input."
    input UserInput { "Name." name: String! }
    "Payload."
    type UserCreatePayload { "User." user: User! }
    "Reads."
    type Query {
      "Users."
      users("How many." first: Int = 50): UserConnection!
      "Legacy."
      profile(user_id: ID): user_profile
    }
    "Writes."
    type Mutation {
      "Creates."
      createUser("Input." input: UserInput!): UserCreatePayload!
    }
  `);

  it('finds missing descriptions', () => {
    expect(missingDescriptions(bad)).toEqual([
      'Query.profile(user_id)',
      'user_profile',
      'user_profile.name',
    ]);
  });

  it('finds casing mistakes', () => {
    expect(namingViolations(bad)).toEqual([
      'Kind.notGood: enum value is not SCREAMING_SNAKE_CASE',
      'Query.profile(user_id): "user_id" is not camelCase',
      'user_profile: type name is not PascalCase',
    ]);
  });

  it('finds verb-first mutations without their Input and Result types', () => {
    expect(mutationViolations(bad)).toEqual([
      'Mutation.createUser: name does not start with an object type (object-first, e.g. userCreate, usersBlock)',
      'Mutation.createUser(input): type must be CreateUserInput!, is UserInput!',
      'Mutation.createUser: must return CreateUserResult (nullable), returns UserCreatePayload!',
    ]);
  });

  it('finds malformed connections and paging arguments', () => {
    expect(connectionTypeViolations(bad)).toEqual([
      'UserConnection.edges: must be [UserEdge!]!',
      'UserConnection.nodes: must be a non-null list of non-null items',
      'UserConnection.totalCount: must be Int! (omit it where there is no real total)',
      'UserEdge.node: must be non-null',
    ]);
    expect(connectionFieldViolations(bad)).toEqual([
      'Query.users(first): description must state the cap of 100',
      'Query.users(first): must default to 20',
      'Query.users: a connection field needs `after`',
    ]);
  });

  it('finds verb-named payload fields, non-predicate booleans, String ids and long argument lists', () => {
    const naming = buildSchema(`
      interface Node { id: ID! }
      type Message implements Node { id: ID!  enabled: Boolean  isRead: Boolean  old: Boolean @deprecated(reason: "Use isRead.") }
      type MessageSendPayload { sentMessage: Message  message: Message }
      input MessageUpdateInput { read: Boolean  id: String }
      type Query {
        message(id: String): Message
        messages(a: Int, b: Int, c: Int, d: Int, e: Int, f: Int, g: Int, h: Int, i: Int, first: Int): [Message]
      }
    `);
    expect(namingRuleViolations(naming)).toEqual([
      'Message.enabled: a Boolean field is named is… or has… (docs/schema-conventions.md)',
      'Message.old: a deprecation must name the removal date 2027-06-30',
      'MessageSendPayload.sentMessage: name it `message`, after the object it holds (docs/schema-conventions.md)',
      'Query.messages: 9 arguments besides the window; put filters in one input (at most 8)',
      'Query.message(id): an `id` takes global IDs, so its type is ID (docs/schema-conventions.md)',
      'MessageUpdateInput.read: name it `isRead`, as the output that reports it',
      'MessageUpdateInput.id: an `id` takes global IDs, so its type is ID (docs/schema-conventions.md)',
    ]);
  });

  it('finds a non-null field whose resolver may call CometChat', () => {
    const fetched = (_parent: unknown, _args: unknown, context: { view(): string }) =>
      context.view();
    const query = new GraphQLObjectType({
      name: 'Query',
      fields: {
        friends: {
          type: new GraphQLNonNull(GraphQLString),
          extensions: { pothosOriginalResolve: fetched },
        },
        nickname: {
          type: GraphQLString,
          extensions: { pothosOriginalResolve: fetched },
        },
        name: {
          type: new GraphQLNonNull(GraphQLString),
          extensions: { pothosOriginalResolve: (parent: { name: string }) => parent.name },
        },
      },
    });
    expect(nullabilityViolations(new GraphQLSchemaClass({ query }))).toEqual([
      'Query.friends: must be nullable (its resolver may call CometChat)',
    ]);
  });

  it('finds times that are not DateTime and domain objects that are not nodes', () => {
    expect(typeConventionViolations(bad)).toEqual([
      'User.createdAt: must be DateTime, is String',
      'User: must implement Node',
    ]);
  });
});
