import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appStreamImages, fixture, imageArn, packages, storeId } from "../helpers/fixtures.js";
import {
  expectData,
  expectError,
  type GraphQLResponse,
  startTestGateway,
  type TestGateway,
} from "../helpers/gateway.js";

const data = () =>
  fixture({
    imageBuilder: { images: [{ arn: imageArn("web-server"), packages: packages(3) }] },
    appStream: { images: [...appStreamImages(2), ...appStreamImages(2, "eu-west-1", "Eu")] },
  });

const LONG_LABEL = `us-${"a".repeat(70)}-1`;
const HEALTH_IMAGING_REGIONS = "ap-southeast-2, eu-west-1, eu-west-2, us-east-1, us-west-2";
const imageSetVersions = (region: string) =>
  `{ imageSetVersions(datastoreId: "${storeId(1)}", imageSetId: "${storeId(2)}", region: "${region}") { edges { node { versionId } } } }`;

/** Checks `response` is one BAD_USER_INPUT naming `region` and the allowed regions, with no AWS call. */
function expectRegionRefused(
  gateway: TestGateway,
  response: GraphQLResponse<unknown>,
  region: string,
  allowed: string,
) {
  const error = expectError(response, "BAD_USER_INPUT");
  expect(error.message).toContain(`"${region.slice(0, 40)}`);
  expect(error.message).toContain(`allowed regions: ${allowed}`);
  expect(gateway.emulator?.calls).toEqual([]);
  return error;
}

describe("regions of the configured partition", () => {
  let gateway: TestGateway;
  let appStreamRegions: string;
  beforeAll(async () => {
    gateway = await startTestGateway({ fixture: data() });
    appStreamRegions = gateway.services.clients.regions.regionsOf("appstream").join(", ");
  });
  afterAll(() => gateway?.close());

  it.each([
    ["an unknown region", "zz-evil-1"],
    ["another partition's region", "us-iso-east-1"],
    ["GovCloud from the aws partition", "us-gov-west-1"],
    ["a label over 63 characters", LONG_LABEL],
  ])("refuses %s in a region argument before any call", async (_, region) => {
    gateway.emulator?.resetCalls();
    const response = await gateway.query(
      `{ appStreamImages(region: "${region}") { edges { node { name } } } }`,
    );
    const error = expectRegionRefused(gateway, response, region, appStreamRegions);
    expect(error.message).toMatch(/^Invalid argument region: /);
    expect(error.extensions?.allowedRegions).toContain("us-east-1");
  });

  it("counts a refused region as no AWS call", async () => {
    const response = await gateway.post(
      {
        query: `{ appStreamImage(arn: "arn:aws:appstream:zz-evil-1:123456789012:image/x") { name } }`,
      },
      { "x-gateway-debug": "calls" },
    );
    const body = (await response.json()) as GraphQLResponse;
    expectError(body, "BAD_USER_INPUT");
    expect(body.extensions).toMatchObject({ awsCalls: [], cost: { estimated: 1, actual: 0 } });
  });

  it("refuses a region where the service does not exist, naming those where it does", async () => {
    gateway.emulator?.resetCalls();
    const response = await gateway.query(imageSetVersions("eu-central-1"));
    expectRegionRefused(gateway, response, "eu-central-1", HEALTH_IMAGING_REGIONS);
  });

  it.each([
    [
      "an image build version ARN",
      `{ imageBuildVersion(arn: "${imageArn("x", "1.0.0", 1, "zz-evil-1")}") { name } }`,
    ],
    [
      "an image package ARN argument",
      `{ imagePackages(imageBuildVersionArn: "${imageArn("x", "1.0.0", 1, LONG_LABEL)}") { edges { node { packageName } } } }`,
    ],
    [
      "an AppStream image ARN",
      `{ appStreamImage(arn: "arn:aws:appstream:zz-evil-1:123456789012:image/x") { name } }`,
    ],
    [
      "a global ID",
      `{ node(id: "${encodeGlobalID("WorkflowExecution", JSON.stringify(["zz-evil-1", "wf-00000000-0000-4000-8000-000000000001"]))}") { id } }`,
    ],
    [
      "a federation reference",
      `{ _entities(representations: [{ __typename: "ImageBuildVersion", arn: "${imageArn("x", "1.0.0", 1, "zz-evil-1")}" }]) { __typename } }`,
    ],
  ])("refuses an unknown region inside %s before any call", async (_, query) => {
    gateway.emulator?.resetCalls();
    const response = await gateway.query(query);
    const error = expectError(response, "BAD_USER_INPUT");
    expect(error.message).toMatch(/"(zz-evil-1|us-a+)/);
    expect(error.message).toMatch(/allowed regions: .*us-east-1/);
    expect(gateway.emulator?.calls).toEqual([]);
  });

  it("refuses the mutation on a pipeline of another partition before any call", async () => {
    gateway.emulator?.resetCalls();
    const response = await gateway.query(
      `mutation { startImagePipelineExecution(input: { imagePipelineArn: "arn:aws-iso:imagebuilder:us-iso-east-1:123456789012:image-pipeline/x" }) { clientToken } }`,
    );
    expectRegionRefused(
      gateway,
      response,
      "us-iso-east-1",
      gateway.services.clients.regions.regionsOf("imagebuilder").join(", "),
    );
  });

  it.each(["eu-south-1", "eu-south-2", "ap-southeast-5"])(
    "calls AppStream in %s, where AWS's endpoint data says it exists",
    async (region) => {
      gateway.emulator?.resetCalls();
      const response = await gateway.query<{ appStreamImages: { edges: unknown[] } }>(
        `{ appStreamImages(region: "${region}") { edges { node { name } } } }`,
      );
      expect(expectData(response).appStreamImages.edges).toEqual([]);
      expect(gateway.emulator?.calls.map((call) => [call.operation, call.region])).toEqual([
        ["DescribeImages", region],
      ]);
    },
  );

  it("serves a region of the partition where the service exists", async () => {
    const response = await gateway.query<{
      appStreamImages: { edges: Array<{ node: { name: string } }> };
    }>(`{ appStreamImages(region: "eu-west-1") { edges { node { name } } } }`);
    expect(expectData(response).appStreamImages.edges.map((edge) => edge.node.name)).toEqual([
      "Eu-000",
      "Eu-001",
    ]);
  });
});

describe("AWS_REGIONS", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      fixture: data(),
      env: { AWS_REGIONS: "us-east-1,eu-west-1" },
    });
  });
  afterAll(() => gateway?.close());

  it("narrows the regions requests may name", async () => {
    gateway.emulator?.resetCalls();
    const response = await gateway.query(
      `{ appStreamImages(region: "us-west-2") { edges { node { name } } } }`,
    );
    expectRegionRefused(gateway, response, "us-west-2", "eu-west-1, us-east-1");
    expectData(
      await gateway.query(`{ appStreamImages(region: "eu-west-1") { edges { node { name } } } }`),
    );
  });
});
