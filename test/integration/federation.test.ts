import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { composeServices } from "@apollo/composition";
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEPLOYMENTS_SDL, startDeploymentsSubgraph } from "../federation/deployments-subgraph.js";
import {
  appStreamImages,
  fixture,
  imageArn,
  imageSetVersions,
  packages,
  steps,
  storeId,
  workflowExecutionId,
} from "../helpers/fixtures.js";
import { expectData, startTestGateway, type TestGateway } from "../helpers/gateway.js";

const WEB = imageArn("web-server", "1.2.0", 2);
const API = imageArn("api", "3.0.0", 1);
const DESKTOPS = appStreamImages(50);
const WORKFLOW = workflowExecutionId(9);
const DATASTORE = storeId(1);
const IMAGE_SET = storeId(2);

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
          {
            workflowExecutionId: WORKFLOW,
            region: "us-east-1",
            imageBuildVersionArn: WEB,
            workflowBuildVersionArn:
              "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.0/1",
            message: "",
            steps: steps(3),
          },
        ],
      },
      medicalImaging: {
        datastores: [
          {
            datastoreId: DATASTORE,
            region: "us-east-1",
            imageSets: [{ imageSetId: IMAGE_SET, versions: imageSetVersions(4) }],
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
