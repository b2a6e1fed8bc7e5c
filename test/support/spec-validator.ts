/**
 * Validates emulator (or any CometChat-shaped) responses against the response schemas of the pinned
 * specs in schema/cometchat: `chat` (chat-apis.json, paths without `/v3`) and `management`
 * (management-webhooks.json). `#/components/...` references resolve inside the same document.
 *
 *   const errors = validateResponse('chat', 'GET', '/users/{uid}', 200, body);
 *   expect(errors).toEqual([]);
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

export type SpecName = 'chat' | 'management';

const FILES: Record<SpecName, string> = {
  chat: '../../schema/cometchat/chat-apis.json',
  management: '../../schema/cometchat/management-webhooks.json',
};

type Json = Record<string, unknown>;

const documents = new Map<SpecName, Json>();
const validators = new Map<string, ValidateFunction>();
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function loadSpec(spec: SpecName): Json {
  let document = documents.get(spec);
  if (!document) {
    const parsed: unknown = JSON.parse(readFileSync(new URL(FILES[spec], import.meta.url), 'utf8'));
    if (!isObject(parsed)) throw new Error(`The ${spec} spec is not a JSON object.`);
    document = parsed;
    documents.set(spec, document);
  }
  return document;
}

/** The operation's response schema, or a reason why there is none. */
function responseSchema(
  spec: SpecName,
  method: string,
  pathTemplate: string,
  status: number,
): Json | string {
  const paths = loadSpec(spec).paths;
  const item = isObject(paths) ? paths[pathTemplate] : undefined;
  if (!isObject(item)) return `the ${spec} spec has no path ${pathTemplate}`;
  const operation = item[method.toLowerCase()];
  if (!isObject(operation))
    return `the ${spec} spec has no ${method.toUpperCase()} ${pathTemplate}`;
  const responses = operation.responses;
  const response = isObject(responses)
    ? (responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default)
    : undefined;
  if (!isObject(response)) {
    return `${method.toUpperCase()} ${pathTemplate} documents no ${status} response`;
  }
  const content = response.content;
  const media = isObject(content) ? content['application/json'] : undefined;
  const schema = isObject(media) ? media.schema : undefined;
  if (!isObject(schema)) {
    return `${method.toUpperCase()} ${pathTemplate} ${status} has no application/json schema`;
  }
  return schema;
}

function validatorFor(
  spec: SpecName,
  method: string,
  pathTemplate: string,
  status: number,
): ValidateFunction | string {
  const key = `${spec} ${method.toUpperCase()} ${pathTemplate} ${status}`;
  const cached = validators.get(key);
  if (cached) return cached;
  const schema = responseSchema(spec, method, pathTemplate, status);
  if (typeof schema === 'string') return schema;
  // The components ride along on the root so that `#/components/...` pointers resolve.
  const validate = ajv.compile({ ...schema, components: loadSpec(spec).components });
  validators.set(key, validate);
  return validate;
}

/**
 * Errors (empty when valid) of `body` against the spec's response schema for
 * `method pathTemplate` answering `status`. A missing operation or schema is an error too, so a
 * typo in the template cannot make a test pass.
 */
export function validateResponse(
  spec: SpecName,
  method: string,
  pathTemplate: string,
  status: number,
  body: unknown,
): string[] {
  const validate = validatorFor(spec, method, pathTemplate, status);
  if (typeof validate === 'string') return [validate];
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`,
  );
}
