// Records the AWS calls the emulator answers (the latest `capacity` of them, so a long-running
// emulator does not grow with its traffic), and how many were in flight at once.

import type { RecordedCall, ServiceName } from "./types.js";

export interface PendingCall {
  readonly sequence: number;
  readonly generation: number;
  readonly service: ServiceName;
  readonly startedAt: number;
  readonly startedAtPrecise: number;
}

export type CallOutcome = Omit<RecordedCall, "service" | "startedAt" | "durationMs">;

interface Entry {
  sequence: number;
  call: RecordedCall;
}

/** Calls kept by default: enough for any test, a few megabytes at most. */
export const DEFAULT_RECORDED_CALLS = 10_000;

export class CallRecorder {
  private entries: Entry[] = [];
  private sequence = 0;
  /** Bumped by reset(), so calls that began before it are not recorded after it. */
  private generation = 0;
  private readonly inFlight = new Map<ServiceName | "all", number>();
  private readonly peak = new Map<ServiceName | "all", number>();

  constructor(private readonly capacity: number = DEFAULT_RECORDED_CALLS) {}

  begin(service: ServiceName): PendingCall {
    for (const key of [service, "all"] as const) {
      const now = (this.inFlight.get(key) ?? 0) + 1;
      this.inFlight.set(key, now);
      this.peak.set(key, Math.max(this.peak.get(key) ?? 0, now));
    }
    return {
      sequence: this.sequence++,
      generation: this.generation,
      service,
      startedAt: Date.now(),
      startedAtPrecise: performance.now(),
    };
  }

  finish(pending: PendingCall, outcome: CallOutcome): void {
    for (const key of [pending.service, "all"] as const) {
      this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
    }
    if (pending.generation !== this.generation) return;
    const call: RecordedCall = {
      service: pending.service,
      ...outcome,
      startedAt: pending.startedAt,
      durationMs: performance.now() - pending.startedAtPrecise,
    };
    // Calls finish out of order; keep the list in arrival order.
    let index = this.entries.length;
    while (index > 0 && (this.entries[index - 1]?.sequence ?? -1) > pending.sequence) index--;
    this.entries.splice(index, 0, { sequence: pending.sequence, call });
    if (this.entries.length > this.capacity) {
      this.entries.splice(0, this.entries.length - this.capacity);
    }
  }

  calls(): RecordedCall[] {
    return this.entries.map((entry) => entry.call);
  }

  reset(): void {
    this.entries = [];
    this.generation++;
    // Concurrency is measured from now on, starting from what is already in flight.
    for (const [key, count] of this.inFlight) this.peak.set(key, count);
  }

  maxConcurrency(service?: ServiceName): number {
    return this.peak.get(service ?? "all") ?? 0;
  }
}
