import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import { expectData, expectError, startTestGateway, type TestGateway } from "../helpers/gateway.js";

const IMAGE = imageArn("web-server");
const WORKFLOW = workflowExecutionId(3);
const DATASTORE = storeId(1);
const IMAGE_SET = storeId(2);

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: fixture({
      imageBuilder: {
        images: [{ arn: IMAGE, packages: packages(40) }],
        workflowExecutions: [workflowExecution(WORKFLOW, IMAGE, steps(30))],
      },
      medicalImaging: {
        datastores: [
          {
            datastoreId: DATASTORE,
            region: "us-east-1",
            imageSets: [{ imageSetId: IMAGE_SET, versions: imageSetVersions(60) }],
          },
        ],
      },
      appStream: { images: appStreamImages(5) },
    }),
  });
});

afterAll(() => gateway?.close());

/** Reads one node through a list field, then refetches it by id and compares. */
const ROUND_TRIPS = [
  {
    type: "ImageBuildVersion",
    calls: ["ListImagePackages"],
    list: `{ x: imageBuildVersion(arn: "${IMAGE}") { id arn buildNumber } }`,
    pick: (data: Record<string, unknown>) => data.x as { id: string },
    fields: "arn buildNumber",
  },
  {
    type: "ImagePackage",
    // No read operation exists for one package: its image's pages are scanned (item 34 of 40).
    calls: ["ListImagePackages", "ListImagePackages"],
    list: `{ imagePackages(imageBuildVersionArn: "${IMAGE}", first: 40) { edges { node { id packageName packageVersion } } } }`,
    pick: (data: Record<string, unknown>) =>
      (data.imagePackages as { edges: Array<{ node: { id: string } }> }).edges[33]?.node as {
        id: string;
      },
    fields: "packageName packageVersion",
  },
  {
    type: "WorkflowExecution",
    calls: ["ListWorkflowStepExecutions"],
    list: `{ x: workflowExecution(workflowExecutionId: "${WORKFLOW}") { id workflowExecutionId region } }`,
    pick: (data: Record<string, unknown>) => data.x as { id: string },
    fields: "workflowExecutionId region",
  },
  {
    type: "WorkflowStepExecution",
    calls: ["GetWorkflowStepExecution"],
    list: `{ workflowStepExecutions(workflowExecutionId: "${WORKFLOW}", first: 30) { edges { node { id stepExecutionId name } } } }`,
    pick: (data: Record<string, unknown>) =>
      (data.workflowStepExecutions as { edges: Array<{ node: { id: string } }> }).edges[27]
        ?.node as { id: string },
    fields: "stepExecutionId name",
  },
  {
    type: "ImageSet",
    calls: ["ListImageSetVersions"],
    list: `{ x: imageSet(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}") { id datastoreId imageSetId } }`,
    pick: (data: Record<string, unknown>) => data.x as { id: string },
    fields: "datastoreId imageSetId",
  },
  {
    type: "ImageSetVersion",
    calls: ["GetImageSet"],
    list: `{ imageSetVersions(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}", first: 60) { edges { node { id versionId imageSetState } } } }`,
    pick: (data: Record<string, unknown>) =>
      (data.imageSetVersions as { edges: Array<{ node: { id: string } }> }).edges[55]?.node as {
        id: string;
      },
    fields: "versionId imageSetState",
  },
  {
    type: "AppStreamImage",
    calls: ["DescribeImages"],
    list: `{ appStreamImages(first: 5) { edges { node { id name arn } } } }`,
    pick: (data: Record<string, unknown>) =>
      (data.appStreamImages as { edges: Array<{ node: { id: string } }> }).edges[2]?.node as {
        id: string;
      },
    fields: "name arn",
  },
];

describe("node and nodes", () => {
  it.each(ROUND_TRIPS)(
    "refetches a $type by its global ID",
    async ({ type, list, pick, fields, calls }) => {
      const original = pick(expectData(await gateway.query(list)));
      expect(original.id).toEqual(expect.any(String));
      gateway.emulator?.resetCalls();
      const refetched = expectData(
        await gateway.query<{ node: Record<string, unknown> }>(
          `query($id: ID!) { node(id: $id) { __typename id ... on ${type} { ${fields} } } }`,
          { id: original.id },
        ),
      );
      expect(refetched.node).toEqual({ __typename: type, ...original });
      expect(gateway.emulator?.calls.map((call) => call.operation)).toEqual(calls);
    },
  );

  it("answers a malformed ID with null and BAD_USER_INPUT", async () => {
    for (const id of ["not base64 at all!", Buffer.from("Nope:x").toString("base64"), "QQ=="]) {
      const response = await gateway.query(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(response.data).toEqual({ node: null });
      expect(expectError(response, "BAD_USER_INPUT").message).toMatch(/Invalid global ID/);
    }
    const badArn = Buffer.from("ImageBuildVersion:arn:aws:nope").toString("base64");
    expectError(await gateway.query(`{ node(id: "${badArn}") { id } }`), "BAD_USER_INPUT");
  });

  it("answers an unknown ID with null and NOT_FOUND", async () => {
    const unknown = Buffer.from(`ImageBuildVersion:${imageArn("missing")}`).toString("base64");
    const response = await gateway.query(`query($id: ID!) { node(id: $id) { id } }`, {
      id: unknown,
    });
    expect(response.data).toEqual({ node: null });
    expectError(response, "NOT_FOUND");
  });

  it("answers nodes in order, with null and an error at each bad index only", async () => {
    const first = expectData(
      await gateway.query<{ x: { id: string } }>(
        `{ x: imageBuildVersion(arn: "${IMAGE}") { id } }`,
      ),
    );
    const unknown = Buffer.from(`ImageBuildVersion:${imageArn("missing")}`).toString("base64");
    const response = await gateway.query<{ nodes: Array<{ id: string } | null> }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      { ids: [first.x.id, "garbage", unknown, first.x.id] },
    );
    expect(response.data?.nodes).toEqual([{ id: first.x.id }, null, null, { id: first.x.id }]);
    const errors = response.errors ?? [];
    expect(errors.map((error) => [error.path, error.extensions?.code])).toEqual(
      expect.arrayContaining([
        [["nodes", 1], "BAD_USER_INPUT"],
        [["nodes", 2], "NOT_FOUND"],
      ]),
    );
    expect(errors).toHaveLength(2);
  });
});

describe("nodes limits", () => {
  it("refuses more than 100 IDs before any AWS call", async () => {
    gateway.emulator?.resetCalls();
    const ids = Array.from({ length: 101 }, (_, index) =>
      Buffer.from(`ImageBuildVersion:${imageArn(`i-${index}`)}`).toString("base64"),
    );
    const error = expectError(
      await gateway.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids }),
      "BAD_USER_INPUT",
    );
    expect(error.message).toContain("at most 100");
    expect(gateway.emulator?.calls).toHaveLength(0);
  });
});
