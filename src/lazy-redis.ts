/**
 * ioredis and the Redis event target, loaded on first use. Redis is optional (`REDIS_URL`, the
 * `redis` read cache): a gateway without it should not carry the client's modules in its memory
 * (about 10 MiB of idle RSS, see docs/bench.md). Both packages ship CommonJS, so they are required
 * synchronously where a client is built and the callers stay synchronous.
 */
import { createRequire } from 'node:module';
import type * as RedisEventTargetModule from '@graphql-yoga/redis-event-target';
import type { Redis, RedisOptions } from 'ioredis';

const require = createRequire(import.meta.url);

/** `new Redis(url, options)` from ioredis, loaded now if it was not yet. */
export function newRedis(url: string, options: RedisOptions): Redis {
  const { Redis: RedisClient } = require('ioredis') as typeof import('ioredis');
  return new RedisClient(url, options);
}

/** `createRedisEventTarget` of `@graphql-yoga/redis-event-target`, loaded now if it was not yet. */
export function loadRedisEventTarget(): typeof RedisEventTargetModule.createRedisEventTarget {
  const module = require('@graphql-yoga/redis-event-target') as typeof RedisEventTargetModule;
  return module.createRedisEventTarget;
}
