import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";

export interface RetrySettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Error types worth another attempt: the call may succeed unchanged a moment later. */
const RETRYABLE = new Set<RetryErrorInfo["errorType"]>(["THROTTLING", "TRANSIENT"]);

/**
 * Attempt-bounded retries with full-jitter exponential backoff.
 *
 * The SDK's standard strategy also keeps a 500-token retry quota per client that stops all
 * retries once drained; a sustained throttle rate (30 % of calls, say) drains it within a few
 * hundred calls and every later throttle then reaches the user. Bounding each call by attempts
 * and backoff keeps a throttled account served, at the cost of latency, which is the trade a
 * read-mostly gateway wants.
 */
export class BoundedRetryStrategy implements RetryStrategyV2 {
  constructor(
    private readonly settings: RetrySettings,
    private readonly random: () => number = Math.random,
  ) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return attemptToken(0, 0);
  }

  async refreshRetryTokenForRetry(
    token: RetryToken,
    errorInfo: RetryErrorInfo,
  ): Promise<RetryToken> {
    const retryCount = token.getRetryCount() + 1;
    if (!RETRYABLE.has(errorInfo.errorType) || retryCount >= this.settings.maxAttempts) {
      throw new Error("No retry token available");
    }
    return attemptToken(retryCount, this.backoff(retryCount, errorInfo.retryAfterHint));
  }

  recordSuccess(): void {}

  private backoff(retryCount: number, retryAfter?: Date): number {
    const ceiling = Math.min(this.settings.maxDelayMs, this.settings.baseDelayMs * 2 ** retryCount);
    const jittered = Math.floor(this.random() * ceiling);
    // A server-sent Retry-After wins when it asks for more patience, within the configured cap.
    const requested = retryAfter ? retryAfter.getTime() - Date.now() : 0;
    return Math.min(Math.max(jittered, requested), this.settings.maxDelayMs);
  }
}

function attemptToken(retryCount: number, delayMs: number): RetryToken {
  return { getRetryCount: () => retryCount, getRetryDelay: () => delayMs };
}
