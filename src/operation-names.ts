/**
 * Bounded label values. Clients choose operation names freely, so a label that copied them would
 * let any client grow the metrics without limit (one series per name per histogram bucket). A
 * limiter keeps known names (e.g. those of trusted documents), admits other well-formed names
 * first come, first served up to a fixed number, and puts everything else in one `other` bucket.
 */

export const OTHER = 'other';
export const ANONYMOUS = 'anonymous';

export interface LabelLimiterOptions {
  /** Values that always keep their own label (and do not count towards `maxDistinct`). */
  known?: Iterable<string>;
  /** Other distinct values admitted at most; default 50. */
  maxDistinct?: number;
  /** Longer values go to `other`; default 64. */
  maxLength?: number;
  /** Values must match this to be admitted; default a GraphQL name. */
  pattern?: RegExp;
}

export interface LabelLimiter {
  /** The label for `value`: itself when known or admitted, `other` otherwise. */
  label(value: string): string;
  /** Adds values that always keep their label (e.g. names of newly trusted documents). */
  addKnown(values: Iterable<string>): void;
}

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

export function createLabelLimiter(options: LabelLimiterOptions = {}): LabelLimiter {
  const known = new Set(options.known ?? []);
  const admitted = new Set<string>();
  const maxDistinct = options.maxDistinct ?? 50;
  const maxLength = options.maxLength ?? 64;
  const pattern = options.pattern ?? GRAPHQL_NAME;
  return {
    label(value) {
      if (known.has(value) || admitted.has(value)) return value;
      if (admitted.size >= maxDistinct || value.length > maxLength || !pattern.test(value)) {
        return OTHER;
      }
      admitted.add(value);
      return value;
    },
    addKnown(values) {
      for (const value of values) known.add(value);
    },
  };
}

/** Operation names as metric labels: `anonymous` for unnamed operations, bounded otherwise. */
export interface OperationNameLabels extends LabelLimiter {
  labelOperation(name: string | null | undefined): string;
}

export function createOperationNameLabels(options: LabelLimiterOptions = {}): OperationNameLabels {
  const limiter = createLabelLimiter(options);
  return {
    ...limiter,
    labelOperation: (name) => (name ? limiter.label(name) : ANONYMOUS),
  };
}
