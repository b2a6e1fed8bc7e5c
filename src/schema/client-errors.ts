import { toClientError } from '../errors.js';

/**
 * Runs an upstream-backed resolver step (a promise, or a function that starts one), turning
 * upstream failures into client errors on this field only.
 */
export async function orClientError<T>(work: Promise<T> | (() => Promise<T>)): Promise<T> {
  try {
    return await (typeof work === 'function' ? work() : work);
  } catch (error) {
    throw toClientError(error);
  }
}
