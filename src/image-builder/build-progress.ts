// Live progress of one image build: a poll loop over GetImage, ListWorkflowExecutions and
// ListWorkflowStepExecutions that turns state changes into events. One loop per build however
// many subscribers watch it: per gateway process, or, with Redis, per fleet (one instance holds
// the build's lease and polls, the others receive its events; see build-progress-fleet.ts). The
// loop stops when the build ends or its last subscriber leaves. Its calls go to the ARN's own
// account and region, as every other read of the build does.

import type { ImageState, WorkflowStepMetadata } from "@aws-sdk/client-imagebuilder";
import { GraphQLError } from "graphql";
import { Repeater } from "graphql-yoga";
import { type AwsCaller, type AwsCallGate, requestCaller } from "../aws/calls.js";
import { type ErrorCode, gatewayError } from "../graph/errors.js";
import { accountOfArn, regionOfArn } from "./arns.js";
import type { BuildChannel, BuildProgressFleet, FleetMessage } from "./build-progress-fleet.js";
import { getImage, listWorkflowExecutionsPage, listWorkflowStepsPage } from "./client.js";
import type { WorkflowStepItem } from "./types.js";

/** One change: a step's new status (with the build's state then), or the build's new state. */
export interface BuildProgressEvent {
  imageBuildVersionArn: string;
  buildState: ImageState;
  /** The step that changed; absent when the event is about the build itself. */
  step?: WorkflowStepItem;
  /** True on the build's last event: it reached a final state. */
  finished: boolean;
}

export interface PollingLimits {
  /** First and shortest wait between polls; the wait starts here again after every change. */
  minMs: number;
  /** Longest wait: each poll that saw no change doubles the wait up to this. */
  maxMs: number;
}

/** States after which a build no longer changes by itself. */
const FATAL_CODES = new Set(["NOT_FOUND", "BAD_USER_INPUT", "FORBIDDEN", "AWS_CREDENTIALS"]);

const FINAL_STATES = new Set([
  "AVAILABLE",
  "FAILED",
  "CANCELLED",
  "DEPRECATED",
  "DELETED",
  "DISABLED",
]);

const isRateLimited = (error: unknown) =>
  error instanceof GraphQLError && error.extensions.code === "RATE_LIMITED";

type Listener = {
  /** Whose per-minute budget pays for this subscriber's share of the polls. */
  callerId?: string;
  push: (event: BuildProgressEvent) => void;
  fail: (error: Error) => void;
  stop: () => void;
};

/** Everything one poll saw: the build's state and every step, keyed by execution and step. */
interface Snapshot {
  buildState: ImageState;
  steps: WorkflowStepItem[];
}

async function allPages<Page, Item>(
  fetch: (nextToken: string | undefined) => Promise<Page>,
  items: (page: Page) => Item[] | undefined,
  nextTokenOf: (page: Page) => string | undefined,
): Promise<Item[]> {
  const all: Item[] = [];
  let nextToken: string | undefined;
  do {
    const page = await fetch(nextToken);
    all.push(...(items(page) ?? []));
    const next = nextTokenOf(page);
    nextToken = next && next !== nextToken ? next : undefined;
  } while (nextToken);
  return all;
}

/** The shared poll loop of one build. */
class BuildWatch {
  private readonly listeners = new Set<Listener>();
  /** Every event so far, so a subscriber who joins late sees the whole story in order. */
  private readonly history: BuildProgressEvent[] = [];
  private previous?: Snapshot;
  /** Steps of executions that had ended by an earlier poll: they cannot change any more. */
  private readonly settled = new Map<string, WorkflowStepItem[]>();
  private timer?: NodeJS.Timeout;
  private waitMs: number;
  private started = false;
  private stopped = false;
  /** Whether this instance polls the build (always, without a fleet). */
  private polling = false;
  private channel?: BuildChannel;
  private leaseTimer?: NodeJS.Timeout;
  /** Counts polls: whose turn it is to pay for the next one. */
  private turn = 0;

  constructor(
    private readonly arn: string,
    private readonly gate: AwsCallGate,
    /** The configured account the ARN belongs to; undefined: home. */
    private readonly account: string | undefined,
    private readonly limits: PollingLimits,
    private readonly fleet: BuildProgressFleet | undefined,
    private readonly onEnd: () => void,
  ) {
    this.waitMs = limits.minMs;
  }

  join(listener: Listener): void {
    for (const event of this.history) listener.push(event);
    this.listeners.add(listener);
    if (!this.started && !this.stopped) {
      this.started = true;
      this.start();
    }
  }

  leave(listener: Listener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) this.end();
  }

  /**
   * The loop's calls. Subscribers pay for the polls in turn, one poll each (a caller with several
   * subscriptions is one payer): each AWS call is charged once, so no caller pays more than
   * following the build alone would cost, and a spent budget is noticed at its owner's turn.
   * Out of budget, that caller's subscriptions end with RATE_LIMITED and the next payer takes
   * the call over, so the other subscribers miss nothing.
   */
  private readonly aws: AwsCaller = {
    call: async (description, input, send) => {
      for (;;) {
        const payers = [...new Set([...this.listeners].map((listener) => listener.callerId))];
        const callerId = payers[this.turn % Math.max(1, payers.length)];
        const caller = requestCaller(this.gate, undefined, undefined, { callerId });
        try {
          return await caller.call(description, input, send);
        } catch (error) {
          if (callerId === undefined || !isRateLimited(error)) throw error;
          this.dropCaller(callerId, error as Error);
          if (this.stopped) throw error;
        }
      }
    },
  };

  /** Ends the subscriptions of a caller who cannot pay; the last one gone ends the watch. */
  private dropCaller(callerId: string, error: Error): void {
    for (const listener of this.listeners) {
      if (listener.callerId !== callerId) continue;
      this.listeners.delete(listener);
      listener.fail(error);
    }
    if (this.listeners.size === 0) this.end();
  }

  private start(): void {
    const fleet = this.fleet;
    if (!fleet) {
      this.polling = true;
      void this.poll();
      return;
    }
    this.channel = fleet.channel(this.arn, (message) => this.received(message));
    void this.catchUp().then(() => this.lead());
    // The holder renews its lease; the others try to take it, which succeeds once it expired.
    this.leaseTimer = setInterval(
      () => void (this.polling ? this.renew() : this.lead()),
      Math.max(1, Math.floor(fleet.leaseMs / 3)),
    );
  }

  private end(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.leaseTimer);
    if (this.polling) this.channel?.release().catch(() => {});
    this.channel?.close();
    this.onEnd();
  }

  /** Takes the build's lease if it is free, and polls from where the story stands. */
  private async lead(): Promise<void> {
    if (this.stopped || this.polling || !this.channel) return;
    let won: boolean;
    try {
      won = await this.channel.claim();
    } catch {
      // Redis is away: poll here, as a gateway without Redis does.
      won = true;
    }
    if (!won || this.stopped || this.polling) return;
    this.polling = true;
    await this.catchUp();
    // The story in Redis is the truth: what an earlier holder saw is not reported again.
    this.previous = storySnapshot(this.history);
    void this.poll();
  }

  private async renew(): Promise<void> {
    try {
      if (this.channel && !(await this.channel.renew())) {
        // Another instance holds the lease now: it polls, this one listens.
        this.polling = false;
        clearTimeout(this.timer);
      }
    } catch {
      // Redis is away: keep polling here.
    }
  }

  /** Events the story in Redis has and this instance has not seen yet. */
  private async catchUp(): Promise<void> {
    try {
      const story = (await this.channel?.history()) ?? [];
      for (const event of story.slice(this.history.length)) this.deliver(event);
    } catch {
      // Redis is away: the story continues from what this instance has seen.
    }
  }

  private received(message: FleetMessage): void {
    if (this.stopped) return;
    if (message.kind === "released") {
      void this.lead();
    } else if (message.kind === "error") {
      this.failAll(gatewayError(message.code as ErrorCode, message.message));
    } else if (!this.polling) {
      if (message.seq === this.history.length) this.deliver(message.event);
      else if (message.seq > this.history.length) void this.catchUp();
    }
  }

  /** One more event of the story, to every subscriber here; the last one ends the watch. */
  private deliver(event: BuildProgressEvent): void {
    this.history.push(event);
    for (const listener of this.listeners) listener.push(event);
    if (event.finished) {
      for (const listener of this.listeners) listener.stop();
      this.end();
    }
  }

  private failAll(error: Error): void {
    for (const listener of this.listeners) listener.fail(error);
    this.end();
  }

  private async poll(): Promise<void> {
    this.timer = undefined;
    if (this.stopped || !this.polling) return;
    this.turn++;
    let changed = false;
    try {
      const snapshot = await this.read();
      if (this.stopped || !this.polling) return;
      changed = this.publish(snapshot);
      if (FINAL_STATES.has(snapshot.buildState.status ?? "")) {
        for (const listener of this.listeners) listener.stop();
        this.end();
        return;
      }
    } catch (error) {
      // A build AWS does not know, input it refuses or missing credentials will not get better
      // by polling on: tell every subscriber and stop.
      const code = error instanceof GraphQLError ? String(error.extensions.code) : "";
      if (code === "RATE_LIMITED") {
        // Every subscriber here is out of budget (each was told): the watch ended, and another
        // instance's subscribers may poll instead.
        this.failAll(error as Error);
        return;
      }
      if (FATAL_CODES.has(code)) {
        this.channel?.fail((error as Error).message, code).catch(() => {});
        this.failAll(error as Error);
        return;
      }
      // Throttling and outages that outlasted the SDK's retries: wait longer and try again.
    }
    this.waitMs = changed ? this.limits.minMs : Math.min(this.waitMs * 2, this.limits.maxMs);
    this.timer = setTimeout(() => void this.poll(), this.waitMs);
  }

  /** The build's state first, then its steps: a final state read first means final steps. */
  private async read(): Promise<Snapshot> {
    const { account } = this;
    const region = regionOfArn(this.arn);
    const imageBuildVersionArn = this.arn;
    const image = await getImage(this.aws, { region, account, imageBuildVersionArn });
    const executions = await allPages(
      (nextToken) =>
        listWorkflowExecutionsPage(this.aws, { region, account, imageBuildVersionArn, nextToken }),
      (page) => page.workflowExecutions,
      (page) => page.nextToken,
    );
    const steps: WorkflowStepItem[] = [];
    for (const execution of executions) {
      const workflowExecutionId = execution.workflowExecutionId ?? "";
      const settled = this.settled.get(workflowExecutionId);
      if (settled) {
        steps.push(...settled);
        continue;
      }
      const listed = await allPages(
        (nextToken) =>
          listWorkflowStepsPage(this.aws, { region, account, workflowExecutionId, nextToken }),
        (page) => page.steps,
        (page) => page.nextToken,
      );
      const items = listed.map((step: WorkflowStepMetadata) => ({
        ...step,
        region,
        workflowExecutionId,
      }));
      if (
        ["COMPLETED", "FAILED", "CANCELLED", "ROLLBACK_COMPLETED"].includes(execution.status ?? "")
      ) {
        this.settled.set(workflowExecutionId, items);
      }
      steps.push(...items);
    }
    return { buildState: image.image?.state ?? {}, steps };
  }

  /** Emits what changed since the last poll (everything not pending, the first time). */
  private publish(snapshot: Snapshot): boolean {
    const key = (step: WorkflowStepItem) => `${step.workflowExecutionId} ${step.stepExecutionId}`;
    const before = new Map((this.previous?.steps ?? []).map((step) => [key(step), step.status]));
    const events: BuildProgressEvent[] = [];
    const finished = FINAL_STATES.has(snapshot.buildState.status ?? "");
    for (const step of snapshot.steps) {
      const was = before.get(key(step)) ?? "PENDING";
      if (step.status !== was) {
        events.push({
          imageBuildVersionArn: this.arn,
          buildState: snapshot.buildState,
          step,
          finished: false,
        });
      }
    }
    const buildChanged =
      this.previous === undefined ||
      this.previous.buildState.status !== snapshot.buildState.status ||
      this.previous.buildState.reason !== snapshot.buildState.reason;
    if (buildChanged) {
      events.push({ imageBuildVersionArn: this.arn, buildState: snapshot.buildState, finished });
    } else if (finished && events.length > 0) {
      events[events.length - 1] = { ...(events.at(-1) as BuildProgressEvent), finished };
    }
    this.previous = snapshot;
    for (const event of events) {
      const seq = this.history.length;
      this.history.push(event);
      for (const listener of this.listeners) listener.push(event);
      this.channel?.append(seq, event).catch(() => {});
    }
    return events.length > 0;
  }
}

/** Where the story of a build stands after `history`: its state and each step's last status. */
function storySnapshot(history: readonly BuildProgressEvent[]): Snapshot | undefined {
  const last = history.at(-1);
  if (!last) return undefined;
  const steps = new Map<string, WorkflowStepItem>();
  for (const { step } of history) {
    if (step) steps.set(`${step.workflowExecutionId} ${step.stepExecutionId}`, step);
  }
  return { buildState: last.buildState, steps: [...steps.values()] };
}

/**
 * Poll loops by call gate (one per gateway instance), then by build ARN. The ARN names the
 * build's account and region, which decide the credentials every call uses, so one key (here and
 * in Redis) never mixes accounts.
 */
const watches = new WeakMap<AwsCallGate, Map<string, BuildWatch>>();

/** How many builds a gateway is polling right now (for tests and metrics). */
export function activeBuildWatches(gate: AwsCallGate): number {
  return watches.get(gate)?.size ?? 0;
}

/**
 * The progress events of one build, from its story so far to its end. Subscribers of the same
 * build share one poll loop; its AWS calls count towards no request's call cap, but towards the
 * per-minute budgets of its subscribers, who pay for the polls in turn (see BuildWatch.aws), so
 * subscribing is no way around the budget.
 */
export function watchBuild(
  gate: AwsCallGate,
  limits: PollingLimits,
  imageBuildVersionArn: string,
  callerId?: string,
  fleet?: BuildProgressFleet,
): AsyncIterableIterator<BuildProgressEvent> {
  return new Repeater<BuildProgressEvent>(async (push, stop) => {
    const account = await accountOfArn(imageBuildVersionArn, gate);
    const byArn = watches.get(gate) ?? new Map<string, BuildWatch>();
    watches.set(gate, byArn);
    let watch = byArn.get(imageBuildVersionArn);
    if (!watch) {
      const created = new BuildWatch(imageBuildVersionArn, gate, account, limits, fleet, () => {
        if (byArn.get(imageBuildVersionArn) === created) byArn.delete(imageBuildVersionArn);
      });
      byArn.set(imageBuildVersionArn, created);
      watch = created;
    }
    const listener: Listener = {
      callerId,
      push: (event) => void push(event),
      fail: (error) => stop(error),
      stop: () => stop(),
    };
    watch.join(listener);
    // Resolves when the subscriber leaves (client gone) or the build ended.
    await stop;
    watch.leave(listener);
  });
}
