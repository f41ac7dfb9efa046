import { untilAborted } from "./deadline.js";

/** A call in flight that waiters can share: its result, and whatever else its starter keeps. */
export interface SharedWork<Output> {
  readonly result: Promise<Output>;
}

/** One waiter's view of a call: its own result, and whether another waiter had started it. */
export interface Joined<Work> {
  work: Work;
  /** This waiter's result: the call's, or its own abort reason as soon as its signal fires. */
  result: Promise<Work extends SharedWork<infer Output> ? Output : never>;
  /** True when the call was already in flight for someone else. */
  shared: boolean;
}

interface Entry<Work> {
  readonly key: string | undefined;
  readonly work: Work;
  readonly controller: AbortController;
  waiters: number;
  settled: boolean;
}

/**
 * Identical calls in flight at the same moment, made once: every waiter with the same key shares
 * the first one's work. Each waiter keeps its own abort signal, so one leaving only ends its own
 * wait; the work's signal fires only when no waiter is left, and a later waiter then starts
 * afresh. A settled call leaves at once: nothing is cached beyond the moment it answers.
 */
export class CallCoalescer {
  private readonly inFlight = new Map<string, Entry<unknown>>();

  /** Keys in flight right now. */
  get size(): number {
    return this.inFlight.size;
  }

  /**
   * Waits for the call under `key` (undefined: a call of its own that nobody shares), starting
   * it with `start` when none is in flight. `start` gets the signal that fires once every waiter
   * has left.
   */
  join<Output, Work extends SharedWork<Output>>(
    key: string | undefined,
    start: (signal: AbortSignal) => Work,
    signal?: AbortSignal,
  ): Joined<Work> {
    const existing = key === undefined ? undefined : this.inFlight.get(key);
    const entry = (existing as Entry<Work> | undefined) ?? this.begin(key, start);
    entry.waiters++;
    return {
      work: entry.work,
      result: this.waitFor(entry, signal) as Joined<Work>["result"],
      shared: existing !== undefined,
    };
  }

  private begin<Output, Work extends SharedWork<Output>>(
    key: string | undefined,
    start: (signal: AbortSignal) => Work,
  ): Entry<Work> {
    const controller = new AbortController();
    const entry: Entry<Work> = {
      key,
      work: start(controller.signal),
      controller,
      waiters: 0,
      settled: false,
    };
    const settle = () => {
      entry.settled = true;
      this.forget(entry);
    };
    // Handled here too, so a call whose waiters all left never rejects unobserved.
    entry.work.result.then(settle, settle);
    if (key !== undefined) this.inFlight.set(key, entry as Entry<unknown>);
    return entry;
  }

  private waitFor<Output>(
    entry: Entry<SharedWork<Output>>,
    signal: AbortSignal | undefined,
  ): Promise<Output> {
    return untilAborted(entry.work.result, signal, () => this.leave(entry, signal?.reason));
  }

  private leave(entry: Entry<unknown>, reason: unknown): void {
    entry.waiters--;
    if (entry.waiters > 0 || entry.settled) return;
    // Nobody waits any more: a newcomer must not join a call that is being abandoned.
    this.forget(entry);
    entry.controller.abort(reason);
  }

  private forget(entry: Entry<unknown>): void {
    if (entry.key !== undefined && this.inFlight.get(entry.key) === entry) {
      this.inFlight.delete(entry.key);
    }
  }
}
