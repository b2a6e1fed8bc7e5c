/**
 * The request's read layer: one {@link View} per perspective, created on first use and kept for
 * the request. It is the one place that decides whose perspective a request may read in: an
 * admin reads as the app or as any user it names; an end user (a JWT, a CometChat auth token, or
 * an admin's `X-Act-As`) only as themselves.
 */
import type { Caller } from '../context.js';
import { gatewayError } from '../errors.js';
import type { UpstreamClient } from '../upstream/client.js';
import { type AppView, AppViewImpl, type Perspective, PerspectiveView, type View } from './view.js';

export interface ReadLayerInput {
  caller: Caller;
  upstream: UpstreamClient;
  signal: AbortSignal | undefined;
}

const FORBIDDEN_VIEW =
  'A user caller reads only their own view; leave `uid` out or pass your own uid.';

export class ReadLayer {
  /** The caller's own perspective: null for an admin, the uid for a user caller. */
  readonly own: Perspective;

  /** Created on the first read (an idle subscription never reads). */
  private views: Map<string, PerspectiveView> | null = null;
  private input: ReadLayerInput;

  constructor(input: ReadLayerInput) {
    this.input = input;
    this.own = input.caller.kind === 'user' ? input.caller.uid.toLowerCase() : null;
    // Handed around on its own as `context.view`.
    this.view = this.view.bind(this);
  }

  /**
   * The view of `perspective`: a uid (any case, trimmed), null for the app, or the caller's own
   * when omitted. Throws FORBIDDEN when the caller may not read in it (see {@link mayView}).
   */
  view(perspective: null): AppView;
  view(perspective?: string | null): View;
  view(perspective?: string | null): View {
    const wanted = perspective === undefined ? this.own : normalise(perspective);
    if (!this.mayView(wanted)) throw gatewayError('FORBIDDEN', FORBIDDEN_VIEW);
    return this.viewOf(wanted);
  }

  /**
   * Whether the caller may read in `perspective` (a normalised uid, or null for the app): an
   * admin in any, a user caller in their own only.
   */
  mayView(perspective: Perspective): boolean {
    return this.input.caller.kind === 'admin' || perspective === this.own;
  }

  /** Empties every view's loaders (after a write), so later reads see the new state. */
  clear(): void {
    for (const view of this.views?.values() ?? []) view.clear();
  }

  /**
   * Starts fresh views over `upstream` (a subscription's next event): nothing read before is
   * served again, and later reads go through `upstream` (a client with a fresh call budget). The
   * caller, and so who may read in which perspective, stays the same; `view` stays bound.
   */
  restart(upstream: UpstreamClient): void {
    this.input = { ...this.input, upstream };
    this.views = null;
  }

  private viewOf(perspective: Perspective): PerspectiveView {
    const key = perspective ?? '';
    this.views ??= new Map();
    const existing = this.views.get(key);
    if (existing) return existing;
    const host = {
      upstream: this.input.upstream,
      signal: this.input.signal,
      callerPerspective: this.own,
      view: (uid: string) => this.view(uid),
      appView: () => (this.mayView(null) ? this.viewOf(null) : null),
    };
    const created =
      perspective === null ? new AppViewImpl(host) : new PerspectiveView(perspective, host);
    this.views.set(key, created);
    return created;
  }
}

/** A perspective as a caller names it: uids are case-insensitive; an empty one names the app. */
function normalise(perspective: string | null): Perspective {
  if (perspective === null) return null;
  const uid = perspective.trim().toLowerCase();
  return uid === '' ? null : uid;
}

/** `context.view`: the view of a perspective (null: the app; omitted: the caller's own). */
export type ViewOf = ReadLayer['view'];

/** The read layer of one request. */
export function createReadLayer(input: ReadLayerInput): ReadLayer {
  return new ReadLayer(input);
}
