import { type GraphQLSchema, getNamedType, isObjectType, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { type CostEstimate, estimateCost } from "../../src/cost/estimate.js";
import { declaredCost, isConnectionType } from "../../src/cost/fields.js";
import { plainSchema, subgraphSchema } from "../../src/graph/schema.js";

const PAGING = { defaultPageSize: 25, maxPageSize: 100, maxPagesPerWalk: 100 };
const ARN = "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/2";

function estimate(
  query: string,
  variables?: Record<string, unknown>,
  operationName?: string,
): CostEstimate {
  return estimateCost({
    schema: subgraphSchema,
    document: parse(query),
    variables,
    operationName,
    paging: PAGING,
  });
}

const packagesOf = (args: string, selection = "edges { node { packageName } }") =>
  `imagePackages(imageBuildVersionArn: "${ARN}"${args}) { ${selection} }`;

describe("AWS-call and result-size estimate", () => {
  it("counts fields of one build that read the same GetImage once per build", () => {
    const one = estimate(
      `{ imageBuildVersion(arn: "${ARN}") { outputResources { amis { image } } } }`,
    );
    const many = estimate(
      `{ imageBuildVersion(arn: "${ARN}") { outputResources { amis { image } } imageRecipe { arn } tags { key } workflows { workflowArn } scanState { status } } }`,
    );
    expect(one.awsCalls).toBe(2);
    expect(many.awsCalls).toBe(2);
    // Ten builds of a list: ten GetImage calls.
    expect(
      estimate(
        `{ imagePipelines(first: 1) { edges { node { builds(first: 10) { edges { node { outputResources { amis { image } } tags { key } } } } } } } }`,
      ).awsCalls,
    ).toBe(1 + 1 + 10);
  });

  it("costs packageChanges both package walks, and finding the previous build unless named", () => {
    const walk = Math.min(40, PAGING.maxPagesPerWalk);
    expect(
      estimate(`{ imageBuildVersion(arn: "${ARN}") { packageChanges { unchangedCount } } }`)
        .awsCalls,
    ).toBe(1 + 3 * walk + 1);
    expect(
      estimate(
        `{ imageBuildVersion(arn: "${ARN}") { packageChanges(comparedTo: "${ARN}") { unchangedCount } } }`,
      ).awsCalls,
    ).toBe(1 + 2 * walk);
    // A shorter walk limit bounds it too.
    expect(
      estimateCost({
        schema: subgraphSchema,
        document: parse(
          `{ imageBuildVersion(arn: "${ARN}") { packageChanges(comparedTo: "${ARN}") { unchangedCount } } }`,
        ),
        paging: { ...PAGING, maxPagesPerWalk: 5 },
      }).awsCalls,
    ).toBe(1 + 2 * 5);
  });

  it("costs a connection ceil((first + 1) / page cap) calls and first nodes", () => {
    expect(estimate(`{ ${packagesOf(", first: 10")} }`)).toMatchObject({
      awsCalls: 1,
      resultNodes: 10,
    });
    // 25 edges end on a page boundary: the look-ahead reads the next page.
    expect(estimate(`{ ${packagesOf(", first: 25")} }`).awsCalls).toBe(2);
    expect(estimate(`{ ${packagesOf(", first: 100")} }`).awsCalls).toBe(5);
    // HealthImaging pages hold 50.
    expect(
      estimate(
        `{ imageSetVersions(datastoreId: "a", imageSetId: "b", first: 100) { edges { node { versionId } } } }`,
      ).awsCalls,
    ).toBe(3);
  });

  it("uses DEFAULT_PAGE_SIZE when first is absent, and one more page after a cursor", () => {
    expect(estimate(`{ ${packagesOf("")} }`)).toMatchObject({ awsCalls: 2, resultNodes: 25 });
    expect(estimate(`{ ${packagesOf(', first: 10, after: "c"')} }`).awsCalls).toBe(2);
  });

  it("resolves variables, and their defaults", () => {
    const query = `query($n: Int = 50) { ${packagesOf(", first: $n")} }`;
    expect(estimate(query).resultNodes).toBe(50);
    expect(estimate(query, { n: 5 }).resultNodes).toBe(5);
  });

  it("multiplies nested connections by the parents they run under, and names the heaviest path", () => {
    const query = `{ ${packagesOf(
      ", first: 10",
      "edges { node { imageBuildVersion { packages(first: 30) { edges { node { packageName } } } } } }",
    )} }`;
    expect(estimate(query)).toEqual({
      awsCalls: 1 + 10 * 2,
      resultNodes: 10 + 10 * 30,
      heaviest: { path: "imagePackages.edges.node.imageBuildVersion.packages", nodes: 300 },
    });
  });

  it("counts fields in fragments and inline fragments, once per response key", () => {
    const query = `
      query Q { ...Root imagePackages(imageBuildVersionArn: "${ARN}", first: 10) { ...Edges } }
      fragment Root on Query { imagePackages(imageBuildVersionArn: "${ARN}", first: 10) { pageInfo { hasNextPage } } }
      fragment Edges on ImagePackageConnection { edges { node { ... on ImagePackage { imageBuildVersion { ...Packages } } } } }
      fragment Packages on ImageBuildVersion { packages(first: 4) { edges { cursor } } }`;
    expect(estimate(query)).toMatchObject({ awsCalls: 1 + 10, resultNodes: 10 + 40 });
  });

  it("sums every type's fragments under an abstract field, per ID of nodes(ids:)", () => {
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) {
      ... on ImageBuildVersion { packages(first: 5) { edges { cursor } } }
      ... on ImageSet { versions(first: 60) { edges { cursor } } }
    } }`;
    // 3 look-ups, and under each of the 3 objects one page of packages and two of versions.
    expect(estimate(query, { ids: ["a", "b", "c"] })).toMatchObject({
      awsCalls: 3 + 3 * (1 + 2),
      resultNodes: 3 + 3 * (5 + 60),
    });
  });

  it("batches look-ups of the same field across the document", () => {
    const names = Array.from(
      { length: 26 },
      (_, index) => `i${index}: appStreamImage(name: "n${index}") { name }`,
    );
    expect(estimate(`{ ${names.join(" ")} }`).awsCalls).toBe(2);
    // 20 images' base images: one DescribeImages of 20 ARNs, besides the list itself.
    expect(
      estimate(`{ appStreamImages(first: 20) { edges { node { baseImage { name } } } } }`).awsCalls,
    ).toBe(2);
  });

  it("costs a mutation one call, plus what its payload reads", () => {
    expect(
      estimate(
        `mutation { a: startImagePipelineExecution(input: { imagePipelineArn: "p" }) { clientToken } b: startImagePipelineExecution(input: { imagePipelineArn: "p" }) { imageBuildVersion { packages(first: 5) { edges { cursor } } } } }`,
      ).awsCalls,
    ).toBe(3);
  });

  it("leaves out fields skipped by @skip and @include", () => {
    const query = `query($big: Boolean!) {
      ${packagesOf(", first: 10")}
      big: imagePackages(imageBuildVersionArn: "${ARN}", first: 100) @include(if: $big) { edges { cursor } }
      small: imagePackages(imageBuildVersionArn: "${ARN}", first: 1) @skip(if: $big) { edges { cursor } }
    }`;
    expect(estimate(query, { big: false }).awsCalls).toBe(2);
    expect(estimate(query, { big: true }).awsCalls).toBe(6);
  });

  it("estimates the operation named, and costs nothing for introspection", () => {
    const document = `query A { ${packagesOf(", first: 10")} } query B { __schema { types { name } } }`;
    expect(estimate(document, undefined, "A").awsCalls).toBe(1);
    expect(estimate(document, undefined, "B")).toEqual({ awsCalls: 0, resultNodes: 0 });
  });

  it("gives up on a walk too large to finish, as too expensive", () => {
    // Each fragment selects the next twice: 2^20 paths from a document of 21 lines.
    const twice = (next: string) =>
      ["a", "b"]
        .map(
          (alias) =>
            `${alias}: packages(first: 1) { edges { node { imageBuildVersion { ...${next} } } } }`,
        )
        .join(" ");
    const fragments = Array.from(
      { length: 20 },
      (_, level) => `fragment F${level} on ImageBuildVersion { ${twice(`F${level + 1}`)} }`,
    );
    const query = `{ imageBuildVersion(arn: "${ARN}") { ...F0 } }
      ${fragments.join("\n")}
      fragment F20 on ImageBuildVersion { name }`;
    expect(estimate(query).awsCalls).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("every field that calls AWS declares its cost", () => {
  it.each([
    ["plain", plainSchema],
    ["subgraph", subgraphSchema],
  ] as Array<[string, GraphQLSchema]>)("in the %s schema", (_, schema) => {
    const connections: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        const cost = declaredCost(type.name, field);
        if (isConnectionType(getNamedType(field.type))) {
          connections.push(coordinate);
          // A connection field without its page cap would be costed as one call per edge.
          expect(cost, coordinate).toMatchObject({ kind: "connection" });
          expect(cost?.kind === "connection" && cost.pageCap > 0, coordinate).toBe(true);
        }
        if (type === schema.getQueryType()) {
          // A new root field must say what it costs, even when that is nothing.
          expect(cost, `${coordinate} declares no AWS cost`).toBeDefined();
        }
      }
    }
    expect(connections).toContain("ImageBuildVersion.packages");
    expect(connections).toContain("Query.appStreamImages");
  });
});
