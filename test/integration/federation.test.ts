import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { composeServices } from "@apollo/composition";
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEPLOYMENTS_SDL, startDeploymentsSubgraph } from "../federation/deployments-subgraph.js";
import { RELEASES_SDL, startReleasesSubgraph } from "../federation/releases-subgraph.js";
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
import { expectData, startTestGateway, type TestGateway } from "../helpers/gateway.js";

const WEB = imageArn("web-server", "1.2.0", 2);
const API = imageArn("api", "3.0.0", 1);
const DESKTOPS = appStreamImages(50);
const WORKFLOW = workflowExecutionId(9);
const DATASTORE = storeId(1);
const IMAGE_SET = storeId(2);
const EU_WORKFLOW = workflowExecutionId(10);
const EU_DATASTORE = storeId(3);
const EU_IMAGE_SET = storeId(4);

let images: TestGateway;
let deployments: Awaited<ReturnType<typeof startDeploymentsSubgraph>>;
let supergraph: Server;
let supergraphUrl: string;

async function query<Data>(document: string, variables?: Record<string, unknown>) {
  const response = await fetch(supergraphUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: document, variables }),
  });
  return (await response.json()) as { data?: Data; errors?: unknown[] };
}

beforeAll(async () => {
  images = await startTestGateway({
    fixture: fixture({
      imageBuilder: {
        images: [
          { arn: WEB, packages: packages(30) },
          { arn: API, packages: packages(2) },
        ],
        workflowExecutions: [
          workflowExecution(WORKFLOW, WEB, steps(3)),
          workflowExecution(EU_WORKFLOW, imageArn("eu-server", "1.0.0", 1, "eu-west-1"), steps(2)),
        ],
      },
      medicalImaging: {
        datastores: [
          {
            datastoreId: DATASTORE,
            region: "us-east-1",
            imageSets: [{ imageSetId: IMAGE_SET, versions: imageSetVersions(4) }],
          },
          {
            datastoreId: EU_DATASTORE,
            region: "eu-west-1",
            imageSets: [{ imageSetId: EU_IMAGE_SET, versions: imageSetVersions(2) }],
          },
        ],
      },
      appStream: { images: DESKTOPS },
    }),
  });
  deployments = await startDeploymentsSubgraph(
    DESKTOPS.map((desktop, index) => ({
      id: `d-${index}`,
      environment: index % 2 ? "staging" : "production",
      imageArn: index === 0 ? API : WEB,
      desktopArn: desktop.Arn,
    })),
  );

  const sdl = expectData(await images.query<{ _service: { sdl: string } }>("{ _service { sdl } }"))
    ._service.sdl;
  const composition = composeServices([
    { name: "images", typeDefs: parse(sdl), url: images.url },
    { name: "deployments", typeDefs: parse(DEPLOYMENTS_SDL), url: deployments.url },
  ]);
  expect(composition.errors ?? []).toEqual([]);
  if (!composition.supergraphSdl) throw new Error("composition produced no supergraph");

  supergraph = createServer(
    createGatewayRuntime({
      supergraph: composition.supergraphSdl,
      logging: false,
      maskedErrors: false,
    }),
  );
  await new Promise<void>((resolve) => supergraph.listen(0, "127.0.0.1", resolve));
  supergraphUrl = `http://127.0.0.1:${(supergraph.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  supergraph?.closeAllConnections();
  await new Promise<void>((resolve) =>
    supergraph ? supergraph.close(() => resolve()) : resolve(),
  );
  await deployments?.close();
  await images?.close();
});

describe("as an Apollo Federation v2 subgraph behind Hive Gateway", () => {
  it("answers a query that crosses both subgraphs, paging our connection from theirs", async () => {
    const PAGE = /* GraphQL */ `
      query($after: String) {
        deployment(id: "d-1") {
          id
          environment
          image {
            name
            buildNumber
            packages(first: 20, after: $after) {
              edges { node { packageName } }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
      }
    `;
    type PageData = {
      deployment: {
        id: string;
        image: {
          name: string;
          packages: {
            edges: Array<{ node: { packageName: string } }>;
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
      };
    };
    const first = await query<PageData>(PAGE);
    expect(first.errors).toBeUndefined();
    const web = first.data?.deployment;
    expect(web?.image.name).toBe("web-server");
    expect(web?.image.packages.edges).toHaveLength(20);
    expect(web?.image.packages.pageInfo.hasNextPage).toBe(true);

    const second = await query<PageData>(PAGE, { after: web?.image.packages.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    const rest = second.data?.deployment;
    expect(rest?.image.packages.edges.map((edge) => edge.node.packageName)).toEqual(
      packages(30)
        .slice(20)
        .map((item) => item.packageName),
    );
    expect(rest?.image.packages.pageInfo.hasNextPage).toBe(false);
  });

  it("lets their subgraph extend our entity", async () => {
    const result = await query<{
      imageBuildVersion: { name: string; deployments: Array<{ id: string }> };
    }>(`{ imageBuildVersion(arn: "${API}") { name deployments { id environment } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.imageBuildVersion).toEqual({
      name: "api",
      deployments: [{ id: "d-0", environment: "production" }],
    });
  });

  it("resolves 50 AppStreamImage references with the fewest DescribeImages calls", async () => {
    images.emulator?.resetCalls();
    const result = await query<{ deployments: Array<{ desktop: { name: string } }> }>(
      "{ deployments { desktop { name state } } }",
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.deployments.map((deployment) => deployment.desktop.name)).toEqual(
      DESKTOPS.map((desktop) => desktop.Name),
    );
    // ceil(50 / 25): DescribeImages takes at most one page of 25 per call.
    expect(images.emulator?.calls.map((call) => call.operation)).toEqual([
      "DescribeImages",
      "DescribeImages",
    ]);
  });

  it("resolves ImageSet and WorkflowExecution entities by their keys", async () => {
    const result = await fetch(images.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `query($r: [_Any!]!) { _entities(representations: $r) {
          ... on ImageSet { imageSetId versions(first: 10) { edges { node { versionId } } } }
          ... on WorkflowExecution { workflowExecutionId steps { edges { node { name } } } }
        } }`,
        variables: {
          r: [
            { __typename: "ImageSet", datastoreId: DATASTORE, imageSetId: IMAGE_SET },
            { __typename: "WorkflowExecution", workflowExecutionId: WORKFLOW },
            { __typename: "ImageSet", datastoreId: DATASTORE, imageSetId: storeId(99) },
          ],
        },
      }),
    });
    const body = (await result.json()) as { data: { _entities: unknown[] } };
    expect(body.data._entities).toEqual([
      {
        imageSetId: IMAGE_SET,
        versions: { edges: ["1", "2", "3", "4"].map((versionId) => ({ node: { versionId } })) },
      },
      {
        workflowExecutionId: WORKFLOW,
        steps: { edges: steps(3).map((step) => ({ node: { name: step.name } })) },
      },
      null,
    ]);
  });
});

async function entities(representations: unknown[], selection: string) {
  const response = await images.post({
    query: `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
    variables: { r: representations },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    data: { _entities: unknown[] } | null;
    errors?: Array<{ message: string; path: unknown[]; extensions: Record<string, unknown> }>;
  };
}

describe("entity keys", () => {
  it("resolve ImageSet and WorkflowExecution references in the region they name", async () => {
    const body = await entities(
      [
        { __typename: "WorkflowExecution", workflowExecutionId: EU_WORKFLOW, region: "eu-west-1" },
        {
          __typename: "ImageSet",
          datastoreId: EU_DATASTORE,
          imageSetId: EU_IMAGE_SET,
          region: "eu-west-1",
        },
        // The older keys, without region, still resolve in AWS_REGION.
        { __typename: "WorkflowExecution", workflowExecutionId: WORKFLOW },
        // The same execution looked for in another region is not there.
        { __typename: "WorkflowExecution", workflowExecutionId: EU_WORKFLOW },
      ],
      `... on WorkflowExecution { workflowExecutionId region }
       ... on ImageSet { imageSetId region versions(first: 5) { edges { node { versionId } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([
      { workflowExecutionId: EU_WORKFLOW, region: "eu-west-1" },
      {
        imageSetId: EU_IMAGE_SET,
        region: "eu-west-1",
        versions: { edges: [{ node: { versionId: "1" } }, { node: { versionId: "2" } }] },
      },
      { workflowExecutionId: WORKFLOW, region: "us-east-1" },
      null,
    ]);
  });

  it("answer an unknown __typename with a client error at its index, resolving the rest", async () => {
    const longName = "X".repeat(100_000);
    const body = await entities(
      [
        { __typename: "NoSuchType", arn: "x" },
        { __typename: "ImageBuildVersion", arn: WEB },
        { __typename: longName },
        { arn: WEB },
      ],
      "... on ImageBuildVersion { arn }",
    );
    expect(body.data?._entities).toEqual([null, { arn: WEB }, null, null]);
    expect(body.errors?.map((error) => [error.path, error.extensions.code])).toEqual([
      [["_entities", 0], "BAD_USER_INPUT"],
      [["_entities", 2], "BAD_USER_INPUT"],
      [["_entities", 3], "BAD_USER_INPUT"],
    ]);
    expect(body.errors?.[0]?.message).toContain('"NoSuchType" is not an entity of this subgraph');
    expect(body.errors?.[0]?.message).toContain("ImageBuildVersion");
    // A client's string is not echoed back whole.
    expect(body.errors?.[1]?.message.length).toBeLessThan(400);
  });
});

describe("beside another Relay-style subgraph", () => {
  it("composes and answers across both when the other declares Node and PageInfo alike", async () => {
    const releases = await startReleasesSubgraph([
      { title: "Spring release", imageArn: WEB },
      { title: "Hotfix", imageArn: API },
    ]);
    const sdl = expectData(
      await images.query<{ _service: { sdl: string } }>("{ _service { sdl } }"),
    )._service.sdl;
    const composition = composeServices([
      { name: "images", typeDefs: parse(sdl), url: images.url },
      { name: "releases", typeDefs: parse(RELEASES_SDL), url: releases.url },
    ]);
    expect(composition.errors ?? []).toEqual([]);
    const server = createServer(
      createGatewayRuntime({
        supergraph: composition.supergraphSdl ?? "",
        logging: false,
        maskedErrors: false,
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `{
            releases(first: 1) {
              pageInfo { hasNextPage }
              edges { node { id title image { name packages(first: 2) { pageInfo { hasNextPage } } } } }
            }
          }`,
        }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({
        releases: {
          pageInfo: { hasNextPage: true },
          edges: [
            {
              node: {
                id: "Release:0",
                title: "Spring release",
                image: { name: "web-server", packages: { pageInfo: { hasNextPage: true } } },
              },
            },
          ],
        },
      });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await releases.close();
    }
  });
});

describe("as a plain GraphQL API", () => {
  it("serves the same API without the federation fields when GATEWAY_SCHEMA=plain", async () => {
    const plain = await startTestGateway({
      fixture: fixture({ imageBuilder: { images: [{ arn: API, packages: packages(2) }] } }),
      env: { GATEWAY_SCHEMA: "plain" },
    });
    try {
      const data = expectData(
        await plain.query<{ imageBuildVersion: { name: string } }>(
          `{ imageBuildVersion(arn: "${API}") { name } }`,
        ),
      );
      expect(data.imageBuildVersion.name).toBe("api");
      const response = await plain.query("{ _service { sdl } }");
      expect(response.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    } finally {
      await plain.close();
    }
  });
});
