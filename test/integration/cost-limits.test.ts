import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { appStreamImages, fixture, imageArn, packages } from "../helpers/fixtures.js";
import {
  expectData,
  expectError,
  type GraphQLResponse,
  startTestGateway,
  type TestGateway,
} from "../helpers/gateway.js";

const IMAGE = imageArn("web-server");
const IMAGES = appStreamImages(30);

const data = () =>
  fixture({
    imageBuilder: { images: [{ arn: IMAGE, packages: packages(61) }] },
    appStream: { images: IMAGES },
  });

/** `imagePackages(first: 100) → node → imageBuildVersion → packages(first: 100)`, `levels` deep. */
function nestedPackages(levels: number, first = 100, leaf = "packageName"): string {
  let inner = leaf;
  for (let level = 1; level < levels; level++) {
    inner = `imageBuildVersion { packages(first: ${first}) { edges { node { ${inner} } } } }`;
  }
  return `{ imagePackages(imageBuildVersionArn: "${IMAGE}", first: ${first}) { edges { node { ${inner} } } } }`;
}

const imageBuildVersionId = (index: number) =>
  encodeGlobalID("ImageBuildVersion", imageArn(`image-${index}`));
const HUNDRED_IDS = Array.from({ length: 100 }, (_, index) => imageBuildVersionId(index));

/** 100 aliases of nodes(ids:) over 100 IDs each, written out in the document. */
const HUNDRED_NODES_LITERAL = `{ ${Array.from(
  { length: 100 },
  (_, alias) => `n${alias}: nodes(ids: ${JSON.stringify(HUNDRED_IDS)}) { id }`,
).join(" ")} }`;

/** 200 aliased imagePackages(first: 100), each over a different image. */
const TWO_HUNDRED_PACKAGE_LISTS = `{ ${Array.from(
  { length: 200 },
  (_, index) =>
    `p${index}: imagePackages(imageBuildVersionArn: "${imageArn(`image-${index}`)}", first: 100) { edges { node { packageName } } }`,
).join(" ")} }`;

/** Six hops of first: 1 below imagePackages (3 + 6 × 4 levels) and a 3-level leaf. */
const DEPTH_30 = nestedPackages(7, 1, "imageBuildVersion { packages(first: 1) { __typename } }");

/** Limits lifted so the next check down the line is the one that answers. */
const NO_DOCUMENT_LIMITS = {
  MAX_QUERY_DEPTH: "100",
  MAX_ALIASES: "1000",
  MAX_TOKENS: "1000000",
};

function codes(response: GraphQLResponse<unknown>): string[] {
  return (response.errors ?? []).map((error) => String(error.extensions?.code));
}

/** Sends `query` and checks it was refused with `expected` codes before any AWS call. */
async function expectRefused(
  gateway: TestGateway,
  query: string,
  expected: string[],
  variables?: Record<string, unknown>,
) {
  gateway.emulator?.resetCalls();
  const response = await gateway.query(query, variables);
  expect(response.data ?? null).toBeNull();
  expect(codes(response).sort()).toEqual([...expected].sort());
  expect(gateway.emulator?.calls).toEqual([]);
  // The debug output only for requests that ask for it (x-gateway-debug).
  expect(response.extensions).toBeUndefined();
  return response.errors ?? [];
}

describe("with the default limits", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    // Room for the 100 × 100-ID document, so the document limits, not the body size, refuse it.
    gateway = await startTestGateway({
      fixture: data(),
      env: { MAX_REQUEST_BODY_BYTES: "8000000" },
    });
  });
  afterAll(() => gateway?.close());

  it("refuses the four-level nested packages query without any AWS call", async () => {
    const [error] = await expectRefused(gateway, nestedPackages(4), ["QUERY_LIMIT_EXCEEDED"]);
    expect(error?.message).toMatch(/depth limit of 15 exceeded, found 16.*MAX_QUERY_DEPTH/);
    expect(error?.extensions).toMatchObject({ limit: "MAX_QUERY_DEPTH", max: 15 });
  });

  it("refuses 100 aliases of nodes(ids: [100 IDs]) without any AWS call", async () => {
    const [error] = await expectRefused(gateway, HUNDRED_NODES_LITERAL, ["QUERY_LIMIT_EXCEEDED"]);
    expect(error?.message).toContain("Token limit of 1000 exceeded");
    expect(error?.extensions).toMatchObject({ limit: "MAX_TOKENS" });
  });

  it("refuses 200 aliased imagePackages(first: 100) without any AWS call", async () => {
    const [error] = await expectRefused(gateway, TWO_HUNDRED_PACKAGE_LISTS, [
      "QUERY_LIMIT_EXCEEDED",
    ]);
    expect(error?.extensions?.limit).toMatch(/MAX_TOKENS|MAX_ALIASES/);
  });

  it("refuses too many aliases, naming the limit", async () => {
    const query = `{ ${Array.from({ length: 31 }, (_, index) => `a${index}: node(id: "${imageBuildVersionId(index)}") { id }`).join(" ")} }`;
    const [error] = await expectRefused(gateway, query, ["QUERY_LIMIT_EXCEEDED"]);
    expect(error?.message).toMatch(/Aliases limit of 30 exceeded, found 31.*MAX_ALIASES/);
  });

  it("refuses too many directives, naming the limit", async () => {
    const query = `{ ${"__typename @skip(if: false) ".repeat(51)}}`;
    const [error] = await expectRefused(gateway, query, ["QUERY_LIMIT_EXCEEDED"]);
    expect(error?.message).toContain("MAX_DIRECTIVES");
  });

  it("refuses a depth-30 query, though it would cost a handful of calls", async () => {
    const query = DEPTH_30;
    const [error] = await expectRefused(gateway, query, ["QUERY_LIMIT_EXCEEDED"]);
    expect(error?.message).toContain("found 30");
  });

  it("refuses 100 aliases of nodes(ids: $ids) by its estimate, with the IDs in a variable", async () => {
    const query = `query($ids: [ID!]!) { ${Array.from(
      { length: 25 },
      (_, alias) => `n${alias}: nodes(ids: $ids) { id }`,
    ).join(" ")} }`;
    const [error] = await expectRefused(gateway, query, ["COST_ESTIMATED_TOO_EXPENSIVE"], {
      ids: HUNDRED_IDS,
    });
    expect(error?.message).toContain("estimated to cost 2,500 AWS calls");
    expect(error?.message).toContain("limit of 200 per request (MAX_AWS_CALLS_PER_REQUEST)");
    expect(error?.extensions).toMatchObject({ estimate: 2500, limit: 200 });
  });

  it("estimates one document anew for each set of variables, however often it is sent", async () => {
    const query = `query($ids: [ID!]!) { a: nodes(ids: $ids) { id } b: nodes(ids: $ids) { id } c: nodes(ids: $ids) { id } }`;
    const ask = async (ids: string[]) => {
      const response = await gateway.post(
        { query, variables: { ids } },
        { "x-gateway-debug": "calls" },
      );
      return (await response.json()) as GraphQLResponse;
    };
    for (let round = 0; round < 2; round++) {
      const few = await ask(HUNDRED_IDS.slice(0, 2));
      expect(codes(few)).not.toContain("COST_ESTIMATED_TOO_EXPENSIVE");
      expect(few.extensions?.cost).toMatchObject({ estimated: 6 });
      const many = await ask(HUNDRED_IDS);
      expectError(many, "COST_ESTIMATED_TOO_EXPENSIVE");
      expect(many.extensions?.cost).toEqual({ estimated: 300, actual: 0 });
    }
  });

  it("runs the operation operationName names, whichever of its document's ran before", async () => {
    const query = `query Cheap { __typename } query Big($n: Int = 1) { imagePackages(imageBuildVersionArn: "${IMAGE}", first: $n) { edges { node { packageName } } } }`;
    const big = await gateway.post({ query, operationName: "Big", variables: { n: 1 } });
    expect(((await big.json()) as GraphQLResponse).data).toHaveProperty("imagePackages");
    const cheap = await gateway.post({ query, operationName: "Cheap", variables: { n: 100 } });
    expect(((await cheap.json()) as GraphQLResponse).data).toEqual({ __typename: "Query" });
  });

  it("runs a query within every limit, and reports estimated and actual calls on request", async () => {
    gateway.emulator?.resetCalls();
    const response = await gateway.post(
      {
        query: `{ imagePackages(imageBuildVersionArn: "${IMAGE}", first: 30) { edges { node { packageName } } } }`,
      },
      { "x-gateway-debug": "calls" },
    );
    const body = (await response.json()) as GraphQLResponse<{
      imagePackages: { edges: unknown[] };
    }>;
    expect(expectData(body).imagePackages.edges).toHaveLength(30);
    expect(gateway.emulator?.calls).toHaveLength(2);
    expect(body.extensions?.cost).toEqual({ estimated: 2, actual: 2 });
  });

  it("reports the estimate of a refused query with zero actual calls", async () => {
    const response = await gateway.post(
      {
        query: `query($ids: [ID!]!) { a: nodes(ids: $ids) { id } b: nodes(ids: $ids) { id } c: nodes(ids: $ids) { id } }`,
        variables: { ids: HUNDRED_IDS },
      },
      { "x-gateway-debug": "calls" },
    );
    const body = (await response.json()) as GraphQLResponse;
    expectError(body, "COST_ESTIMATED_TOO_EXPENSIVE");
    expect(body.extensions?.cost).toEqual({ estimated: 300, actual: 0 });
  });
});

describe("with the document limits lifted, the estimates refuse", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      fixture: data(),
      env: { ...NO_DOCUMENT_LIMITS, MAX_REQUEST_BODY_BYTES: "8000000" },
    });
  });
  afterAll(() => gateway?.close());

  it("the four-level nested packages query, by result size and AWS calls", async () => {
    const errors = await expectRefused(gateway, nestedPackages(4), [
      "RESULT_TOO_LARGE",
      "COST_ESTIMATED_TOO_EXPENSIVE",
    ]);
    const size = errors.find((error) => error.extensions?.code === "RESULT_TOO_LARGE");
    const path =
      "imagePackages.edges.node.imageBuildVersion.packages.edges.node.imageBuildVersion.packages.edges.node.imageBuildVersion.packages";
    expect(size?.message).toContain("could return 101,010,100 nodes");
    expect(size?.message).toContain("limit of 10,000 (MAX_RESULT_NODES)");
    expect(size?.message).toContain(`${path} with 100,000,000`);
    expect(size?.extensions).toMatchObject({ estimate: 101_010_100, limit: 10_000, path });
    const calls = errors.find((error) => error.extensions?.code === "COST_ESTIMATED_TOO_EXPENSIVE");
    // 5 calls per list of 100 (4 pages of 25 and the look-ahead), under 1 + 100 + 10^4 + 10^6 parents.
    expect(calls?.extensions).toMatchObject({ estimate: 5 * 1_010_101, limit: 200 });
  });

  it("100 aliases of nodes(ids: [100 IDs]), by AWS calls", async () => {
    const [error] = await expectRefused(gateway, HUNDRED_NODES_LITERAL, [
      "COST_ESTIMATED_TOO_EXPENSIVE",
    ]);
    expect(error?.extensions).toMatchObject({ estimate: 10_000, limit: 200 });
  });

  it("200 aliased imagePackages(first: 100), by result size and AWS calls", async () => {
    const errors = await expectRefused(gateway, TWO_HUNDRED_PACKAGE_LISTS, [
      "RESULT_TOO_LARGE",
      "COST_ESTIMATED_TOO_EXPENSIVE",
    ]);
    expect(errors.map((error) => error.extensions?.estimate).sort()).toEqual([1000, 20_000]);
  });

  it("runs the depth-30 query when depth alone was the problem", async () => {
    gateway.emulator?.resetCalls();
    const response = await gateway.query(DEPTH_30);
    expectData(response);
    // One page, fetched once: every level lists the same image.
    expect(gateway.emulator?.calls).toHaveLength(1);
  });
});

describe("calls actually made", () => {
  let gateway: TestGateway | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  it("count a refetch's walk through every page in the estimate", async () => {
    // AWS has no single-package read: the package is looked for page by page, and it is on the third.
    const last = encodeGlobalID("ImagePackage", JSON.stringify([IMAGE, "pkg-060", "1.60.0"]));
    const query = `{ node(id: "${last}") { id } imagePackages(imageBuildVersionArn: "${IMAGE}", first: 3) { edges { node { packageName } } } }`;
    gateway = await startTestGateway({ fixture: data(), env: { MAX_AWS_CALLS_PER_REQUEST: "2" } });
    // At worst the walk reads AWS_MAX_PAGES_PER_WALK pages: refused before any call.
    await expectRefused(gateway, query, ["COST_ESTIMATED_TOO_EXPENSIVE"]);
    await gateway.close();

    gateway = await startTestGateway({
      fixture: data(),
      env: { MAX_AWS_CALLS_PER_REQUEST: "4", AWS_MAX_PAGES_PER_WALK: "3" },
    });
    gateway.emulator?.resetCalls();
    const response = await gateway.post({ query }, { "x-gateway-debug": "calls" });
    const body = (await response.json()) as GraphQLResponse<{
      node: { id: string };
      imagePackages: { edges: Array<{ node: { packageName: string } }> };
    }>;
    // Three pages of the walk, the first shared with the list; estimated as 3 + 1.
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.cost).toEqual({ estimated: 4, actual: 3 });
    expect(body.data?.node.id).toBe(last);
  });

  it("stop at the limit when AWS answers need more calls than estimated; the rest is returned", async () => {
    // AWS hands out a token after the last page, so each list of 61 reads a fourth, empty page
    // the estimate (full pages, no trailing token) does not foresee.
    const other = imageArn("app-server");
    gateway = await startTestGateway({
      fixture: fixture({
        imageBuilder: {
          images: [
            { arn: IMAGE, packages: packages(61) },
            { arn: other, packages: packages(61) },
          ],
        },
        appStream: { images: IMAGES },
      }),
      env: { MAX_AWS_CALLS_PER_REQUEST: "7" },
      emulatorBehaviour: { emptyTrailingPage: true },
    });
    const list = (arn: string) =>
      `imagePackages(imageBuildVersionArn: "${arn}", first: 61) { edges { node { packageName } } pageInfo { hasNextPage } }`;
    const query = `{ a: ${list(IMAGE)} b: ${list(other)} c: appStreamImage(name: "${IMAGES[0]?.Name}") { name } }`;
    gateway.emulator?.resetCalls();
    const response = await gateway.post({ query }, { "x-gateway-debug": "calls" });
    const body = (await response.json()) as GraphQLResponse<{
      a: null;
      b: null;
      c: { name: string };
    }>;
    expect(gateway.emulator?.calls).toHaveLength(7);
    expect(body.extensions?.cost).toEqual({ estimated: 7, actual: 7 });
    // The image came back; the two lists ran out of calls on their trailing page.
    expect(body.data?.c.name).toBe(IMAGES[0]?.Name);
    expect(body.data?.a).toBeNull();
    expect(body.data?.b).toBeNull();
    const limited = (body.errors ?? []).filter(
      (error) => error.extensions?.code === "AWS_CALL_LIMIT_REACHED",
    );
    expect(limited.map((error) => error.path?.[0]).sort()).toEqual(["a", "b"]);
    expect(limited[0]?.message).toContain("limit of 7 AWS calls (MAX_AWS_CALLS_PER_REQUEST)");
  });
});
