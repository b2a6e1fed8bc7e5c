/**
 * One iterator for the result hooks of every plugin on a subscription. Envelop wraps a
 * subscription's results once per kind of hook (one iterator for the plugins' `onNext`, one for
 * their `onEnd`, one for their `onSubscribeError`), each with its own closures, and each layer
 * holds a pending promise while the subscriber waits. Three plugins here hook every subscription
 * (error masking, the Prometheus metrics, Yoga's abort check), so an idle subscriber held three
 * wrappers. This plugin takes the `onSubscribe` hooks of all the others over at start-up and runs
 * them itself, in their order and with the same payloads, then wraps the result once:
 * `HookedResults` runs the same hooks at the same moments (each result through every `onNext` in
 * order; the `onEnd`s once, when the stream ends or is closed; a failed pull through every
 * `onSubscribeError`, whose error is thrown), with its methods on a prototype.
 *
 * Put it after every plugin that adds plugins with an `onSubscribe` hook at start-up; if one is
 * left outside it, Yoga's start-up fails (`onYogaInit`), rather than running hooks out of order.
 */
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

type OnSubscribe = NonNullable<Plugin['onSubscribe']>;
type BeforePayload = Parameters<OnSubscribe>[0];
type HookResult = Extract<Awaited<ReturnType<OnSubscribe>>, object>;
type ResultHook = NonNullable<HookResult['onSubscribeResult']>;
type ResultPayload = Parameters<ResultHook>[0];
type ErrorHook = NonNullable<HookResult['onSubscribeError']>;
type StreamHooks = Extract<ReturnType<ResultHook>, object>;
type NextHook = NonNullable<StreamHooks['onNext']>;
type EndHook = NonNullable<StreamHooks['onEnd']>;
type SubscribeResult = BeforePayload extends {
  setResultAndStopExecution: (result: infer R) => void;
}
  ? R
  : never;

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

const DONE: IteratorResult<ExecutionResult> = Object.freeze({ value: undefined, done: true });

/**
 * A subscription's results through the plugins' hooks: what envelop's three wrappers did, in one
 * object. An idle subscriber holds it and one pending pull.
 */
class HookedResults implements AsyncIterableIterator<ExecutionResult> {
  private ended = false;

  constructor(
    private readonly source: AsyncIterator<ExecutionResult>,
    private readonly args: ResultPayload['args'],
    private readonly nextHooks: readonly NextHook[],
    private readonly endHooks: readonly EndHook[],
    private readonly errorHooks: readonly ErrorHook[],
  ) {}

  next(): Promise<IteratorResult<ExecutionResult>> {
    return this.source.next().then(
      (pulled) => this.pulled(pulled),
      (error: unknown) => this.failed(error),
    );
  }

  /** Closes the source and runs the end hooks (once); a failure of the source passes as is. */
  return(): Promise<IteratorResult<ExecutionResult>> {
    const returned = this.source.return ? this.source.return() : Promise.resolve(DONE);
    this.end();
    return returned;
  }

  /**
   * As envelop's wrappers: the source's `throw`, its result through the `onNext` hooks; without
   * one, the source is closed and the error rethrown. Neither runs the end or error hooks.
   */
  throw(error?: unknown): Promise<IteratorResult<ExecutionResult>> {
    if (this.source.throw) {
      return this.source
        .throw(error)
        .then((pulled) => (pulled.done ? pulled : this.hooked(pulled)));
    }
    const rethrow = (): never => {
      throw error;
    };
    if (!this.source.return) return Promise.resolve().then(rethrow);
    return this.source.return().then(rethrow, rethrow);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }

  private pulled(
    pulled: IteratorResult<ExecutionResult>,
  ): IteratorResult<ExecutionResult> | Promise<IteratorResult<ExecutionResult>> {
    if (pulled.done) {
      this.end();
      return pulled;
    }
    return this.hooked(pulled);
  }

  /** A result through every `onNext` hook in order (each may replace it). */
  private hooked(
    pulled: IteratorYieldResult<ExecutionResult>,
  ): IteratorResult<ExecutionResult> | Promise<IteratorResult<ExecutionResult>> {
    let result = pulled.value;
    const setResult = (next: ExecutionResult) => {
      result = next;
    };
    const hooks = this.nextHooks;
    const args = this.args;
    const from = (
      index: number,
    ): IteratorResult<ExecutionResult> | Promise<IteratorResult<ExecutionResult>> => {
      for (let i = index; i < hooks.length; i++) {
        const hook = hooks[i] as NextHook;
        let done: void | Promise<void>;
        try {
          done = hook({ args, result, setResult });
        } catch (error) {
          return this.closeAndFail(error);
        }
        if (isPromiseLike(done)) {
          return Promise.resolve(done).then(
            () => from(i + 1),
            (error: unknown) => this.closeAndFail(error),
          );
        }
      }
      return { value: result, done: false };
    };
    return from(0);
  }

  /** A hook failed on a result: the source is closed and the error goes to the error hooks. */
  private closeAndFail(error: unknown): Promise<never> {
    const fail = () => this.failed(error);
    if (!this.source.return) return Promise.resolve().then(fail);
    return this.source.return().then(fail, fail);
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const hook of this.endHooks) hook();
  }

  private failed(cause: unknown): never {
    let error = cause;
    const setError = (next: unknown) => {
      error = next;
    };
    for (const hook of this.errorHooks) hook({ error, setError });
    throw error;
  }
}

/** Runs `hooks` from `index` in order, as envelop runs its plugins' `onSubscribe` hooks. */
function runBefore(
  hooks: readonly OnSubscribe[],
  index: number,
  state: { subscribeFn: BeforePayload['subscribeFn']; stopped: boolean; result?: SubscribeResult },
  payload: BeforePayload,
  after: HookResult[],
): void | Promise<void> {
  for (let i = index; i < hooks.length; i++) {
    const hook = hooks[i] as OnSubscribe;
    const returned = hook({
      subscribeFn: state.subscribeFn,
      setSubscribeFn: (fn) => {
        state.subscribeFn = fn;
      },
      context: payload.context,
      extendContext: payload.extendContext,
      args: payload.args,
      setResultAndStopExecution: (result) => {
        state.result = result;
        state.stopped = true;
      },
    });
    if (isPromiseLike(returned)) {
      return Promise.resolve(returned).then((hookResult) => {
        if (hookResult) after.push(hookResult);
        if (state.stopped) return;
        return runBefore(hooks, i + 1, state, payload, after);
      });
    }
    if (returned) after.push(returned);
    if (state.stopped) return;
  }
}

/** Runs the hooks collected before the subscription on its result; wraps a stream once. */
function onResult(after: readonly HookResult[], payload: ResultPayload): void {
  let result = payload.result;
  const setResult = (next: typeof result) => {
    result = next;
  };
  const nextHooks: NextHook[] = [];
  const endHooks: EndHook[] = [];
  const errorHooks: ErrorHook[] = [];
  for (const hooks of after) {
    if (hooks.onSubscribeError) errorHooks.push(hooks.onSubscribeError);
    const stream = hooks.onSubscribeResult?.({ args: payload.args, result, setResult });
    if (stream) {
      if (stream.onNext) nextHooks.push(stream.onNext);
      if (stream.onEnd) endHooks.push(stream.onEnd);
    }
  }
  if (isAsyncIterable(result) && nextHooks.length + endHooks.length + errorHooks.length > 0) {
    result = new HookedResults(
      result[Symbol.asyncIterator](),
      payload.args,
      nextHooks,
      endHooks,
      errorHooks,
    );
  }
  if (result !== payload.result) payload.setResult(result);
}

/** The plugin (see the module's comment). */
export function useOneSubscriptionWrapper(): Plugin {
  const hooks: OnSubscribe[] = [];
  const self: Plugin = {
    onPluginInit({ plugins }) {
      for (let i = 0; i < plugins.length; i++) {
        const plugin = plugins[i];
        if (!plugin || (plugin as unknown) === self || !plugin.onSubscribe) continue;
        const { onSubscribe, ...rest } = plugin;
        hooks.push(onSubscribe as OnSubscribe);
        plugins[i] = rest;
      }
    },
    onYogaInit({ yoga }) {
      const outside = yoga.getEnveloped._plugins.filter(
        (plugin) => plugin && (plugin as unknown) !== self && plugin.onSubscribe,
      );
      if (outside.length > 0) {
        throw new Error(
          'useOneSubscriptionWrapper must come after every plugin that adds an onSubscribe hook',
        );
      }
    },
    onSubscribe(payload) {
      const after: HookResult[] = [];
      const state: {
        subscribeFn: BeforePayload['subscribeFn'];
        stopped: boolean;
        result?: SubscribeResult;
      } = { subscribeFn: payload.subscribeFn, stopped: false };
      const finish = (): HookResult | undefined => {
        if (state.subscribeFn !== payload.subscribeFn) payload.setSubscribeFn(state.subscribeFn);
        if (state.stopped) payload.setResultAndStopExecution(state.result as SubscribeResult);
        if (after.length === 0) return undefined;
        return { onSubscribeResult: (resultPayload) => onResult(after, resultPayload) };
      };
      const running = runBefore(hooks, 0, state, payload as BeforePayload, after);
      return isPromiseLike(running) ? Promise.resolve(running).then(finish) : finish();
    },
  };
  return self;
}
