import type { Cache } from "@graphql-yoga/plugin-response-cache";
import { Redis } from "ioredis";

const PREFIX = "aws-image-graph:";
const responseKey = (id: string) => `${PREFIX}response:${id}`;
const entityKey = (typename: string, id?: string | number) =>
  id === undefined ? `${PREFIX}type:${typename}` : `${PREFIX}entity:${typename}:${id}`;

/**
 * A Redis client that fails fast instead of queueing: when Redis is away, a command fails at
 * once (or after `timeoutMs`), the request is answered uncached and limits are kept per
 * instance, while the client keeps reconnecting in the background.
 */
export function connectRedis(url: string, onProblem: (message: string) => void): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 250,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let healthy = true;
  redis.on("error", (error: Error) => {
    if (healthy) {
      onProblem(
        `Redis at ${url} is unavailable (${error.message}); answering uncached, limiting per instance`,
      );
    }
    healthy = false;
  });
  redis.on("ready", () => {
    if (!healthy) onProblem(`Redis at ${url} is back; caching and limiting for the fleet again`);
    healthy = true;
  });
  return redis;
}

/**
 * The response cache in Redis, shared by every gateway instance. Each response is a key with
 * its TTL; each entity (`Type:id`) and each type is a set of the responses that show it, so a
 * mutation can drop them. The sets expire with the longest response they hold, so nothing
 * grows without bound, and no command scans the keyspace.
 */
export function createRedisResponseCache(redis: Redis): Cache {
  return {
    async set(id, result, entities, ttl) {
      const pipeline = redis.multi();
      pipeline.set(responseKey(id), JSON.stringify(result), "PX", Math.max(1, Math.round(ttl)));
      for (const { typename, id: entityId } of entities) {
        for (const key of new Set([entityKey(typename), entityKey(typename, entityId)])) {
          pipeline.sadd(key, id);
          // NX gives a new set an expiry; GT only ever lengthens it.
          pipeline.pexpire(key, Math.round(ttl), "NX");
          pipeline.pexpire(key, Math.round(ttl), "GT");
        }
      }
      await pipeline.exec();
    },
    async get(id) {
      const stored = await redis.get(responseKey(id));
      return stored ? JSON.parse(stored) : undefined;
    },
    async invalidate(entities) {
      for (const { typename, id } of entities) {
        const key = entityKey(typename, id);
        const responses = await redis.smembers(key);
        await redis.del(key, ...responses.map(responseKey));
      }
    },
  };
}
