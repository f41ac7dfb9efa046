import { describe, expect, it } from "vitest";
import { CursorCodec } from "../../src/graph/cursor.js";

const codec = new CursorCodec(["current-secret-value", "previous-secret-value"], 100_000);

describe("CursorCodec", () => {
  it("round-trips a position, with and without a token", () => {
    const position = { pageToken: "eyJvZmZzZXQiOjI1fQ", index: 7, fingerprint: 0xdeadbeef };
    expect(codec.decode("field|a", codec.encode("field|a", position))).toEqual(position);
    expect(codec.decode("field|a", codec.encode("field|a", { index: 0 }))).toEqual({
      index: 0,
      pageToken: undefined,
      fingerprint: undefined,
    });
  });

  it("rejects a cursor for another binding", () => {
    const cursor = codec.encode("imagePackages|arn-1", { index: 1 });
    expect(() => codec.decode("imagePackages|arn-2", cursor)).toThrow(/invalid cursor/i);
  });

  it.each(["t", "to", "tok"])("rejects every single-character change (token %s)", (token) => {
    // Three token lengths put every base64 tail shape (spare bits or none) under test.
    const cursor = codec.encode("b", { pageToken: token, index: 3, fingerprint: 1 });
    for (let at = 0; at < cursor.length; at++) {
      const swapped = cursor[at] === "A" ? "B" : "A";
      const altered = cursor.slice(0, at) + swapped + cursor.slice(at + 1);
      expect(() => codec.decode("b", altered), `position ${at}`).toThrow(/invalid cursor/i);
    }
  });

  it("rejects truncated, non-base64url and over-long cursors", () => {
    const cursor = codec.encode("b", { pageToken: "token", index: 3 });
    expect(() => codec.decode("b", cursor.slice(0, 10))).toThrow(/invalid cursor/i);
    expect(() => codec.decode("b", "not a cursor!")).toThrow(/invalid cursor/i);
    const small = new CursorCodec(["current-secret-value"], 64);
    expect(() => small.decode("b", "A".repeat(65))).toThrow(/longer than the 64/);
  });

  it("accepts cursors signed with an older key while that key is listed", () => {
    const old = new CursorCodec(["previous-secret-value"], 100_000);
    const cursor = old.encode("b", { index: 2 });
    expect(codec.decode("b", cursor).index).toBe(2);
    const rotatedOut = new CursorCodec(["current-secret-value"], 100_000);
    expect(() => rotatedOut.decode("b", cursor)).toThrow(/invalid cursor/i);
  });

  it("compresses long, repetitive AWS tokens", () => {
    const token = Buffer.from(JSON.stringify({ offset: 25, filter: "x".repeat(2000) })).toString(
      "base64",
    );
    const cursor = codec.encode("b", { pageToken: token, index: 0 });
    expect(cursor.length).toBeLessThan(token.length / 4);
  });
});
