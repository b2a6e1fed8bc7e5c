/**
 * A span per DataLoader batch (`dataloader.batch users`, with the number of keys), between the
 * GraphQL operation's span and the CometChat calls the batch makes, so a trace shows which
 * resolvers were served together. Only inside a traced operation: with tracing off (no tracer
 * registered) or outside an operation span, the batch runs as it is, at the cost of one check.
 */
import { context, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import DataLoader from 'dataloader';

let batchTracer: Tracer | null = null;

/** Registers the tracer batch spans are made with (null: none). Set when tracing starts. */
export function setBatchTracer(tracer: Tracer | null): void {
  batchTracer = tracer;
}

/** Wraps a DataLoader batch function so each batch runs inside its own span. */
export function tracedBatch<K, V>(
  name: string,
  load: (keys: readonly K[]) => PromiseLike<ArrayLike<V | Error>>,
): (keys: readonly K[]) => PromiseLike<ArrayLike<V | Error>> {
  return (keys) => {
    const tracer = batchTracer;
    if (!tracer || !trace.getActiveSpan()) return load(keys);
    const span = tracer.startSpan(`dataloader.batch ${name}`, {
      attributes: { 'dataloader.name': name, 'dataloader.batch_size': keys.length },
    });
    return context.with(trace.setSpan(context.active(), span), async () => {
      try {
        return await load(keys);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'batch failed' });
        throw error;
      } finally {
        span.end();
      }
    });
  };
}

/** A DataLoader whose batches are traced as `dataloader.batch <name>`. */
export class TracedLoader<K, V, C = K> extends DataLoader<K, V, C> {
  constructor(
    name: string,
    load: DataLoader.BatchLoadFn<K, V>,
    options?: DataLoader.Options<K, V, C>,
  ) {
    super(tracedBatch(name, load), options);
  }
}
