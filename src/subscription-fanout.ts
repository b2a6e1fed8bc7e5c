/**
 * One execution per event for subscribers who would get the same answer. A group's event reaches
 * every subscriber of the group; each still gets it only after its own filters and its own
 * access check (`src/schema/subscription.ts`), but subscribers with the same document, operation,
 * variables and perspective (the app's for admins, a user's for that user however they signed
 * in) would execute the same selection over the same event and read the same data. The first of
 * them executes it; the others take its result. So a thousand admin subscribers of one group cost
 * one execution and its upstream calls, not a thousand.
 *
 * Results are keyed on the event object itself (one per delivery in a process: `eventOf`), so they
 * are forgotten with the event once every subscriber has taken it.
 */
import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  print,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from './context.js';

type Result = ExecutionResult | Promise<ExecutionResult>;

/** Per event: the result for each (document, operation, variables, perspective). */
const shared = new WeakMap<object, Map<string, Result>>();

/** The printed document, once per document object (Yoga's parse cache shares them). */
const printed = new WeakMap<DocumentNode, string>();

function documentKey(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

function perspectiveOf(context: unknown): string | null {
  const caller = (context as Partial<GatewayContext> | null)?.caller;
  if (caller === undefined) return null;
  return caller.kind === 'admin' ? 'app' : `user:${caller.uid}`;
}

/** What subscribers must share to share a result; null when this one executes alone. */
function sharingKey(args: ExecutionArgs): string | null {
  const perspective = perspectiveOf(args.contextValue);
  if (perspective === null) return null;
  let variables: string;
  try {
    variables = JSON.stringify(args.variableValues ?? {});
  } catch {
    return null;
  }
  return `${perspective}\n${args.operationName ?? ''}\n${variables}\n${documentKey(args.document)}`;
}

function resultFor(args: ExecutionArgs, key: string | null, event: unknown): Result {
  const run = () => execute({ ...args, rootValue: event }) as Result;
  if (key === null || typeof event !== 'object' || event === null) return run();
  let results = shared.get(event);
  if (results === undefined) {
    results = new Map();
    shared.set(event, results);
  }
  const known = results.get(key);
  if (known !== undefined) return known;
  const result = run();
  results.set(key, result);
  return result;
}

const DONE: IteratorResult<ExecutionResult> = Object.freeze({ value: undefined, done: true });

/**
 * A subscriber's results: its own source events, each mapped to the shared result. A plain
 * iterator (no async frames): an idle subscriber holds this object and its pending pull only.
 * The sharing key is worked out per event, so an idle subscriber holds no copy of it.
 */
class SharedResults implements AsyncIterableIterator<ExecutionResult> {
  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly args: ExecutionArgs,
  ) {}

  next(): Promise<IteratorResult<ExecutionResult>> {
    return this.source.next().then((pulled) => {
      if (pulled.done) return DONE;
      return Promise.resolve(resultFor(this.args, sharingKey(this.args), pulled.value)).then(
        // Later hooks (error masking, logging) may replace the result, never edit it; a copy per
        // subscriber keeps even an edit to itself.
        (result) => ({ value: { ...result }, done: false }),
      );
    });
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return?.();
    return DONE;
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    if (this.source.throw) await this.source.throw(error);
    else await this.source.return?.();
    return DONE;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }
}

async function subscribeShared(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  return new SharedResults(stream[Symbol.asyncIterator](), args);
}

/** The envelop plugin: subscriptions execute through `subscribeShared`. */
export function useSharedSubscriptionResults(): Plugin {
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(subscribeShared as Parameters<typeof setSubscribeFn>[0]);
    },
  };
}
