import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fixture, imageArn, packages } from "../helpers/fixtures.js";
import { expectData, startTestGateway, type TestGateway } from "../helpers/gateway.js";
import { captureLogs } from "../helpers/logs.js";

const IMAGE = imageArn("web");
const { logger, lines } = captureLogs("info");
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: fixture({ imageBuilder: { images: [{ arn: IMAGE, packages: packages(60) }] } }),
    logger,
  });
});
afterAll(() => gateway.close());
beforeEach(() => {
  lines.length = 0;
});

const PAGE = `query NextPackages($arn: String!, $after: String) {
  imagePackages(imageBuildVersionArn: $arn, first: 30, after: $after) {
    edges { node { packageName } }
    pageInfo { endCursor }
  }
}`;

interface RequestLine {
  level: string;
  msg: string;
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  operationName?: string;
  operationType?: string;
  awsCalls: number;
  awsAttempts: number;
  codes: string[];
  operations?: number;
  clientAddress?: string;
}

const requestLines = () =>
  lines.map((line) => JSON.parse(line) as RequestLine).filter((line) => line.msg === "request");

describe("the request log", () => {
  it("writes one JSON line per request with its operation, AWS calls and codes, and no cursor", async () => {
    type Page = { imagePackages: { pageInfo: { endCursor: string } } };
    const first = expectData(await gateway.query<Page>(PAGE, { arn: IMAGE }));
    const cursor = first.imagePackages.pageInfo.endCursor;
    lines.length = 0;

    const response = await gateway.post(
      { query: PAGE, variables: { arn: IMAGE, after: cursor } },
      { authorization: "Bearer secret-token-value" },
    );
    expectData(await response.json());
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    expect(requestLines()).toHaveLength(1);
    const [line] = requestLines();
    expect(line).toMatchObject({
      level: "info",
      requestId,
      method: "POST",
      path: "/graphql",
      status: 200,
      operationName: "NextPackages",
      operationType: "query",
      codes: [],
    });
    expect(line?.durationMs).toBeGreaterThan(0);
    // 30 items from item 30 on: the rest of the cursor's page, the next page and its successor.
    expect(line?.awsCalls).toBeGreaterThanOrEqual(2);
    expect(line?.awsAttempts).toBeGreaterThanOrEqual(line?.awsCalls ?? Infinity);
    const text = lines.join("\n");
    expect(text).not.toContain(cursor);
    expect(text).not.toContain("secret-token-value");
    expect(text).not.toContain("variables");
  });

  it("lists the error codes of the response", async () => {
    await gateway.query(`{ imageBuildVersion(arn: "${imageArn("missing")}") { name } }`);
    await gateway.query(
      `{ imagePackages(imageBuildVersionArn: "${IMAGE}", first: -1) { edges { cursor } } }`,
    );
    expect(requestLines().map((line) => line.codes)).toEqual([["NOT_FOUND"], ["BAD_USER_INPUT"]]);
  });

  it("keeps a well-formed x-request-id from the caller and replaces any other", async () => {
    const kept = await gateway.post({ query: "{ __typename }" }, { "x-request-id": "lb-1234.abc" });
    expect(kept.headers.get("x-request-id")).toBe("lb-1234.abc");
    const replaced = await gateway.post(
      { query: "{ __typename }" },
      { "x-request-id": `"}, "forged": true, "x": "${"y".repeat(200)}` },
    );
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLines().map((line) => line.requestId)).toEqual([
      "lb-1234.abc",
      replaced.headers.get("x-request-id"),
    ]);
    expect(lines.join("\n")).not.toContain("forged");
  });

  it("writes one line for a batch, with every operation's name and AWS calls", async () => {
    const one = (name: string) =>
      `query ${name} { imagePackages(imageBuildVersionArn: "${IMAGE}", first: 1) { edges { cursor } } }`;
    const response = await gateway.post([{ query: one("First") }, { query: one("Second") }]);
    expect(response.status).toBe(200);
    expect(requestLines()).toHaveLength(1);
    expect(requestLines()[0]).toMatchObject({
      operationName: "First,Second",
      operationType: "query",
      operations: 2,
      awsCalls: 2,
      codes: [],
      clientAddress: "127.0.0.1",
    });
  });
});
