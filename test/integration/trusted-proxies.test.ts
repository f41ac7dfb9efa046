import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, imageArn, packages } from "../helpers/fixtures.js";
import {
  expectData,
  expectError,
  type GraphQLResponse,
  startTestGateway,
  type TestGateway,
} from "../helpers/gateway.js";
import { captureLogs } from "../helpers/logs.js";

const IMAGE = imageArn("web-server");
const FIXTURE = fixture({ imageBuilder: { images: [{ arn: IMAGE, packages: packages(3) }] } });
// One AWS call.
const READ = `{ imagePackages(imageBuildVersionArn: "${IMAGE}", first: 2) { edges { node { packageName } } } }`;
/** Authentication off: each client address has a budget of one AWS call a minute. */
const ONE_CALL_PER_ADDRESS = { CALLER_AWS_CALLS_PER_MINUTE: "1" };

async function readAs(gateway: TestGateway, headers: Record<string, string>) {
  const response = await gateway.post({ query: READ }, headers);
  return (await response.json()) as GraphQLResponse;
}

interface LogLine {
  msg: string;
  clientAddress?: string;
  callerId?: string;
}

describe("with no trusted proxy (the default)", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ fixture: FIXTURE, env: ONE_CALL_PER_ADDRESS });
  });
  afterAll(() => gateway?.close());

  it("ignores X-Forwarded-For and Forwarded: a spoofed address gets no fresh budget", async () => {
    expectData(await readAs(gateway, { "x-forwarded-for": "203.0.113.1" }));
    expectError(await readAs(gateway, { "x-forwarded-for": "203.0.113.2" }), "RATE_LIMITED");
    expectError(await readAs(gateway, { forwarded: "for=203.0.113.3" }), "RATE_LIMITED");
  });
});

describe("behind a trusted proxy on loopback", () => {
  let gateway: TestGateway;
  const logs = captureLogs("info");
  beforeAll(async () => {
    gateway = await startTestGateway({
      fixture: FIXTURE,
      env: { ...ONE_CALL_PER_ADDRESS, TRUSTED_PROXIES: "loopback", LOG_LEVEL: "info" },
      logger: logs.logger,
    });
  });
  afterAll(() => gateway?.close());

  it("gives each forwarded client its own budget, and logs its address", async () => {
    expectData(await readAs(gateway, { "x-forwarded-for": "198.51.100.1, 203.0.113.10" }));
    expectError(await readAs(gateway, { "x-forwarded-for": "203.0.113.10" }), "RATE_LIMITED");
    expectData(await readAs(gateway, { "x-forwarded-for": "203.0.113.11" }));
    expectData(await readAs(gateway, { forwarded: 'for="[2001:db8::5]:4711";proto=https' }));

    const requests = logs.lines
      .map((line) => JSON.parse(line) as LogLine)
      .filter((line) => line.msg === "request");
    expect(requests.map((line) => line.clientAddress)).toEqual([
      "203.0.113.10",
      "203.0.113.10",
      "203.0.113.11",
      "2001:db8::5",
    ]);
    expect(requests.map((line) => line.callerId)).toEqual([
      "address:203.0.113.10",
      "address:203.0.113.10",
      "address:203.0.113.11",
      "address:2001:db8::5",
    ]);
  });
});
