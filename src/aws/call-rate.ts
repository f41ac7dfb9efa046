import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";

export interface LimiterOptions {
  /** What may be taken per window. */
  points: number;
  durationS: number;
  /** Keeps this limiter's keys apart from the others' in a shared Redis. */
  keyPrefix: string;
  /** Shared by every instance when given. */
  redis?: Redis;
}

/**
 * A rate-limiter-flexible limiter: in Redis when there is one, so the whole fleet counts
 * together, with an in-process limiter standing in whenever Redis does not answer (so a Redis
 * outage neither stops calls nor lifts the limit).
 */
export function fleetLimiter({ points, durationS, keyPrefix, redis }: LimiterOptions) {
  const local = new RateLimiterMemory({ points, duration: durationS, keyPrefix });
  if (!redis) return local;
  return new RateLimiterRedis({
    storeClient: redis,
    points,
    duration: durationS,
    keyPrefix: `aws-image-graph:${keyPrefix}`,
    rejectIfRedisNotReady: true,
    insuranceLimiter: local,
  });
}

/**
 * AWS_CALLS_PER_SECOND: calls per second per service and region. A call past the rate waits for
 * the next second rather than failing; the wait ends with the request (its abort signal).
 */
export class AwsCallRate {
  constructor(
    readonly callsPerSecond: number,
    private readonly limiter: RateLimiterAbstract,
  ) {}

  static create(callsPerSecond: number, redis?: Redis): AwsCallRate | undefined {
    if (callsPerSecond <= 0) return undefined;
    return new AwsCallRate(
      callsPerSecond,
      fleetLimiter({ points: callsPerSecond, durationS: 1, keyPrefix: "aws-rate", redis }),
    );
  }

  /** Resolves once one more call to `key` (service and region) fits in the rate. */
  async take(key: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      try {
        await this.limiter.consume(key);
        return;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        // Spread the waiters over the next window instead of waking them all at its start.
        const jitterMs = Math.random() * Math.min(50, 1000 / this.callsPerSecond);
        await sleep(rejection.msBeforeNext + jitterMs, undefined, { signal });
      }
    }
  }
}
