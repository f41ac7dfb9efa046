import type { Redis } from "ioredis";
import { type RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { fleetLimiter } from "../aws/call-rate.js";
import { gatewayError } from "../graph/errors.js";

/**
 * Each caller's budget of AWS calls per minute, shared by all its requests (by every instance
 * when Redis is given), so one client cannot spend the account's AWS API rate that every other
 * tool relies on too.
 */
export class CallerBudgets {
  private readonly limiter: RateLimiterAbstract | undefined;

  /** `callsPerMinute` 0 means unlimited. */
  constructor(
    readonly callsPerMinute: number,
    redis?: Redis,
  ) {
    this.limiter =
      callsPerMinute > 0
        ? fleetLimiter({ points: callsPerMinute, durationS: 60, keyPrefix: "caller", redis })
        : undefined;
  }

  /** Takes one call from `callerId`'s budget, or throws RATE_LIMITED saying when to retry. */
  async spend(callerId: string): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(callerId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw gatewayError(
        "RATE_LIMITED",
        `This caller has used its budget of ${this.callsPerMinute} AWS calls per minute; retry in ${retryAfter} s.`,
        {
          retryAfter,
          callsPerMinute: this.callsPerMinute,
          http: { headers: { "Retry-After": String(retryAfter) } },
        },
      );
    }
  }
}
