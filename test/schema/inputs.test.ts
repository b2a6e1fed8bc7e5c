/**
 * One declaration per mutation input: every input type a mutation takes is declared with
 * `inputObject` (src/schema/input.ts), so its GraphQL type, its checks and its documented limits
 * come from one place; and that helper keeps the three in step.
 */
import { type GraphQLInputType, getNamedType, isInputObjectType } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/cometchat/limits.js';
import { ValidationFailure } from '../../src/schema/errors.js';
import { schema } from '../../src/schema/index.js';
import {
  declaredInputs,
  displayName,
  inputObject,
  key,
  listOf,
  tags,
  text,
  url,
} from '../../src/schema/input.js';

/** Input types mutations take that are still declared by hand (to move to inputObject). */
const HAND_DECLARED: readonly string[] = [
  // Also a query argument (`Query.conversation`, `messageByMuid`), whose fields the validation plugin checks.
  'ConversationSelector',
];

/** Every input object type reachable from a mutation's arguments. */
function mutationInputs(): Set<string> {
  const seen = new Set<string>();
  const visit = (type: GraphQLInputType) => {
    const named = getNamedType(type);
    if (!isInputObjectType(named) || seen.has(named.name)) return;
    seen.add(named.name);
    for (const field of Object.values(named.getFields())) visit(field.type);
  };
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    for (const arg of field.args) visit(arg.type);
  }
  return seen;
}

function failureOf(run: () => unknown): ValidationFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationFailure) return error;
    throw error;
  }
  throw new Error('expected a ValidationFailure');
}

describe('mutation inputs', () => {
  it('are each declared once, with inputObject', () => {
    const inputs = mutationInputs();
    expect(inputs.size).toBeGreaterThan(50);
    const byHand = [...inputs].filter((name) => !declaredInputs.has(name)).sort();
    expect(byHand).toEqual([...HAND_DECLARED].sort());
  });

  it("document each field's limit in the field's description", () => {
    const type = schema.getType('GroupCreateInput');
    if (!isInputObjectType(type)) throw new Error('GroupCreateInput is missing');
    const fields = type.getFields();
    expect(fields.guid?.description).toContain(`1 to ${LIMITS.id} letters`);
    expect(fields.name?.description).toContain(`1 to ${LIMITS.name} characters`);
    expect(fields.tags?.description).toContain(`At most ${LIMITS.tags} tags`);
  });
});

describe('inputObject', () => {
  const Sample = inputObject('SampleTestInput', {
    description: 'A sample.',
    fields: {
      uid: key.required('Whose.'),
      name: displayName.optional('A name'),
      note: text.withDefault('none', 'A note.'),
      tags: tags.optional('Labels.'),
      friends: listOf(key, { max: 2, min: 1, noun: 'uids' }).optional('Friends.'),
      avatar: url.nullable('Null clears it.'),
    },
    check: (input, ctx) => {
      if (input.name === 'taken')
        ctx.addIssue({ code: 'custom', path: ['name'], message: 'is taken' });
    },
    map: (input) => ({ ...input, shout: input.uid.toUpperCase() }),
  });

  it('reads absent and null fields as not given, applies defaults and normalises', () => {
    expect(Sample.parse({ uid: ' Ann ', name: null })).toEqual({
      uid: 'ann',
      name: undefined,
      note: 'none',
      tags: undefined,
      friends: undefined,
      avatar: undefined,
      shout: 'ANN',
    });
    expect(Sample.parse({ uid: 'ann', avatar: null }).avatar).toBeNull();
  });

  it('names every rejected field under input, with the limit the description states', () => {
    const failure = failureOf(() =>
      Sample.parse({
        uid: 'no spaces allowed',
        name: 'x'.repeat(LIMITS.name + 1),
        friends: ['a', 'b', 'c'],
      }),
    );
    expect(failure.violations.map((violation) => violation.path)).toEqual([
      ['input', 'uid'],
      ['input', 'name'],
      ['input', 'friends'],
    ]);
    expect(failure.violations[1]?.message).toContain(String(LIMITS.name));
    expect(failure.path).toEqual(['input', 'uid']);
  });

  it('runs the cross-field check once every field passed', () => {
    const failure = failureOf(() => Sample.parse({ uid: 'ann', name: 'taken' }));
    expect(failure.violations).toEqual([{ path: ['input', 'name'], message: 'is taken' }]);
    expect(failureOf(() => Sample.parse({ uid: 'ann', friends: [] })).path).toEqual([
      'input',
      'friends',
    ]);
  });

  it("builds the GraphQL type from the same fields, each with its kind's rule", () => {
    expect(declaredInputs.has('SampleTestInput')).toBe(true);
    expect(Sample.name).toBe('SampleTestInput');
    expect(displayName.optional('A name').description).toBe(
      `A name. 1 to ${LIMITS.name} characters.`,
    );
    expect(listOf(key, { max: 2, min: 1, noun: 'uids' }).rule).toBe(
      `1 to 2 uids; each: 1 to ${LIMITS.id} letters, digits, "-" or "_" (stored lowercased).`,
    );
    expect(text.optional('Plain.').description).toBe('Plain.');
  });
});
