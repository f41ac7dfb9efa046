import { describe, expect, it } from "vitest";
import { type AwsCallGate, requestCaller } from "../../src/aws/calls.js";
import { joinAllowance, RequestAllowance } from "../../src/cost/request-allowance.js";

const LIMITS = { maxAwsCallsPerRequest: 5, maxResultNodes: 100 };

/** A gate that answers every call at once, as far as requestCaller can tell. */
const gate = {
  clients: { regions: { check() {} } },
  call: async () => ({ $metadata: {} }),
} as unknown as AwsCallGate;

const describeCall = {
  service: "imagebuilder",
  operation: "GetImage",
  region: "us-east-1",
} as const;
const send = async () => ({ $metadata: {} });

describe("RequestAllowance", () => {
  it("admits operations while their estimates fit together, and takes nothing for one that does not", () => {
    const allowance = new RequestAllowance(LIMITS);
    expect(allowance.admit({ awsCalls: 3, resultNodes: 10 })).toBe(true);
    expect(allowance.admit({ awsCalls: 3, resultNodes: 10 })).toBe(false);
    expect(allowance.admit({ awsCalls: 1, resultNodes: 95 })).toBe(false);
    expect(allowance.admit({ awsCalls: 2, resultNodes: 90 })).toBe(true);
    expect(allowance.spent).toEqual({ awsCalls: 5, resultNodes: 100, operations: 2 });
    expect(allowance.admit({ awsCalls: 0, resultNodes: 0 })).toBe(true);
  });

  it("is one per HTTP request, whatever number of operations join it", () => {
    const request = new Request("http://gateway.test/graphql");
    const first = joinAllowance(request, LIMITS);
    const second = joinAllowance(request, LIMITS);
    expect(second).toBe(first);
    expect(first.operations).toBe(2);
    expect(joinAllowance(new Request("http://gateway.test/graphql"), LIMITS)).not.toBe(first);
  });
});

describe("the actual-call cap of a batch", () => {
  it("counts the calls of every operation of the request against one MAX_AWS_CALLS_PER_REQUEST", async () => {
    const request = new Request("http://gateway.test/graphql");
    const callers = [0, 1].map(() => requestCaller(gate, [], joinAllowance(request, LIMITS)));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) => callers[index % 2]?.call(describeCall, {}, send)),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(5);
    const refused = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(refused).toHaveLength(3);
    const [first] = refused as PromiseRejectedResult[];
    expect(first?.reason.extensions.code).toBe("AWS_CALL_LIMIT_REACHED");
    expect(first?.reason.message).toContain(
      "The 2 operations of this batch together reached their request's limit of 5 AWS calls (MAX_AWS_CALLS_PER_REQUEST)",
    );
    expect((callers[0]?.callsMade ?? 0) + (callers[1]?.callsMade ?? 0)).toBe(5);
  });
});
