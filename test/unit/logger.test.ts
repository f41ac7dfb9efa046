import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { capText, yogaLogger } from "../../src/observability/logger.js";
import { captureLogs } from "../helpers/logs.js";

function capture() {
  const { logger, lines } = captureLogs("debug");
  const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, parsed };
}

describe("logging", () => {
  it("caps text copied into a line and says how much was left out", () => {
    expect(capText("short")).toBe("short");
    expect(capText("x".repeat(250))).toBe(`${"x".repeat(200)}… (50 more characters)`);
  });

  it("logs a fault at error with a bounded message and stack, and a client's mistake at debug", () => {
    const { parsed, logger } = capture();
    const log = yogaLogger(logger);
    const fault = new Error(`unknown type ${"y".repeat(100_000)}`);
    log.error(new GraphQLError("Unexpected error.", { originalError: fault, path: ["_entities"] }));
    log.error(new GraphQLError(`Cannot query field "${"z".repeat(10_000)}"`));

    const lines = parsed();
    expect(lines.map((line) => line.level)).toEqual(["error", "debug"]);
    const [faultLine, clientLine] = lines as Array<{ err: { message: string; stack: string } }>;
    expect(faultLine?.err.message.length).toBeLessThan(300);
    expect(faultLine?.err.stack.length).toBeLessThan(2_100);
    expect(lines[0]?.path).toEqual(["_entities"]);
    expect(clientLine?.err.message.length).toBeLessThan(300);
  });

  it("writes JSON with the level as a word and an ISO time", () => {
    const { parsed, logger } = capture();
    logger.info({ requestId: "r1" }, "request");
    const lines = parsed();
    expect(lines[0]).toMatchObject({ level: "info", msg: "request", requestId: "r1" });
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
