/**
 * @graphql-eslint's `schema-recommended` and `schema-relay` rules over the printed schema
 * (eslint.config.js) find nothing but the exceptions documented, with their reasons, in
 * docs/schema-conventions.md ("Schema lint"). A new finding, or an exception that no longer
 * occurs, fails this test.
 */
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const SCHEMA = 'schema/schema.graphql';

/** `rule: Type` or `rule: Type.field`: what a finding is about. */
const DOCUMENTED_EXCEPTIONS = [
  // CometChat's key under CometChat's name (docs/schema-conventions.md, Identifiers).
  'no-typename-prefix: Conversation.conversationId',
  'no-typename-prefix: Role.role',
  'no-typename-prefix: Webhook.webhookId',
  // CometChat's name for the kind of call (`audio`/`video`), as in its Calls API.
  'no-typename-prefix: Call.callType',
  // Connections over objects that are not yet Nodes (tooling lists, no single-item read).
  'relay-edge-types: ApiKeyEdge',
  'relay-edge-types: DataImportFailureEdge',
  'relay-edge-types: FlaggedMessageEdge',
  'relay-edge-types: ModeratedMessageEdge',
  'relay-edge-types: ModerationKeywordListEdge',
  'relay-edge-types: ModerationReasonEdge',
  'relay-edge-types: ModerationRuleEdge',
  'relay-edge-types: MutedConversationEdge',
  'relay-edge-types: NotificationLogEdge',
  'relay-edge-types: RestrictedFeatureEdge',
];

/** The type (and field) a line of the SDL belongs to. */
function subjectAt(lines: string[], line: number): string {
  const text = lines[line - 1] ?? '';
  const definition = /^(?:type|interface|input|enum|union|scalar) (\w+)/.exec(text);
  if (definition) return definition[1] as string;
  for (let index = line - 1; index >= 0; index -= 1) {
    const owner = /^(?:type|interface|input|enum) (\w+)/.exec(lines[index] ?? '');
    if (owner) return `${owner[1]}.${/^\s+(\w+)/.exec(text)?.[1] ?? '?'}`;
  }
  return `line ${line}`;
}

describe('schema lint (@graphql-eslint, recommended + relay)', () => {
  it('reports only the documented exceptions', async () => {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintFiles([SCHEMA]);
    if (!result) throw new Error('ESLint linted nothing');
    const lines = readFileSync(`${root}${SCHEMA}`, 'utf8').split('\n');
    const findings = result.messages.map(
      (message) =>
        `${(message.ruleId ?? 'parse').replace('@graphql-eslint/', '')}: ${subjectAt(lines, message.line)}`,
    );
    expect(result.messages.filter((message) => message.fatal)).toEqual([]);
    expect(findings.sort()).toEqual([...DOCUMENTED_EXCEPTIONS].sort());
  });

  it('is documented: every exception is listed in docs/schema-conventions.md', () => {
    const doc = readFileSync(`${root}docs/schema-conventions.md`, 'utf8');
    for (const exception of DOCUMENTED_EXCEPTIONS) {
      const subject = exception.slice(exception.indexOf(': ') + 2);
      expect(doc, subject).toContain(`\`${subject}\``);
    }
  });
});
