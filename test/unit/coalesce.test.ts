import type { MetadataBearer } from "@smithy/types";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { AwsCallGate, type AwsCallGateOptions, type AwsCallRecord } from "../../src/aws/calls.js";
import { AwsClients } from "../../src/aws/clients.js";
import { CallCoalescer } from "../../src/aws/coalesce.js";
import { RequestAborted } from "../../src/aws/deadline.js";
import type { AwsCallDescription } from "../../src/aws/services.js";
import { GatewayMetrics } from "../../src/observability/metrics.js";

/** A call that answers when told to, and says whether its signal fired. */
function controllable<Output>() {
  let answer!: (value: Output) => void;
  let fail!: (error: unknown) => void;
  const state = { starts: 0, signal: undefined as AbortSignal | undefined };
  const start = (signal: AbortSignal) => {
    state.starts++;
    state.signal = signal;
    return {
      result: new Promise<Output>((resolve, reject) => {
        answer = resolve;
        fail = reject;
      }),
    };
  };
  return { start, state, answer: (value: Output) => answer(value), fail: (e: unknown) => fail(e) };
}

const gone = () => new RequestAborted("client-gone", 1000);

describe("CallCoalescer", () => {
  it("starts identical calls once and gives every waiter the answer", async () => {
    const coalescer = new CallCoalescer();
    const call = controllable<string>();
    const joins = Array.from({ length: 5 }, () => coalescer.join("k", call.start));
    expect(call.state.starts).toBe(1);
    expect(joins.map((join) => join.shared)).toEqual([false, true, true, true, true]);
    call.answer("pages");
    expect(await Promise.all(joins.map((join) => join.result))).toEqual(Array(5).fill("pages"));
    expect(coalescer.size).toBe(0);
  });

  it("never shares calls under different keys, nor calls without a key", () => {
    const coalescer = new CallCoalescer();
    const call = controllable<string>();
    coalescer.join("a", call.start);
    coalescer.join("b", call.start);
    coalescer.join(undefined, call.start);
    coalescer.join(undefined, call.start);
    expect(call.state.starts).toBe(4);
    expect(coalescer.size).toBe(2);
  });

  it("lets one waiter leave without ending the call for the others", async () => {
    const coalescer = new CallCoalescer();
    const call = controllable<string>();
    const leaving = new AbortController();
    const staying = new AbortController();
    const first = coalescer.join("k", call.start, leaving.signal);
    const second = coalescer.join("k", call.start, staying.signal);
    const reason = gone();
    leaving.abort(reason);
    await expect(first.result).rejects.toBe(reason);
    expect(call.state.signal?.aborted).toBe(false);
    call.answer("answer");
    await expect(second.result).resolves.toBe("answer");
  });

  it("aborts the call once no waiter is left, and starts afresh for the next one", async () => {
    const coalescer = new CallCoalescer();
    const call = controllable<string>();
    const waiters = [new AbortController(), new AbortController()];
    const joins = waiters.map((waiter) => coalescer.join("k", call.start, waiter.signal));
    const abandoned = call.state.signal;
    const reason = gone();
    for (const waiter of waiters) waiter.abort(reason);
    await Promise.all(joins.map((join) => expect(join.result).rejects.toBe(reason)));
    expect(abandoned?.aborted).toBe(true);
    expect(abandoned?.reason).toBe(reason);
    expect(coalescer.size).toBe(0);
    const next = coalescer.join("k", call.start);
    expect(next.shared).toBe(false);
    expect(call.state.starts).toBe(2);
  });

  it("keeps a call going while a waiter without a signal waits", async () => {
    const coalescer = new CallCoalescer();
    const call = controllable<string>();
    const poll = coalescer.join("k", call.start);
    const request = new AbortController();
    const joined = coalescer.join("k", call.start, request.signal);
    request.abort(gone());
    await expect(joined.result).rejects.toBeInstanceOf(RequestAborted);
    expect(call.state.signal?.aborted).toBe(false);
    call.answer("state");
    await expect(poll.result).resolves.toBe("state");
  });

  it("shares a failure with every waiter, and forgets the call", async () => {
    const coalescer = new CallCoalescer();
    const call = controllable<string>();
    const joins = [coalescer.join("k", call.start), coalescer.join("k", call.start)];
    const error = new Error("throttled");
    call.fail(error);
    for (const join of joins) await expect(join.result).rejects.toBe(error);
    expect(coalescer.size).toBe(0);
  });

  it("refuses a waiter whose signal already fired without holding the call open", async () => {
    const coalescer = new CallCoalescer();
    const call = controllable<string>();
    const waiting = coalescer.join("k", call.start);
    const reason = gone();
    const late = coalescer.join("k", call.start, AbortSignal.abort(reason));
    await expect(late.result).rejects.toBe(reason);
    expect(call.state.signal?.aborted).toBe(false);
    call.answer("ok");
    await expect(waiting.result).resolves.toBe("ok");
  });
});

const clients = new AwsClients({
  defaultRegion: "us-east-1",
  regions: undefined as never,
  retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  callTimeoutMs: 1000,
  maxSockets: 1,
});

interface Page extends MetadataBearer {
  items: string[];
}

/** A gate whose calls are counted and answered after `delayMs` by a fake send. */
function gateWith(options: AwsCallGateOptions = {}, delayMs = 20) {
  const metrics = new GatewayMetrics();
  const gate = new AwsCallGate(clients, 8, metrics, options);
  const sent: Array<{ input: object; signal?: AbortSignal }> = [];
  const send = async (
    _clients: AwsClients,
    input: object,
    { abortSignal }: { abortSignal?: unknown },
  ) => {
    const signal = abortSignal as AbortSignal | undefined;
    sent.push({ input, signal });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    signal?.throwIfAborted();
    return { items: ["a"], $metadata: { attempts: 1 } } satisfies Page;
  };
  const coalesced = async () =>
    (await metrics.awsCallsCoalesced.get()).values.reduce((sum, value) => sum + value.value, 0);
  return { gate, sent, send, coalesced, metrics };
}

const LIST: AwsCallDescription = {
  service: "imagebuilder",
  operation: "ListImagePackages",
  region: "us-east-1",
};

describe("AwsCallGate sharing", () => {
  it("shares identical reads, whatever the key order of their input, and says so", async () => {
    const { gate, sent, send, coalesced } = gateWith();
    const logs: AwsCallRecord[][] = [[], [], []];
    const inputs = [
      { imageBuildVersionArn: "arn:1", maxResults: 25 },
      { maxResults: 25, imageBuildVersionArn: "arn:1" },
      { maxResults: 25, imageBuildVersionArn: "arn:1", nextToken: undefined },
    ];
    const answers = await Promise.all(
      inputs.map((input, index) => gate.call(LIST, input, send, { log: logs[index] })),
    );
    expect(sent).toHaveLength(1);
    expect(answers.every((answer) => answer === answers[0])).toBe(true);
    expect(logs.map((log) => log[0]?.shared)).toEqual([undefined, true, true]);
    expect(await coalesced()).toBe(2);
  });

  it("never shares across regions, accounts, operations or inputs", async () => {
    const { gate, sent, send } = gateWith();
    const input = { imageBuildVersionArn: "arn:1" };
    await Promise.all([
      gate.call(LIST, input, send),
      gate.call({ ...LIST, region: "eu-west-1" }, input, send),
      gate.call({ ...LIST, account: "111111111111" }, input, send),
      gate.call({ ...LIST, account: "222222222222" }, input, send),
      gate.call({ ...LIST, operation: "GetImage" }, input, send),
      gate.call(LIST, { imageBuildVersionArn: "arn:2" }, send),
      gate.call(LIST, { imageBuildVersionArn: "arn:1", nextToken: "t" }, send),
    ]);
    expect(sent).toHaveLength(7);
  });

  it("never shares writes", async () => {
    const { gate, sent, send } = gateWith();
    const input = { imagePipelineArn: "arn:p", clientToken: "same" };
    for (const operation of ["StartImagePipelineExecution", "CancelImageCreation", "Getaway"]) {
      await Promise.all(
        Array.from({ length: 3 }, () => gate.call({ ...LIST, operation }, input, send)),
      );
    }
    expect(sent).toHaveLength(9);
  });

  it("shares nothing with coalescing off", async () => {
    const { gate, sent, send } = gateWith({ coalesce: false });
    await Promise.all(Array.from({ length: 4 }, () => gate.call(LIST, { a: 1 }, send)));
    expect(sent).toHaveLength(4);
  });

  it("answers the requests that stay when one leaves, and aborts only when all have left", async () => {
    const { gate, sent, send } = gateWith({}, 50);
    const leaving = new AbortController();
    const staying = new AbortController();
    const left = gate.call(LIST, { a: 1 }, send, { signal: leaving.signal });
    const stayed = gate.call(LIST, { a: 1 }, send, { signal: staying.signal });
    setTimeout(() => leaving.abort(new RequestAborted("client-gone", 1000)), 10);
    const error = await left.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe("CANCELLED");
    await expect(stayed).resolves.toMatchObject({ items: ["a"] });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.signal?.aborted).toBe(false);

    const both = [new AbortController(), new AbortController()];
    const calls = both.map((controller) =>
      gate.call(LIST, { a: 2 }, send, { signal: controller.signal }).catch((e: GraphQLError) => e),
    );
    setTimeout(() => {
      for (const controller of both) controller.abort(new RequestAborted("deadline", 10));
    }, 10);
    const errors = await Promise.all(calls);
    expect(errors.map((e) => (e as GraphQLError).extensions.code)).toEqual([
      "UPSTREAM_TIMEOUT",
      "UPSTREAM_TIMEOUT",
    ]);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.signal?.aborted).toBe(true);
  });

  it("gives each request an error of its own when a shared call fails", async () => {
    const { gate } = gateWith();
    const failing = async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      throw Object.assign(new Error("Rate exceeded"), {
        name: "ThrottlingException",
        $metadata: { httpStatusCode: 400, attempts: 3 },
      });
    };
    const errors = await Promise.all(
      [1, 2].map(() => gate.call(LIST, { a: 1 }, failing).catch((e: GraphQLError) => e)),
    );
    expect(errors[0]).not.toBe(errors[1]);
    expect(errors[0]?.extensions.code).toBe(errors[1]?.extensions.code);
    expect(errors[1]?.message).toBe(errors[0]?.message);
  });
});
