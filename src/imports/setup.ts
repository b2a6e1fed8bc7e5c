/** Builds the data import service from the configuration: its store and its pacing. */
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { UpstreamClient } from '../upstream/client.js';
import { ImportPacer } from './pacer.js';
import { DataImports } from './service.js';
import { FileJobStore, type JobStore, MemoryJobStore, RedisJobStore } from './store.js';

/** Redis when `REDIS_URL` is set, else files under `GATEWAY_IMPORT_DIR`, else memory. */
export function createDataImports(
  config: Config,
  upstream: UpstreamClient,
  logger: Logger,
): DataImports {
  const store: JobStore = config.redisUrl
    ? new RedisJobStore(config.redisUrl)
    : config.dataImport.dir
      ? new FileJobStore(config.dataImport.dir)
      : new MemoryJobStore();
  return new DataImports({
    upstream,
    store,
    pacer: new ImportPacer({
      perWindow: config.dataImport.requestsPerWindow,
      windowMs: config.dataImport.windowMs,
    }),
    logger: logger.child({ component: 'data-import' }),
    chunkSize: config.dataImport.chunkSize,
    retryDelayMs: config.dataImport.retryDelayMs,
  });
}
