import { setMaxListeners } from "node:events";
import type { Plugin } from "graphql-yoga";

/** Why a request's pending AWS calls were abandoned. */
export class RequestAborted extends Error {
  constructor(
    readonly why: "deadline" | "client-gone",
    readonly timeoutMs: number,
  ) {
    super(
      why === "deadline"
        ? `The request ran past REQUEST_TIMEOUT_MS (${timeoutMs} ms).`
        : "The client closed the request.",
    );
    this.name = "RequestAborted";
  }
}

/**
 * The life of one GraphQL request as its AWS calls see it: one AbortSignal that fires when the
 * request's deadline passes or its client goes away. Every AWS call made for the request carries
 * it to the SDK (`abortSignal`), so no socket keeps waiting for an answer nobody reads.
 */
export class RequestDeadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onClientGone = () =>
    this.controller.abort(new RequestAborted("client-gone", this.timeoutMs));

  constructor(
    private readonly timeoutMs: number,
    private readonly clientSignal?: AbortSignal,
  ) {
    this.timer = setTimeout(
      () => this.controller.abort(new RequestAborted("deadline", timeoutMs)),
      timeoutMs,
    );
    this.timer.unref();
    // Each AWS call of the request listens on the signal (up to `nodes`' 100 at once): no leak.
    setMaxListeners(0, this.controller.signal);
    if (clientSignal?.aborted) this.onClientGone();
    else clientSignal?.addEventListener("abort", this.onClientGone, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The response is complete: nothing is left to abort. */
  finish(): void {
    clearTimeout(this.timer);
    this.clientSignal?.removeEventListener("abort", this.onClientGone);
  }
}

/** Ends each request's deadline when its execution is done, so no timer outlives a request. */
export function useRequestDeadline(): Plugin<{ deadline?: RequestDeadline }> {
  return {
    // A subscription lasts as long as its client wants it; each AWS call of its events is still
    // bounded by AWS_CALL_TIMEOUT_MS, and the stream ends when the client goes.
    onSubscribe({ args }) {
      args.contextValue.deadline?.finish();
    },
    onExecute({ args }) {
      return {
        onExecuteDone() {
          args.contextValue.deadline?.finish();
        },
      };
    },
  };
}

/**
 * `work`, or a rejection with the signal's reason as soon as it fires: a caller stops waiting at
 * the deadline even while the SDK sleeps between retries. `onGiveUp` runs when it does.
 */
export function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  onGiveUp?: () => void,
): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => {});
    onGiveUp?.();
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => {});
      onGiveUp?.();
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
