import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { gatewayError } from "../graph/errors.js";

/**
 * Each caller's budget of AWS calls per minute, shared by all its requests in this process, so
 * one client cannot spend the account's AWS API rate that every other tool relies on too. The
 * limiter is rate-limiter-flexible's in-memory one; its Redis limiter has the same interface
 * and would share budgets across a fleet.
 */
export class CallerBudgets {
  private readonly limiter: RateLimiterAbstract | undefined;

  /** `callsPerMinute` 0 means unlimited. */
  constructor(readonly callsPerMinute: number) {
    this.limiter =
      callsPerMinute > 0
        ? new RateLimiterMemory({ points: callsPerMinute, duration: 60 })
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
