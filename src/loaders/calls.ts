/**
 * Call logs for one view (CometChat's Calls API): `GET /calls` pages and calls by session id,
 * every call made with the view's options, so a user's view asks `onBehalfOf` that user and
 * CometChat answers only the calls they took part in. A listed call primes the by-id loader, so
 * a later `call(sessionId)` in the same request costs nothing; a missing call (or one that is not the user's)
 * is null.
 */
import type DataLoader from 'dataloader';
import {
  type CallLogRecord,
  getCall,
  type ListCallsQuery,
  listCalls,
} from '../upstream/call-logs.js';
import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import type { Page } from '../upstream/records.js';
import { TracedLoader } from './batch-span.js';
import { fanOut } from './fan-out.js';

export class CallLogReader {
  private readonly bySession: DataLoader<string, CallLogRecord | null>;

  constructor(
    private readonly upstream: UpstreamClient,
    private readonly options: CallOptions,
  ) {
    // CometChat has no batch read of calls: one `GET /calls/{sessionId}` per distinct id.
    this.bySession = new TracedLoader(
      'calls',
      (ids) => fanOut(ids, (id) => getCall(this.upstream, id, this.options)),
      { batch: false },
    );
  }

  async list(query: ListCallsQuery): Promise<Page<CallLogRecord>> {
    const page = await listCalls(this.upstream, query, this.options);
    for (const call of page.items) this.bySession.prime(call.sessionId, call);
    return page;
  }

  one(sessionId: string): Promise<CallLogRecord | null> {
    return this.bySession.load(sessionId);
  }

  clear(): void {
    this.bySession.clearAll();
  }
}
