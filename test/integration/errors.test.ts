import { afterEach, describe, expect, it } from "vitest";
import { fixture, imageArn, packages } from "../helpers/fixtures.js";
import { expectError, startTestGateway, type TestGateway } from "../helpers/gateway.js";

const IMAGE = imageArn("web-server");
const data = () => fixture({ imageBuilder: { images: [{ arn: IMAGE, packages: packages(3) }] } });
const PACKAGES = `query($arn: String!) { imagePackages(imageBuildVersionArn: $arn) { edges { node { packageName } } } }`;

let gateway: TestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

describe("AWS errors through the gateway", () => {
  it("retries throttling up to AWS_MAX_ATTEMPTS, then answers THROTTLED", async () => {
    gateway = await startTestGateway({
      fixture: data(),
      faults: { throttleRate: 1 },
      env: { AWS_MAX_ATTEMPTS: "3" },
    });
    const error = expectError(await gateway.query(PACKAGES, { arn: IMAGE }), "THROTTLED");
    expect(error.extensions).toMatchObject({
      awsErrorName: "CallRateLimitExceededException",
      httpStatusCode: 429,
      attempts: 3,
      operation: "ListImagePackages",
    });
    expect(error.message).toMatch(/throttling/i);
    expect(gateway.emulator?.calls).toHaveLength(3);
  });

  it("answers UPSTREAM_UNAVAILABLE when the service keeps failing", async () => {
    gateway = await startTestGateway({
      fixture: data(),
      faults: { errorRate: 1 },
      env: { AWS_MAX_ATTEMPTS: "2" },
    });
    const error = expectError(
      await gateway.query(PACKAGES, { arn: IMAGE }),
      "UPSTREAM_UNAVAILABLE",
    );
    expect(["ServiceException", "ServiceUnavailableException"]).toContain(
      error.extensions?.awsErrorName,
    );
    expect(gateway.emulator?.calls).toHaveLength(2);
  });

  it("answers UPSTREAM_UNAVAILABLE when AWS cannot be reached at all", async () => {
    gateway = await startTestGateway({ fixture: data(), env: { AWS_MAX_ATTEMPTS: "2" } });
    await gateway.emulator?.close();
    const response = await gateway.query(PACKAGES, { arn: IMAGE });
    expectError(response, "UPSTREAM_UNAVAILABLE");
  });

  it("keeps HTTP 200 and a JSON body for GraphQL errors, and never leaks a stack", async () => {
    gateway = await startTestGateway({ fixture: data() });
    const response = await gateway.post({
      query: PACKAGES,
      variables: { arn: imageArn("missing") },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain("NOT_FOUND");
    expect(text).not.toMatch(/stack|\.ts:\d+|node_modules/);
  });

  it("rejects malformed requests with a 4xx and a message, not a 500", async () => {
    gateway = await startTestGateway({ fixture: data() });
    const broken = await gateway.post("{ not json");
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    const unknownField = await gateway.query("{ nope }");
    expectError(unknownField, "GRAPHQL_VALIDATION_FAILED");
  });

  it("explains that backward paging is not offered: AWS tokens lead forward only", async () => {
    gateway = await startTestGateway({ fixture: data() });
    const response = await gateway.query(
      `query($arn: String!) { imagePackages(imageBuildVersionArn: $arn, last: 2) { edges { cursor } } }`,
      { arn: IMAGE },
    );
    const error = expectError(response, "GRAPHQL_VALIDATION_FAILED");
    expect(error.message).toContain('Unknown argument "last"');
  });
});
