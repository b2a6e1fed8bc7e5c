/**
 * CORS: which browser origins may call the gateway. Only an allowlisted origin gets
 * `Access-Control-Allow-Origin` (its own value, never `*`) and `Access-Control-Allow-Credentials`;
 * every other origin gets no CORS header at all, so browsers keep its pages from reading answers.
 * Preflights (`OPTIONS`) are answered by Yoga with 204 and the same headers.
 */
import type { CORSOptions, Plugin } from 'graphql-yoga';
import type { CorsConfig } from '../config.js';

const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

// How long browsers may reuse a preflight answer.
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** Whether `origin` is allowed by `config`. */
export function isAllowedOrigin(config: CorsConfig, origin: string): boolean {
  return config.origins.includes(origin) || (config.allowLoopback && LOOPBACK_ORIGIN.test(origin));
}

/** Yoga's `cors` option (function form) for `config`. */
export function corsPolicy(config: CorsConfig): (request: Request) => CORSOptions {
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !isAllowedOrigin(config, origin)) return false;
    return {
      origin: [origin],
      methods: ['GET', 'POST'],
      // Request headers are echoed from the preflight (authorization, content-type, ...).
      credentials: true,
      exposedHeaders: ['x-request-id'],
      maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    };
  };
}

/** Answers differ by `Origin`, so caches must key on it (Yoga adds `Vary` only for lists). */
export const varyOnOrigin: Plugin = {
  onResponse({ response }) {
    const vary = response.headers.get('vary');
    if (vary === null) response.headers.set('vary', 'Origin');
    else if (!/(^|,)\s*origin\s*(,|$)/i.test(vary)) response.headers.set('vary', `${vary}, Origin`);
  },
};
