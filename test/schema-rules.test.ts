/**
 * The schema's house rules (STYLE.md section 5), checked on the built schema: a description on
 * every element, naming, mutation shape, connection shape and paging arguments, and the field type
 * conventions. Each rule collects every offender, so one run lists all that is left to fix.
 */
// `graphql/index.js`, not `graphql`: vitest would resolve the bare name to the ESM build while
// Pothos (loaded by Node) uses the CommonJS one, and graphql's type guards reject the other realm.
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
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
    if (!isNonNullType(field.type)) violations.push(`${path}: a connection field must be non-null`);
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

describe('schema rules', () => {
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
      users("How many." first: Int = 50): UserConnection
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
      'Query.users: a connection field must be non-null',
      'Query.users(first): must default to 20',
      'Query.users: a connection field needs `after`',
    ]);
  });

  it('finds times that are not DateTime and domain objects that are not nodes', () => {
    expect(typeConventionViolations(bad)).toEqual([
      'User.createdAt: must be DateTime, is String',
      'User: must implement Node',
    ]);
  });
});
