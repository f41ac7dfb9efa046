import { describe, expect, it } from "vitest";
import { canonicalParameters, PageTokens, pageOf } from "../../src/emulator/tokens.js";

const scope = { operation: "ListImagePackages", parameters: canonicalParameters({ arn: "a" }) };

describe("PageTokens", () => {
  it("round-trips an offset for the same operation and parameters", () => {
    const tokens = new PageTokens();
    const token = tokens.issue(scope, 40);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(tokens.read(token, scope)).toEqual({ ok: true, offset: 40 });
  });

  it.each([
    [
      "a truncated signature",
      (t: string) => t.slice(0, -1),
      /not issued by this service or has been modified/,
    ],
    ["a changed payload", (t: string) => `x${t.slice(1)}`, /modified/],
    ["no signature", (t: string) => t.split(".")[0] ?? "", /not issued by this service/],
    ["extra parts", (t: string) => `${t}.x`, /not issued by this service/],
  ])("rejects a token with %s", (_, alter, reason) => {
    const tokens = new PageTokens();
    const reading = tokens.read(alter(tokens.issue(scope, 1)), scope);
    expect(reading.ok).toBe(false);
    expect(reading.ok ? "" : reading.reason).toMatch(reason);
  });

  it("rejects a token signed by another instance", () => {
    const token = new PageTokens().issue(scope, 1);
    expect(new PageTokens().read(token, scope).ok).toBe(false);
  });

  it("rejects a token for another operation or other parameters", () => {
    const tokens = new PageTokens();
    const token = tokens.issue(scope, 1);
    expect(tokens.read(token, { ...scope, operation: "DescribeImages" })).toEqual({
      ok: false,
      reason: "it was issued for ListImagePackages, not DescribeImages",
    });
    const other = tokens.read(token, { ...scope, parameters: canonicalParameters({ arn: "b" }) });
    expect(other.ok ? "" : other.reason).toMatch(/other parameters/);
  });

  it("expires tokens older than the time to live", () => {
    let now = 1_000;
    const tokens = new PageTokens(100, () => now);
    const token = tokens.issue(scope, 3);
    now = 1_100;
    expect(tokens.read(token, scope)).toEqual({ ok: true, offset: 3 });
    now = 1_101;
    const reading = tokens.read(token, scope);
    expect(reading.ok ? "" : reading.reason).toMatch(/expired \(issued 101 ms ago; .* 100 ms\)/);
  });
});

describe("pageOf", () => {
  const items = [1, 2, 3, 4, 5];

  it("gives a next offset only while items follow", () => {
    expect(pageOf(items, 0, 2, false)).toEqual({ items: [1, 2], nextOffset: 2 });
    expect(pageOf(items, 4, 2, false)).toEqual({ items: [5] });
    expect(pageOf(items, 3, 2, false)).toEqual({ items: [4, 5] });
    expect(pageOf([], 0, 2, false)).toEqual({ items: [] });
  });

  it("adds an empty trailing page after an exactly-full last page when asked", () => {
    expect(pageOf(items, 3, 2, true)).toEqual({ items: [4, 5], nextOffset: 5 });
    expect(pageOf(items, 5, 2, true)).toEqual({ items: [] });
    expect(pageOf(items, 4, 2, true)).toEqual({ items: [5], nextOffset: 5 });
    expect(pageOf([], 0, 2, true)).toEqual({ items: [] });
  });
});

describe("canonicalParameters", () => {
  it("ignores key order and undefined members", () => {
    expect(canonicalParameters({ b: 1, a: "x", c: undefined })).toBe(
      canonicalParameters({ a: "x", b: 1 }),
    );
    expect(canonicalParameters({ a: "x" })).not.toBe(canonicalParameters({ a: "y" }));
  });
});
