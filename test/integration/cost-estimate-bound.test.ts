import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fixture,
  imageArn,
  imageSetVersions,
  packages,
  pipelineArn,
  storeId,
} from "../helpers/fixtures.js";
import { type GraphQLResponse, startTestGateway, type TestGateway } from "../helpers/gateway.js";

const BUILDS = Array.from({ length: 5 }, (_, index) => imageArn("fleet", "1.0.0", index + 1));
const STORE = storeId(1);

const data = () =>
  fixture({
    imageBuilder: {
      images: BUILDS.map((arn) => ({ arn, packages: packages(2) })),
      pipelines: [{ arn: pipelineArn("fleet"), imageName: "fleet", semanticVersion: "1.0.0" }],
    },
    medicalImaging: {
      datastores: [
        {
          datastoreId: STORE,
          region: "us-east-1",
          imageSets: Array.from({ length: 100 }, (_, index) => ({
            imageSetId: storeId(100 + index),
            versions: imageSetVersions(1),
          })),
        },
      ],
    },
  });

/** `levels` fragments on Query, each spreading the one below `width` times. */
function fanOut(levels: number, width: number): string {
  const fragments = ["fragment F0 on Query { __typename }"];
  for (let level = 1; level <= levels; level++) {
    const spreads = Array.from({ length: width }, () => `...F${level - 1}`).join(" ");
    fragments.push(`fragment F${level} on Query { ${spreads} }`);
  }
  return `query { ...F${levels} }\n${fragments.join("\n")}`;
}

describe("the cost bound before any call", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ fixture: data() });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  /** Runs `query` with the debug extension and returns its data, errors and cost. */
  async function run(query: string, variables?: Record<string, unknown>) {
    const response = await gateway.post({ query, variables }, { "x-gateway-debug": "calls" });
    const body = (await response.json()) as GraphQLResponse;
    return { ...body, cost: body.extensions?.cost as { estimated: number; actual: number } };
  }

  it("answers fragments that fan out to millions of paths, and /health meanwhile", async () => {
    // 903 bytes: 2^22 paths to one __typename; and ten spreads a level, seven levels deep.
    const doubling = gateway.query(fanOut(22, 2));
    const tenWide = gateway.query(fanOut(7, 10));
    const health = fetch(new URL("/health", gateway.url));
    const answered: string[] = [];
    await Promise.all([
      doubling.then((body) => {
        expect(body).toEqual({ data: { __typename: "Query" } });
        answered.push("doubling");
      }),
      tenWide.then((body) => {
        expect(body).toEqual({ data: { __typename: "Query" } });
        answered.push("ten-wide");
      }),
      health.then((response) => {
        expect(response.status).toBe(200);
        answered.push("health");
      }),
    ]);
    expect(answered.sort()).toEqual(["doubling", "health", "ten-wide"]);
  }, 10_000);

  it("refuses a document whose analysis passes its step bound, before any call", async () => {
    // 400 look-ups, each merging a fragment of 300 selections with a field of its own.
    const names = Array.from({ length: 300 }, () => "name").join(" ");
    const lookUps = Array.from(
      { length: 400 },
      (_, index) => `b${index}: imageBuildVersion(arn: "${BUILDS[0]}") { ...Big arn }`,
    ).join(" ");
    const query = `{ ${lookUps} }\nfragment Big on ImageBuildVersion { ${names} }`;
    const roomy = await startTestGateway({
      fixture: data(),
      env: { MAX_TOKENS: "1000000", MAX_ALIASES: "10000", MAX_AWS_CALLS_PER_REQUEST: "1000" },
    });
    try {
      roomy.emulator?.resetCalls();
      const body = await roomy.query(query);
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.map((error) => error.extensions?.code)).toEqual(["QUERY_TOO_COMPLEX"]);
      expect(body.errors?.[0]?.message).toMatch(/fragments fan out too far/);
      expect(roomy.emulator?.calls).toEqual([]);
    } finally {
      await roomy.close();
    }
  });

  it("counts GetImageSet for each image set whose latest version is selected", async () => {
    const { data, errors, cost } = await run(
      `{ datastores(first: 1) { edges { node { imageSets(first: 100) { edges { node { latestVersion { versionId } } } } } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data).toBeTruthy();
    expect(cost.actual).toBe(1 + 2 + 100);
    expect(cost.estimated).toBeGreaterThanOrEqual(cost.actual);
  });

  it("counts GetImage and GetImagePipeline for builds refetched by ID", async () => {
    const ids = BUILDS.map((arn) => encodeGlobalID("ImageBuildVersion", arn));
    for (const selection of ["buildState { status }", "buildState { status } pipeline { name }"]) {
      const { data, errors, cost } = await run(
        `query($ids: [ID!]!) { nodes(ids: $ids) { ... on ImageBuildVersion { ${selection} } } }`,
        { ids },
      );
      expect(errors).toBeUndefined();
      expect(data).toBeTruthy();
      expect(cost.actual).toBeGreaterThanOrEqual(10);
      expect(cost.estimated).toBeGreaterThanOrEqual(cost.actual);
    }
  });

  it("counts look-ups of unknown AppStream names at their worst", async () => {
    const query = `{ ${Array.from(
      { length: 30 },
      (_, index) => `i${index}: appStreamImage(name: "No-Such-Image-${index}") { name }`,
    ).join(" ")} }`;
    const { errors, cost } = await run(query);
    expect(errors?.every((error) => error.extensions?.code === "NOT_FOUND")).toBe(true);
    expect(errors).toHaveLength(30);
    // Batches of 25 and 5, each halved down to single names: 49 + 9 calls.
    expect(cost).toEqual({ estimated: 58, actual: 58 });
  });
});
