/**
 * `useOneSubscriptionWrapper` (src/subscription-hooks.ts) runs the plugins' subscription hooks
 * itself and wraps a subscription's results once. Every case here runs the same subscription
 * through Yoga twice, with the gateway's plugin and without it (envelop's own wrappers), and
 * expects the same hook calls in the same order, the same results and the same errors.
 */
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useOneSubscriptionWrapper } from '../../src/subscription-hooks.js';

const schema = createSchema({
  typeDefs: /* GraphQL */ `
    type Query {
      ok: Boolean
    }
    type Subscription {
      tick(count: Int!, failAt: Int): Int
    }
  `,
  resolvers: {
    Subscription: {
      tick: {
        async *subscribe(_root: unknown, args: { count: number; failAt?: number | null }) {
          for (let i = 1; i <= args.count; i++) {
            if (args.failAt === i) throw new Error(`source failed at ${i}`);
            yield { tick: i };
          }
        },
      },
    },
  },
});

/** Plugins that record each hook call, change results and errors, one of them asynchronously. */
function recordingPlugins(log: string[], options: { stop?: boolean } = {}): Plugin[] {
  const first: Plugin = {
    onSubscribe({ args }) {
      log.push(`first:subscribe:${args.operationName ?? ''}`);
      return {
        onSubscribeResult({ result }) {
          log.push(`first:result:${Symbol.asyncIterator in result ? 'stream' : 'single'}`);
          return {
            onNext({ result: next, setResult }) {
              log.push(`first:next:${JSON.stringify(next.data)}`);
              setResult({ ...next, extensions: { first: true } });
            },
            onEnd() {
              log.push('first:end');
            },
          };
        },
        onSubscribeError({ error, setError }) {
          log.push(`first:error:${(error as Error).message}`);
          setError(new Error(`first saw ${(error as Error).message}`));
        },
      };
    },
  };
  const second: Plugin = {
    async onSubscribe({ setResultAndStopExecution }) {
      await Promise.resolve();
      log.push('second:subscribe');
      if (options.stop) {
        setResultAndStopExecution({ data: { tick: -1 } });
      }
      return {
        onSubscribeResult() {
          log.push('second:result');
          return {
            async onNext({ result }) {
              await Promise.resolve();
              log.push(`second:next:${JSON.stringify(result.extensions ?? null)}`);
            },
          };
        },
        onSubscribeError({ error }) {
          log.push(`second:error:${(error as Error).message}`);
        },
      };
    },
  };
  const third: Plugin = {
    onSubscribe() {
      log.push('third:subscribe');
    },
  };
  return [first, second, third];
}

interface Outcome {
  log: string[];
  results: unknown[];
  error: string | null;
}

async function run(
  wrapped: boolean,
  query: string,
  options: { stop?: boolean; returnAfter?: number } = {},
): Promise<Outcome> {
  const log: string[] = [];
  const yoga = createYoga({
    schema,
    logging: false,
    plugins: [...recordingPlugins(log, options), ...(wrapped ? [useOneSubscriptionWrapper()] : [])],
  });
  const { parse, subscribe, contextFactory, schema: envelopedSchema } = yoga.getEnveloped({});
  const result = await subscribe({
    schema: envelopedSchema,
    document: parse(query),
    contextValue: await contextFactory(),
  });
  const results: unknown[] = [];
  if (!(Symbol.asyncIterator in (result as object))) {
    return { log, results: [result], error: null };
  }
  const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  let error: string | null = null;
  try {
    for (;;) {
      const pulled = await iterator.next();
      if (pulled.done) break;
      results.push(pulled.value);
      if (options.returnAfter === results.length) {
        const returned = await iterator.return?.();
        log.push(`returned:${JSON.stringify(returned)}`);
        break;
      }
    }
  } catch (caught) {
    error = (caught as Error).message;
  }
  return { log, results, error };
}

async function both(query: string, options: { stop?: boolean; returnAfter?: number } = {}) {
  const plain = await run(false, query, options);
  const wrapped = await run(true, query, options);
  expect(wrapped).toEqual(plain);
  return wrapped;
}

describe('one wrapper for the subscription hooks of every plugin', () => {
  it('calls the same hooks in the same order for a stream that ends', async () => {
    const outcome = await both('subscription Ticks { tick(count: 3) }');
    expect(outcome.results).toEqual([
      { data: { tick: 1 }, extensions: { first: true } },
      { data: { tick: 2 }, extensions: { first: true } },
      { data: { tick: 3 }, extensions: { first: true } },
    ]);
    expect(outcome.log.filter((line) => line === 'first:end')).toHaveLength(1);
    expect(outcome.log).toContain('second:next:{"first":true}');
  });

  it('runs the end hooks once when the subscriber closes the stream early', async () => {
    const outcome = await both('subscription { tick(count: 5) }', { returnAfter: 2 });
    expect(outcome.results).toHaveLength(2);
    expect(outcome.log.filter((line) => line === 'first:end')).toHaveLength(1);
  });

  it('passes a failed pull through every error hook and throws what they made of it', async () => {
    const outcome = await both('subscription { tick(count: 3, failAt: 2) }');
    expect(outcome.results).toHaveLength(1);
    expect(outcome.error).not.toBeNull();
    expect(outcome.log.some((line) => line.startsWith('first:error:'))).toBe(true);
    expect(outcome.log.some((line) => line.startsWith('second:error:first saw'))).toBe(true);
  });

  it('keeps a result set before the subscription starts, and skips the later hooks', async () => {
    const outcome = await both('subscription { tick(count: 3) }', { stop: true });
    expect(outcome.log).not.toContain('third:subscribe');
    expect(outcome.results).toEqual([{ data: { tick: -1 } }]);
  });

  it('hands a refused subscription (no stream) to the result hooks as a single result', async () => {
    const outcome = await both('subscription { tick(count: "x") }');
    expect(outcome.log).not.toContain('first:result:stream');
  });
});
