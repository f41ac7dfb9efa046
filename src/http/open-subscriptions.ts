import type { ExecutionResult } from "graphql";
import { isAsyncIterable, type Plugin, Repeater } from "graphql-yoga";
import type { GatewayContext } from "../context.js";
import { gatewayError } from "../graph/errors.js";

/**
 * Every subscription the gateway is serving, over Server-Sent Events or WebSocket alike: at most
 * MAX_SUBSCRIPTIONS_PER_CALLER per caller, each ended when its caller's token expires (a last
 * event says so with `UNAUTHENTICATED`), and all of them ended at once when the gateway shuts
 * down, so each client gets a clean end of stream (SSE `complete`, graphql-ws `complete`)
 * instead of a cut connection.
 */
/** Longest delay setTimeout keeps (about 24.8 days); a token living longer never ends a stream. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class OpenSubscriptions {
  private readonly byCaller = new Map<string, number>();
  private readonly enders = new Set<() => void>();
  private draining = false;

  /** `maxPerCaller` 0: no limit. */
  constructor(private readonly maxPerCaller: number) {}

  get count(): number {
    return this.enders.size;
  }

  /** Ends every open subscription now, and refuses new ones from here on. */
  endAll(): void {
    this.draining = true;
    for (const end of [...this.enders]) end();
  }

  plugin(): Plugin<GatewayContext> {
    return {
      onSubscribe: ({ args, setResultAndStopExecution }) => {
        if (this.draining) {
          setResultAndStopExecution({
            errors: [
              gatewayError(
                "SHUTTING_DOWN",
                "This gateway instance is shutting down; subscribe again, and another instance will serve you.",
              ),
            ],
          });
          return;
        }
        const callerId = args.contextValue.caller.id;
        const open = this.byCaller.get(callerId) ?? 0;
        if (this.maxPerCaller > 0 && open >= this.maxPerCaller) {
          setResultAndStopExecution({
            errors: [
              gatewayError(
                "SUBSCRIPTION_LIMIT_REACHED",
                `You already have ${open} open subscriptions, the most one caller may have (MAX_SUBSCRIPTIONS_PER_CALLER); end one before starting another.`,
                { limit: this.maxPerCaller },
              ),
            ],
          });
          return;
        }
        this.byCaller.set(callerId, open + 1);
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          const left = (this.byCaller.get(callerId) ?? 1) - 1;
          if (left > 0) this.byCaller.set(callerId, left);
          else this.byCaller.delete(callerId);
        };
        return {
          onSubscribeResult: ({ result, setResult }) => {
            if (!isAsyncIterable(result)) {
              release();
              return;
            }
            setResult(this.endable(result, release, args.contextValue.caller.expiresAt));
          },
          onSubscribeError: () => release(),
        };
      },
    };
  }

  /** `source`, until its client leaves, it ends, its token expires, or `endAll` ends it. */
  private endable(
    source: AsyncIterable<ExecutionResult>,
    release: () => void,
    expiresAt: number | undefined,
  ): AsyncIterableIterator<ExecutionResult> {
    return new Repeater<ExecutionResult>(async (push, stop) => {
      const iterator = source[Symbol.asyncIterator]();
      const end = () => stop();
      this.enders.add(end);
      let done = false;
      const stopped = stop.then(() => {
        done = true;
        return undefined;
      });
      const remainingMs = expiresAt === undefined ? undefined : expiresAt - Date.now();
      const expiry =
        remainingMs === undefined || remainingMs >= MAX_TIMER_MS
          ? undefined
          : setTimeout(
              () =>
                void push({
                  errors: [
                    gatewayError(
                      "UNAUTHENTICATED",
                      "The bearer token has expired, so this subscription has ended; subscribe again with a new token.",
                    ),
                  ],
                }).then(end, end),
              Math.max(0, remainingMs),
            );
      try {
        while (!done) {
          const step = await Promise.race([iterator.next(), stopped]);
          if (!step || step.done) break;
          await push(step.value);
        }
        stop();
      } catch (error) {
        stop(error);
      } finally {
        clearTimeout(expiry);
        this.enders.delete(end);
        release();
        await iterator.return?.();
      }
    });
  }
}
