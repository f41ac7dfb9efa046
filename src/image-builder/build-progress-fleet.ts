// Build progress across a fleet of gateway instances sharing Redis: one instance at a time holds
// a build's lease and polls it; every event it sees is appended to the build's story in Redis
// and published on the build's channel, so subscribers on every instance receive every
// transition while AWS is polled once. A lease not renewed (its holder died) expires, and
// another instance with subscribers to the build takes over where the story stops.

import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { BuildProgressEvent } from "./build-progress.js";

const PREFIX = "aws-image-graph:build-progress:";
/** How long a build's story stays in Redis after its last event, for late subscribers. */
const HISTORY_TTL_S = 3600;

const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/** What travels on a build's channel. */
export type FleetMessage =
  | { kind: "event"; from: string; seq: number; event: BuildProgressEvent }
  | { kind: "error"; from: string; message: string; code: string }
  | { kind: "released"; from: string };

export interface BuildChannel {
  /** Takes the build's lease if nobody holds it. */
  claim(): Promise<boolean>;
  /** Extends the lease; false when another instance holds it now. */
  renew(): Promise<boolean>;
  /** Gives the lease up and tells the other instances, which may take it at once. */
  release(): Promise<void>;
  /** The build's story so far, as the instances that polled it told it. */
  history(): Promise<BuildProgressEvent[]>;
  /** Appends the `seq`th event to the story and publishes it. */
  append(seq: number, event: BuildProgressEvent): Promise<void>;
  /** Tells every subscriber on every instance that following the build failed for good. */
  fail(message: string, code: string): Promise<void>;
  /** Stops listening to the build's channel. */
  close(): void;
}

export class BuildProgressFleet {
  /** Names this instance in leases and messages. */
  readonly instanceId = randomUUID();
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, (message: FleetMessage) => void>();

  /**
   * `redis` answers commands (it fails fast while Redis is away); a second connection of its own
   * listens to the channels of the builds this instance follows.
   */
  constructor(
    private readonly redis: Redis,
    /** BUILD_PROGRESS_LEASE_MS. */
    readonly leaseMs: number,
  ) {
    this.subscriber = redis.duplicate({ enableOfflineQueue: true });
    // The command connection already reports Redis going away and coming back.
    this.subscriber.on("error", () => {});
    this.subscriber.on("message", (channel: string, text: string) => {
      const handler = this.handlers.get(channel);
      if (!handler) return;
      let message: FleetMessage;
      try {
        message = JSON.parse(text) as FleetMessage;
      } catch {
        return;
      }
      if (message.from !== this.instanceId) handler(message);
    });
  }

  channel(arn: string, onMessage: (message: FleetMessage) => void): BuildChannel {
    const channel = `${PREFIX}${arn}`;
    const lease = `${channel}:lease`;
    const story = `${channel}:history`;
    const from = this.instanceId;
    const publish = (message: FleetMessage) =>
      this.redis.publish(channel, JSON.stringify(message)).then(() => undefined);
    this.handlers.set(channel, onMessage);
    this.subscriber.subscribe(channel).catch(() => {});
    return {
      claim: async () => (await this.redis.set(lease, from, "PX", this.leaseMs, "NX")) === "OK",
      renew: async () => Number(await this.redis.eval(RENEW, 1, lease, from, this.leaseMs)) === 1,
      release: async () => {
        if (Number(await this.redis.eval(RELEASE, 1, lease, from)) === 1) {
          await publish({ kind: "released", from });
        }
      },
      history: async () =>
        (await this.redis.lrange(story, 0, -1)).map(
          (text) => JSON.parse(text) as BuildProgressEvent,
        ),
      append: async (seq, event) => {
        await this.redis
          .multi()
          .rpush(story, JSON.stringify(event))
          .expire(story, HISTORY_TTL_S)
          .exec();
        await publish({ kind: "event", from, seq, event });
      },
      fail: (message, code) => publish({ kind: "error", from, message, code }),
      close: () => {
        if (this.handlers.get(channel) !== onMessage) return;
        this.handlers.delete(channel);
        this.subscriber.unsubscribe(channel).catch(() => {});
      },
    };
  }

  disconnect(): void {
    this.subscriber.disconnect();
  }
}
