import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultOptions } from "../../src/emulator/index.js";
import {
  appStreamImages,
  fixture,
  imageArn,
  imageSetVersions,
  packages,
  steps,
  storeId,
  workflowExecution,
  workflowExecutionId,
} from "../helpers/fixtures.js";
import { startTestGateway, type TestGateway } from "../helpers/gateway.js";
import { type ConnectionPage, pageToEnd } from "../helpers/paging.js";

const IMAGE = imageArn("paged", "1.0.0", 1);
const WORKFLOW = workflowExecutionId(7);
const DATASTORE = storeId(1);
const IMAGE_SET = storeId(2);

const data = () =>
  fixture({
    imageBuilder: {
      images: [{ arn: IMAGE, packages: packages(62) }],
      workflowExecutions: [workflowExecution(WORKFLOW, IMAGE, steps(33))],
    },
    medicalImaging: {
      datastores: [
        {
          datastoreId: DATASTORE,
          region: "us-east-1",
          imageSets: [{ imageSetId: IMAGE_SET, versions: imageSetVersions(104) }],
        },
      ],
    },
    appStream: { images: appStreamImages(47) },
  });

interface Case {
  name: string;
  document: string;
  variables: Record<string, unknown>;
  field: string;
  key: string;
  expected: string[];
}

const CASES: Case[] = [
  {
    name: "imagePackages",
    document: `query($arn: String!, $first: Int, $after: String) { c: imagePackages(imageBuildVersionArn: $arn, first: $first, after: $after) { edges { cursor node { k: packageName } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    variables: { arn: IMAGE },
    field: "c",
    key: "k",
    expected: packages(62).map((item) => item.packageName),
  },
  {
    name: "ImageBuildVersion.packages",
    document: `query($arn: String!, $first: Int, $after: String) { i: imageBuildVersion(arn: $arn) { c: packages(first: $first, after: $after) { edges { cursor node { k: packageName } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`,
    variables: { arn: IMAGE },
    field: "i.c",
    key: "k",
    expected: packages(62).map((item) => item.packageName),
  },
  {
    name: "workflowStepExecutions",
    document: `query($id: String!, $first: Int, $after: String) { c: workflowStepExecutions(workflowExecutionId: $id, first: $first, after: $after) { edges { cursor node { k: stepExecutionId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    variables: { id: WORKFLOW },
    field: "c",
    key: "k",
    expected: steps(33).map((step) => step.stepExecutionId),
  },
  {
    name: "imageSetVersions",
    document: `query($d: String!, $s: String!, $first: Int, $after: String) { c: imageSetVersions(datastoreId: $d, imageSetId: $s, first: $first, after: $after) { edges { cursor node { k: versionId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    variables: { d: DATASTORE, s: IMAGE_SET },
    field: "c",
    key: "k",
    expected: imageSetVersions(104).map((version) => version.versionId),
  },
  {
    name: "appStreamImages",
    document: `query($first: Int, $after: String) { c: appStreamImages(first: $first, after: $after) { edges { cursor node { k: name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    variables: {},
    field: "c",
    key: "k",
    expected: appStreamImages(47).map((image) => image.Name),
  },
];

const ALL_SIZES = Array.from({ length: 100 }, (_, index) => index + 1);

/** Reads the connection at a dotted path such as "i.c" out of the response data. */
function pick(field: string) {
  return (data: Record<string, unknown>) =>
    field
      .split(".")
      .reduce<unknown>(
        (value, key) => (value as Record<string, unknown>)[key],
        data,
      ) as ConnectionPage<Record<string, string>>;
}

function describePaging(title: string, faults: FaultOptions, sizes: number[]) {
  describe(title, () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway({
        fixture: data(),
        faults,
        // Deliberate headroom: at 35 % failed attempts, 20 attempts fail a call with p ≈ 8e-10.
        // The suite makes 2,837 successful calls; with 10 attempts (p ≈ 3e-5 per call) about one
        // run in thirteen failed.
        env: { AWS_MAX_ATTEMPTS: "20" },
      });
    });
    afterAll(() => gateway?.close());

    it.each(CASES)(
      "$name: every first from the list yields every item once, in order",
      async (testCase) => {
        for (const first of sizes) {
          const nodes = await pageToEnd<Record<string, string>>(
            gateway,
            testCase.document,
            testCase.variables,
            pick(testCase.field),
            first,
          );
          expect(
            nodes.map((node) => node[testCase.key]),
            `first: ${first}`,
          ).toEqual(testCase.expected);
        }
        // The faults really were there to absorb.
        const statuses = new Set(gateway.emulator?.calls.map((call) => call.status));
        if (faults.throttleRate) expect(statuses).toContain(429);
        if (faults.errorRate) expect([...statuses].some((status) => status >= 500)).toBe(true);
      },
    );
  });
}

describePaging("paging to the end with first = 1..100", {}, ALL_SIZES);
describePaging(
  "paging under 30 % throttling and 5 % server errors",
  { throttleRate: 0.3, errorRate: 0.05 },
  ALL_SIZES,
);
