/**
 * Where a call goes: base URLs (checked once, when the client is built), path templates with their
 * placeholders filled, and query strings. Nothing here sends anything.
 */
import type { HttpMethod, QueryValue } from './options.js';

const REGIONS = ['us', 'eu', 'in'] as const;

/**
 * The chat API base URL of a CometChat app: `https://{appId}.api-{region}.cometchat.io/v3`.
 * Throws a TypeError for an app id that cannot be a host label or an unknown region.
 */
export function baseUrlFor(appId: string, region: 'us' | 'eu' | 'in'): string {
  if (!/^[a-zA-Z0-9-]{1,63}$/.test(appId)) {
    throw new TypeError('CometChat app id must be letters, digits and dashes (1..63 characters)');
  }
  if (!REGIONS.includes(region)) {
    throw new TypeError(`CometChat region must be one of ${REGIONS.join(', ')}`);
  }
  return `https://${appId.toLowerCase()}.api-${region}.cometchat.io/v3`;
}

/** A base URL split into what the dispatcher connects to and the path every call starts with. */
export interface Origin {
  origin: string;
  basePath: string;
}

/**
 * Splits an absolute http(s) base URL into origin and base path (trailing slashes dropped).
 * Throws a TypeError naming `what` for anything else, or for one with credentials or a query.
 */
export function parseBase(url: string, what: string): Origin {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`${what} must be an absolute http(s) URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`${what} must be an absolute http(s) URL`);
  }
  if (parsed.username !== '' || parsed.password !== '' || parsed.search !== '') {
    throw new TypeError(`${what} must not carry credentials or a query string`);
  }
  return { origin: parsed.origin, basePath: parsed.pathname.replace(/\/+$/, '') };
}

/**
 * Fills the `{name}` placeholders of `template` from `params`, each value URL-encoded. A template
 * not starting with `/` or an empty value is refused through `invalid`, before any HTTP call.
 */
export function fillPath(
  method: HttpMethod,
  template: string,
  params: Record<string, string>,
  invalid: (message: string) => Error,
): string {
  if (!template.startsWith('/')) {
    throw invalid(`CometChat ${method} ${template}: path must start with /`);
  }
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (typeof value !== 'string' || value.trim() === '') {
      throw invalid(`CometChat ${method} ${template}: ${name} must be a non-empty string`);
    }
    return encodeURIComponent(value);
  });
}

/**
 * `?a=1&b=x,y` from a query object: arrays comma-separated (empty ones left out), undefined left
 * out, a non-finite number refused through `invalid`. Empty string when nothing is left.
 */
export function buildQuery(
  query: Record<string, QueryValue> | undefined,
  invalid: (message: string) => Error,
): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.append(name, value.join(','));
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw invalid(`query parameter ${name} must be a finite number`);
      params.append(name, String(value));
    } else {
      params.append(name, String(value));
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
