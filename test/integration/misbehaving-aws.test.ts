import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { GraphQLResponse } from "../helpers/gateway.js";
import { type GatewayProcess, startGatewayProcess } from "../helpers/gateway-process.js";
import {
  FUTURE_VALUE,
  type StandInAws,
  type StandInMode,
  startStandInAws,
} from "../helpers/standin-aws.js";

// The gateway runs as `npm start` does, in a process of its own, with GATEWAY_BACKEND=aws and the
// standard AWS variables pointing it at a stand-in that misbehaves on purpose.

const IMAGE = "arn:aws:imagebuilder:us-east-1:123456789012:image/standin/1.0.0/1";
const WORKFLOW = "wf-00000000-0000-4000-8000-000000000001";
const STORE = "a".repeat(32);
const SET = "b".repeat(32);

/** Four gateways start at once; on a busy CI machine that can take a while. */
const STARTUP_MS = 150_000;

let standIn: StandInAws;
/** Gateways with the configurations the tests need, started together to save time. */
let gateway: GatewayProcess;
let shortRequests: GatewayProcess;
let shortCalls: GatewayProcess;
let noCredentials: GatewayProcess;

function awsEnv(extra: Record<string, string>): Record<string, string> {
  return {
    GATEWAY_BACKEND: "aws",
    // The stand-in answers anyone; authentication is shown in auth.test.ts.
    GATEWAY_AUTH: "off",
    CALLER_AWS_CALLS_PER_MINUTE: "0",
    AWS_ENDPOINT_URL: standIn.url,
    AWS_ACCESS_KEY_ID: "AKIDSTANDIN",
    AWS_SECRET_ACCESS_KEY: "stand-in-secret",
    AWS_REGION: "us-east-1",
    AWS_RETRY_BASE_DELAY_MS: "2",
    AWS_RETRY_MAX_DELAY_MS: "20",
    CURSOR_SECRET: "misbehaving-aws-test-secret",
    ...extra,
  };
}

beforeAll(async () => {
  standIn = await startStandInAws();
  gateway = startGatewayProcess(
    awsEnv({ AWS_MAX_PAGES_PER_WALK: "30", AWS_MAX_ATTEMPTS: "2" }),
    STARTUP_MS,
  );
  shortRequests = startGatewayProcess(
    awsEnv({ REQUEST_TIMEOUT_MS: "1000", AWS_CALL_TIMEOUT_MS: "60000" }),
    STARTUP_MS,
  );
  shortCalls = startGatewayProcess(
    awsEnv({ AWS_CALL_TIMEOUT_MS: "300", AWS_MAX_ATTEMPTS: "2", REQUEST_TIMEOUT_MS: "60000" }),
    STARTUP_MS,
  );
  noCredentials = startGatewayProcess(
    awsEnv({
      AWS_ACCESS_KEY_ID: "",
      AWS_SECRET_ACCESS_KEY: "",
      AWS_SESSION_TOKEN: "",
      AWS_PROFILE: "",
      AWS_CONFIG_FILE: "/nonexistent/aws-config",
      AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
      AWS_WEB_IDENTITY_TOKEN_FILE: "",
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "",
      AWS_CONTAINER_CREDENTIALS_FULL_URI: "",
      AWS_EC2_METADATA_DISABLED: "true",
    }),
    STARTUP_MS,
  );
  await Promise.all([gateway, shortRequests, shortCalls, noCredentials].map((each) => each.url()));
}, STARTUP_MS + 30_000);
afterAll(async () => {
  for (const each of [gateway, shortRequests, shortCalls, noCredentials]) each?.stop();
  await standIn.close();
});
afterEach(() => {
  standIn.behave("well");
  standIn.delayAnswers(0);
  standIn.requests.length = 0;
});

/** Each token walk the gateway makes, by the AWS operation it follows. */
const WALKS: Array<{ operation: string; query: string }> = [
  {
    operation: "DescribeImages",
    query: `{ appStreamImages(first: 100) { edges { node { name } } } }`,
  },
  {
    operation: "DescribeImages",
    query: `{ appStreamImage(name: "a") { name } }`,
  },
  {
    operation: "ListImagePackages",
    query: `{ imagePackages(imageBuildVersionArn: "${IMAGE}", first: 100) { edges { node { packageName } } } }`,
  },
  {
    operation: "ListImagePackages",
    // ImagePackage has no read of its own: refetching one scans its image's pages.
    query: `{ node(id: "${Buffer.from(`ImagePackage:${JSON.stringify([IMAGE, "missing", "0"])}`).toString("base64")}") { id } }`,
  },
  {
    operation: "ListWorkflowStepExecutions",
    query: `{ workflowStepExecutions(workflowExecutionId: "${WORKFLOW}", first: 100) { edges { node { name } } } }`,
  },
  {
    operation: "ListImageSetVersions",
    query: `{ imageSetVersions(datastoreId: "${STORE}", imageSetId: "${SET}", first: 100) { edges { node { versionId } } } }`,
  },
];

function onlyError(response: GraphQLResponse) {
  expect(response.errors, JSON.stringify(response)).toHaveLength(1);
  const [error] = response.errors ?? [];
  expect(JSON.stringify(error)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  return error as NonNullable<typeof error>;
}

describe("a token chain that does not end", () => {
  const cases: Array<[StandInMode, string, number]> = [
    // mode, reason, pages read: the first page plus each distinct token once
    ["repeat", "REPEATED_TOKEN", 2],
    ["cycle", "REPEATED_TOKEN", 4],
    ["endless", "PAGE_LIMIT", 30],
  ];
  describe.each(cases)("answered with %s tokens", (mode, reason, pages) => {
    it.each(WALKS)("stops the $operation walk of $query", async ({ operation, query }) => {
      standIn.behave(mode);
      const response = await gateway.query(query);
      const error = onlyError(response);
      expect(error.extensions).toMatchObject({ code: "UPSTREAM_PAGING", reason, operation });
      expect(error.message).toContain(operation);
      const reads = standIn.requests.filter((request) => request.operation === operation);
      expect(reads).toHaveLength(pages);
      expect(new Set(reads.map((request) => request.token)).size).toBe(pages);
      // The process answers the next request at once.
      expect((await gateway.query("{ __typename }")).data).toEqual({ __typename: "Query" });
    });
  });

  it("keeps answering other requests while a long walk runs", async () => {
    standIn.behave("endless");
    standIn.delayAnswers(25);
    // Two aliases walk the same chain: the second reads every page from the request's loader
    // cache, without I/O, which must not hold the event loop either.
    const walking = gateway.query(
      `{ a: imageBuildVersion(arn: "${IMAGE}") { packages(first: 100) { edges { cursor } } }
         b: imageBuildVersion(arn: "${IMAGE}") { packages(first: 100) { edges { cursor } } } }`,
    );
    let walkDone = false;
    void walking.finally(() => {
      walkDone = true;
    });
    const answeredMeanwhile: unknown[] = [];
    while (!walkDone) {
      const response = await gateway.query("{ __typename }");
      if (!walkDone) answeredMeanwhile.push(response.data);
    }
    expect(answeredMeanwhile.length).toBeGreaterThan(3);
    expect(answeredMeanwhile).toContainEqual({ __typename: "Query" });
    const metrics = await fetch((await gateway.url()).replace("/graphql", "/metrics"));
    expect(metrics.status).toBe(200);
    const response = await walking;
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual([
      "UPSTREAM_PAGING",
      "UPSTREAM_PAGING",
    ]);
  });

  it("keeps the rest of a build's GetImage members when nested enum values are newer than the schema", async () => {
    standIn.behave("unknown-enums");
    const arn = "arn:aws:imagebuilder:us-east-1:123456789012:image/standin/1.0.0/1";
    const response = await gateway.query<{ imageBuildVersion: Record<string, unknown> }>(`{
      imageBuildVersion(arn: "${arn}") {
        outputResources { amis { image state { status } } }
        imageRecipe { blockDeviceMappings { ebs { volumeType volumeSize } } }
        scanState { status }
        workflows { workflowArn onFailure }
        tags { key value }
      }
    }`);
    expect(response.data?.imageBuildVersion).toEqual({
      outputResources: { amis: [{ image: "ami-0123456789abcdef0", state: { status: null } }] },
      imageRecipe: { blockDeviceMappings: [{ ebs: { volumeType: null, volumeSize: 30 } }] },
      scanState: { status: null },
      workflows: [
        {
          workflowArn: "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/x.x.x",
          onFailure: null,
        },
      ],
      tags: [{ key: "team", value: "platform" }],
    });
    expect(
      response.errors?.map((error) => [error.extensions?.code, error.extensions?.value]).sort(),
    ).toEqual([
      ["UNKNOWN_ENUM_VALUE", "ARCHIVED"],
      ["UNKNOWN_ENUM_VALUE", "QUEUED"],
      ["UNKNOWN_ENUM_VALUE", "RETRY"],
      ["UNKNOWN_ENUM_VALUE", "gp4"],
    ]);
  });

  it("keeps every other item and field when enumeration values are newer than the schema", async () => {
    standIn.behave("unknown-enums");
    const response = await gateway.query<{
      appStreamImages: { edges: Array<{ node: Record<string, unknown> }> };
      workflowStepExecutions: { edges: Array<{ node: Record<string, unknown> }> };
      imageSetVersions: { edges: Array<{ node: Record<string, unknown> }> };
    }>(`{
      appStreamImages(first: 5) { edges { node {
        name state visibility platform latestAppstreamAgentVersion dynamicAppProvidersEnabled
        imageSharedWithOthers imageType
        stateChangeReason { code message }
        imageErrors { errorCode errorMessage }
        applications { name platforms }
      } } }
      workflowStepExecutions(workflowExecutionId: "${WORKFLOW}", first: 5) {
        edges { node { name status rollbackStatus } }
      }
      imageSetVersions(datastoreId: "${STORE}", imageSetId: "${SET}", first: 5) {
        edges { node { versionId imageSetState imageSetWorkflowStatus } }
      }
    }`);
    const data = response.data;
    expect(data?.appStreamImages.edges).toHaveLength(3);
    expect(data?.workflowStepExecutions.edges).toHaveLength(3);
    expect(data?.imageSetVersions.edges).toHaveLength(3);
    const image = data?.appStreamImages.edges[0]?.node;
    expect(image).toEqual({
      name: "image-0-0",
      state: null,
      visibility: null,
      platform: null,
      latestAppstreamAgentVersion: null,
      dynamicAppProvidersEnabled: null,
      imageSharedWithOthers: null,
      imageType: null,
      stateChangeReason: { code: null, message: "reason" },
      imageErrors: [{ errorCode: null, errorMessage: "error" }],
      applications: [{ name: "notepad", platforms: ["WINDOWS", null] }],
    });
    expect(data?.workflowStepExecutions.edges[1]?.node).toMatchObject({
      name: "Step0x1",
      status: null,
      rollbackStatus: null,
    });
    expect(data?.imageSetVersions.edges[2]?.node).toEqual({
      versionId: "3",
      imageSetState: null,
      imageSetWorkflowStatus: null,
    });
    const errors = response.errors ?? [];
    // 10 enum places per image, 2 per step, 2 per version; three of each.
    expect(errors).toHaveLength(3 * 10 + 3 * 2 + 3 * 2);
    for (const error of errors) {
      expect(error.extensions).toMatchObject({ code: "UNKNOWN_ENUM_VALUE", value: FUTURE_VALUE });
      expect(error.message).toContain(FUTURE_VALUE);
    }
    const enums = new Set(errors.map((error) => error.extensions?.enum));
    expect([...enums].sort()).toEqual([
      "AppStreamDynamicAppProvidersEnabled",
      "AppStreamFleetErrorCode",
      "AppStreamImageSharedWithOthers",
      "AppStreamImageState",
      "AppStreamImageStateChangeReasonCode",
      "AppStreamImageType",
      "AppStreamImageVisibility",
      "AppStreamLatestAgentVersion",
      "AppStreamPlatform",
      "ImageSetState",
      "ImageSetWorkflowStatus",
      "WorkflowStepExecutionRollbackStatus",
      "WorkflowStepExecutionStatus",
    ]);
    expect(errors.map((error) => error.path)).toContainEqual([
      "appStreamImages",
      "edges",
      0,
      "node",
      "applications",
      0,
      "platforms",
      1,
    ]);
  });

  it("answers fields waiting past REQUEST_TIMEOUT_MS with UPSTREAM_TIMEOUT and returns the rest", async () => {
    standIn.behave("never", "appstream");
    const response = await shortRequests.query<{
      image: unknown;
      packages: { edges: unknown[] };
    }>(`{
      image: appStreamImage(name: "hangs") { name }
      packages: imagePackages(imageBuildVersionArn: "${IMAGE}", first: 3) { edges { node { packageName } } }
    }`);
    expect(response.data?.image).toBeNull();
    expect(response.data?.packages.edges).toHaveLength(3);
    const error = onlyError(response);
    expect(error.path).toEqual(["image"]);
    expect(error.extensions).toMatchObject({
      code: "UPSTREAM_TIMEOUT",
      operation: "DescribeImages",
      timeoutMs: 1000,
    });
    // The abandoned call's socket is closed: the stand-in sees it aborted.
    await expect
      .poll(() => standIn.requests.filter((request) => request.operation === "DescribeImages"))
      .toEqual([expect.objectContaining({ aborted: true })]);
  });

  it("opens no socket for regions outside the partition, however many are asked for", async () => {
    // Other gateways of this file hold a few sockets to the stand-in too.
    const openBefore = standIn.openConnections();
    const requestsBefore = standIn.requests.length;
    const regions = Array.from({ length: 100 }, (_, index) => `zz-test-${index + 1}`);
    for (let start = 0; start < regions.length; start += 10) {
      const responses = await Promise.all(
        regions
          .slice(start, start + 10)
          .map((region) =>
            gateway.query(
              `{ appStreamImages(region: "${region}", first: 1) { edges { cursor } } }`,
            ),
          ),
      );
      for (const response of responses) {
        expect(onlyError(response).extensions?.code).toBe("BAD_USER_INPUT");
      }
    }
    // Refused before any SDK client is built: no call, no socket. Eviction of clients of allowed
    // regions, with their sockets closed, is shown in test/unit/regional-clients.test.ts.
    expect(standIn.requests).toHaveLength(requestsBefore);
    expect(standIn.openConnections()).toBeLessThanOrEqual(openBefore);
  });

  it("answers AWS_CREDENTIALS when AWS rejects the credentials", async () => {
    standIn.behave("bad-credentials");
    for (const { query } of WALKS.slice(0, 3)) {
      const error = onlyError(await gateway.query(query));
      expect(error.extensions).toMatchObject({
        code: "AWS_CREDENTIALS",
        awsErrorName: "UnrecognizedClientException",
      });
      expect(error.message).toMatch(/rejected the gateway's credentials/);
      expect(error.message).not.toContain("stand-in-secret");
    }
  });
});

describe("an AWS identity without a permission", () => {
  it("answers FORBIDDEN naming the missing action and the policy file that grants it", async () => {
    standIn.behave("access-denied");
    for (const { operation, query } of WALKS.slice(0, 3)) {
      const error = onlyError(await gateway.query(query));
      const service = standIn.requests.at(-1)?.service;
      expect(error.extensions).toMatchObject({
        code: "FORBIDDEN",
        awsErrorName: "AccessDeniedException",
        iamAction: `${service}:${operation}`,
      });
      expect(error.message).toContain(`needs the action ${service}:${operation}`);
      expect(error.message).toContain("deploy/iam/reader-policy.json");
    }
    const started = onlyError(
      await gateway.query(
        `mutation { startImagePipelineExecution(input: { imagePipelineArn: "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/p" }) { clientToken } }`,
      ),
    );
    expect(started.extensions?.iamAction).toBe("imagebuilder:StartImagePipelineExecution");
    expect(started.message).toContain("deploy/iam/mutations-policy.json");
  });

  it("is not ready, and /ready names the missing actions and the reader policy", async () => {
    standIn.behave("access-denied");
    // A gateway whose readiness has not been checked yet, so nothing is reused from before.
    const response = await fetch(new URL("/ready", await shortCalls.url()));
    expect(response.status).toBe(503);
    const report = (await response.json()) as {
      checks: Record<string, { ok: boolean; code?: string; error?: string }>;
    };
    for (const [check, action] of [
      ["imagebuilder:us-east-1", "imagebuilder:ListWorkflowStepExecutions"],
      ["medical-imaging:us-east-1", "medical-imaging:ListImageSetVersions"],
      ["appstream:us-east-1", "appstream:DescribeImages"],
    ] as const) {
      expect(report.checks[check]).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(report.checks[check]?.error).toContain(action);
      expect(report.checks[check]?.error).toContain("deploy/iam/reader-policy.json");
    }
  });
});

describe("AWS_CALL_TIMEOUT_MS", () => {
  it("cuts off each attempt that gets no answer and answers UPSTREAM_TIMEOUT", async () => {
    standIn.behave("never", "appstream");
    const error = onlyError(await shortCalls.query(`{ appStreamImage(name: "hangs") { name } }`));
    expect(error.extensions).toMatchObject({
      code: "UPSTREAM_TIMEOUT",
      operation: "DescribeImages",
      attempts: 2,
    });
    await expect
      .poll(() => standIn.requests.map((request) => request.aborted))
      .toEqual([true, true]);
  });
});

describe("no AWS credentials at all", () => {
  it("warns at startup and answers AWS_CREDENTIALS naming the provider chain", async () => {
    const { stdout, stderr } = noCredentials.output();
    expect(`${stdout}${stderr}`).toMatch(
      /"level":"warn".*The gateway could not get AWS credentials/,
    );
    const error = onlyError(await noCredentials.query(`{ appStreamImage(name: "a") { name } }`));
    expect(error.extensions?.code).toBe("AWS_CREDENTIALS");
    expect(error.message).toContain("AWS_ACCESS_KEY_ID");
    expect(error.message).toContain("EC2 instance metadata");
    expect(standIn.requests).toEqual([]);
  });
});
