import pLimit from "p-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appStreamImages,
  fixture,
  imageArn,
  imageSetVersions,
  packages,
  pipelineArn,
  steps,
  storeId,
  workflowExecution,
  workflowExecutionId,
} from "../helpers/fixtures.js";
import { expectData, startTestGateway, type TestGateway } from "../helpers/gateway.js";
import { type ConnectionPage, pageToEnd } from "../helpers/paging.js";

// Every connection paged to its end 200 times, concurrently, while the emulator throttles 30 %
// of calls, fails 10 % of the rest with 500/503 and adds 5-50 ms to each.

const IMAGE = imageArn("soak", "1.0.0", 1);
const PIPELINE = pipelineArn("soak");
const WORKFLOW = workflowExecutionId(9);
const DATASTORE = storeId(3);
const IMAGE_SET = storeId(4);
const PAGINGS = 200;

const PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";

/** Each connection: its document, where the connection is in the data, and the items in order. */
const CONNECTIONS = [
  {
    name: "imagePackages",
    document: `query($first: Int, $after: String) { c: imagePackages(imageBuildVersionArn: "${IMAGE}", first: $first, after: $after) { edges { cursor node { k: packageName } } ${PAGE_INFO} } }`,
    path: ["c"],
    expected: packages(30).map((item) => item.packageName),
  },
  {
    name: "ImageBuildVersion.packages",
    document: `query($first: Int, $after: String) { i: imageBuildVersion(arn: "${IMAGE}") { c: packages(first: $first, after: $after) { edges { cursor node { k: packageName } } ${PAGE_INFO} } } }`,
    path: ["i", "c"],
    expected: packages(30).map((item) => item.packageName),
  },
  {
    name: "workflowStepExecutions",
    document: `query($first: Int, $after: String) { c: workflowStepExecutions(workflowExecutionId: "${WORKFLOW}", first: $first, after: $after) { edges { cursor node { k: stepExecutionId } } ${PAGE_INFO} } }`,
    path: ["c"],
    expected: steps(30).map((step) => step.stepExecutionId),
  },
  {
    name: "WorkflowExecution.steps",
    document: `query($first: Int, $after: String) { w: workflowExecution(workflowExecutionId: "${WORKFLOW}") { c: steps(first: $first, after: $after) { edges { cursor node { k: stepExecutionId } } ${PAGE_INFO} } } }`,
    path: ["w", "c"],
    expected: steps(30).map((step) => step.stepExecutionId),
  },
  {
    name: "imageSetVersions",
    document: `query($first: Int, $after: String) { c: imageSetVersions(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}", first: $first, after: $after) { edges { cursor node { k: versionId } } ${PAGE_INFO} } }`,
    path: ["c"],
    expected: imageSetVersions(55).map((version) => version.versionId),
  },
  {
    name: "ImageSet.versions",
    document: `query($first: Int, $after: String) { s: imageSet(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}") { c: versions(first: $first, after: $after) { edges { cursor node { k: versionId } } ${PAGE_INFO} } } }`,
    path: ["s", "c"],
    expected: imageSetVersions(55).map((version) => version.versionId),
  },
  {
    name: "appStreamImages",
    document: `query($first: Int, $after: String) { c: appStreamImages(first: $first, after: $after) { edges { cursor node { k: name } } ${PAGE_INFO} } }`,
    path: ["c"],
    expected: appStreamImages(30).map((image) => image.Name),
  },
];

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: fixture({
      imageBuilder: {
        images: [
          { arn: IMAGE, packages: packages(30) },
          { arn: imageArn("soak", "1.0.0", 2), packages: [] },
        ],
        pipelines: [
          { arn: PIPELINE, imageName: "soak", semanticVersion: "1.0.0", packages: packages(2) },
        ],
        workflowExecutions: [workflowExecution(WORKFLOW, IMAGE, steps(30))],
      },
      medicalImaging: {
        datastores: [
          {
            datastoreId: DATASTORE,
            region: "us-east-1",
            imageSets: [{ imageSetId: IMAGE_SET, versions: imageSetVersions(55) }],
          },
        ],
      },
      appStream: { images: appStreamImages(30) },
    }),
    faults: { throttleRate: 0.3, errorRate: 0.1, latencyMs: { min: 5, max: 50 } },
    // 37 % of attempts fail; 20 attempts fail a call with p ≈ 2e-9.
    env: { AWS_MAX_ATTEMPTS: "20", AWS_MAX_CONCURRENCY: "32" },
  });
});
afterAll(() => gateway?.close());

describe("fault soak: 30 % throttling, 10 % server errors, 5-50 ms latency", () => {
  it(`pages every connection to its end ${PAGINGS} times concurrently, each item once and in order`, {
    timeout: 300_000,
  }, async () => {
    const started = performance.now();
    const limit = pLimit(24);
    const pagings = CONNECTIONS.flatMap((connection) =>
      Array.from({ length: PAGINGS }, (_, index) =>
        limit(async () => {
          // Page sizes from 11 to 35 make pages end mid AWS page and across its edges.
          const first = 11 + (index % 7) * 4;
          const nodes = await pageToEnd<{ k: string }>(
            gateway,
            connection.document,
            {},
            (data) =>
              connection.path.reduce<unknown>(
                (value, key) => (value as Record<string, unknown>)[key],
                data,
              ) as ConnectionPage<{ k: string }>,
            first,
          );
          return { name: connection.name, first, keys: nodes.map((node) => node.k) };
        }),
      ),
    );
    const results = await Promise.all(pagings);
    for (const result of results) {
      const expected = CONNECTIONS.find((each) => each.name === result.name)?.expected;
      expect(result.keys, `${result.name} with first ${result.first}`).toEqual(expected);
    }
    const calls = gateway.emulator?.calls ?? [];
    const statuses = new Set(calls.map((call) => call.status));
    expect(statuses).toContain(429);
    expect([...statuses].some((status) => status >= 500)).toBe(true);
    console.log(
      `fault soak: ${results.length} pagings of ${CONNECTIONS.length} connections in ${Math.round(performance.now() - started)} ms`,
    );
  });

  it("starts exactly one build for 50 concurrent mutations sharing a clientToken", async () => {
    const before = gateway.emulator?.workflowExecutionIds().length ?? 0;
    const start = `mutation($input: StartImagePipelineExecutionInput!) {
      startImagePipelineExecution(input: $input) { clientToken imageBuildVersion { arn } }
    }`;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        gateway.query<{
          startImagePipelineExecution: { clientToken: string; imageBuildVersion: { arn: string } };
        }>(start, { input: { imagePipelineArn: PIPELINE, clientToken: "soak-token-1" } }),
      ),
    );
    const arns = new Set(
      responses.map(
        (response) => expectData(response).startImagePipelineExecution.imageBuildVersion.arn,
      ),
    );
    expect([...arns]).toEqual([imageArn("soak", "1.0.0", 3)]);
    expect(gateway.emulator?.workflowExecutionIds().length).toBe(before + 1);
  });
});
