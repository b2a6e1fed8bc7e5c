/**
 * Limits on what a request may ask the parser and the executor to walk, checked before any
 * recursion happens:
 * - tokens: a document with more lexical tokens than `MAX_TOKENS` is refused;
 * - nesting: braces, brackets and parentheses nested deeper than `MAX_NESTING` are refused. The
 *   check is one flat pass of graphql's lexer (no recursion), so a 10,000-deep `{a{a{…` or
 *   `[[[…` never reaches graphql's recursive-descent parser, whatever the stack size;
 * - variables and extensions: JSON nested deeper than `MAX_JSON_DEPTH` is refused (it would
 *   otherwise overflow the stack where it is serialised for CometChat).
 * Refusals are HTTP 400 `BAD_USER_INPUT` errors that name the limit, not "Syntax Error".
 * graphql-armor's depth, alias, directive and cost rules still run afterwards, on the parsed
 * document, as validation rules; {@link armorRefusals} words their refusals the same way.
 */
import {
  type DocumentNode,
  GraphQLError,
  Lexer,
  type ParseOptions,
  parse,
  Source,
  TokenKind,
  type ValidationContext,
} from 'graphql/index.js';
import type { Plugin } from 'graphql-yoga';
import { badUserInput } from '../errors.js';

/** The most lexical tokens a document may have (a large screen's query is a few hundred). */
export const MAX_TOKENS = 5000;
/** The deepest nesting of `{`, `[` and `(` a document may have. */
export const MAX_NESTING = 64;
/** The deepest nesting of objects and arrays in `variables` and `extensions`. */
export const MAX_JSON_DEPTH = 64;

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

function limitError(message: string): GraphQLError {
  return badUserInput(message, { http: { status: 400 } }) as GraphQLError; // badUserInput builds a GraphQLError
}

function tooManyTokens(): GraphQLError {
  return limitError(
    'The document is too long: it has more tokens than this gateway accepts. Split the operation.',
  );
}

function tooDeep(): GraphQLError {
  return limitError(
    'The document is nested too deeply: it has more levels of braces, brackets or parentheses than this gateway accepts.',
  );
}

/**
 * Walks the tokens once, refusing too many or too deeply nested ones. A lexical error ends the
 * walk silently: the parser stops at the same place and reports it.
 */
function checkTokens(source: Source): void {
  const lexer = new Lexer(source);
  let tokens = 0;
  let depth = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens++;
      if (tokens > MAX_TOKENS) throw tooManyTokens();
      if (OPENING.has(token.kind)) {
        depth++;
        if (depth > MAX_NESTING) throw tooDeep();
      } else if (CLOSING.has(token.kind)) {
        depth--;
      }
    }
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions?.code === 'BAD_USER_INPUT') throw error;
  }
}

/** graphql's `parse` behind the token and nesting limits. */
export function parseWithLimits(source: string | Source, options?: ParseOptions): DocumentNode {
  const input = typeof source === 'string' ? new Source(source) : source;
  checkTokens(input);
  try {
    return parse(input, { ...options, maxTokens: MAX_TOKENS });
  } catch (error) {
    // graphql's own token limit counts the same tokens as checkTokens; kept as a second guard.
    if (error instanceof GraphQLError && /Parsing aborted/.test(error.message)) {
      throw tooManyTokens();
    }
    throw error;
  }
}

/** True when `value` has objects or arrays nested deeper than `maxDepth`; iterative. */
export function isNestedDeeperThan(value: unknown, maxDepth: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    if (typeof entry.value !== 'object' || entry.value === null) continue;
    const depth = entry.depth + 1;
    if (depth > maxDepth) return true;
    for (const child of Object.values(entry.value)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth });
    }
  }
  return false;
}

/** Refuses `variables` or `extensions` nested deeper than `MAX_JSON_DEPTH`. */
export function checkRequestJson(params: { variables?: unknown; extensions?: unknown }): void {
  for (const name of ['variables', 'extensions'] as const) {
    if (isNestedDeeperThan(params[name], MAX_JSON_DEPTH)) {
      throw limitError(
        `The ${name} are nested too deeply: they have more levels of objects or arrays than this gateway accepts.`,
      );
    }
  }
}

/**
 * Puts the limits in front of Yoga's parser (HTTP and graphql-ws alike). Over HTTP they are also
 * checked on the request parameters, before parsing: Yoga marks every error thrown by the parser
 * as a document error, which GraphQL over HTTP answers with 200 under `application/json`, and a
 * limit is the request's fault, so it stays a 400 whatever the client accepts.
 */
export function documentLimitsPlugin(): Plugin {
  return {
    onParams({ params }) {
      if (typeof params.query === 'string') checkTokens(new Source(params.query));
      checkRequestJson(params);
    },
    onParse({ setParseFn }) {
      setParseFn(parseWithLimits);
    },
  };
}

/**
 * graphql-armor's rule options that make a refusal a limit error of this gateway: the same code
 * and status (400, whatever the `Accept` header) as the other document limits, and armor's words
 * without the "Syntax Error: " it puts in front (the document parsed; it is too large, not
 * malformed). The refusal is thrown, as armor itself throws, so validation stops there.
 */
export function armorRefusals(advice: string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (_context: ValidationContext | null, error: GraphQLError) => {
        throw limitError(`${error.message.replace(/^Syntax Error: /, '')} ${advice}`);
      },
    ],
  };
}
