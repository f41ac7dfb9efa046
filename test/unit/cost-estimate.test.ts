import { encodeGlobalID } from "@pothos/plugin-relay";
import {
  type FieldNode,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type GraphQLUnionType,
  getNamedType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  visit,
} from "graphql";
import { describe, expect, it } from "vitest";
import { createRequestLoaders } from "../../src/context.js";
import { type CostEstimate, estimateCost, sumEstimates } from "../../src/cost/estimate.js";
import { declaredCost, isConnectionType, refetchCost } from "../../src/cost/fields.js";
import type { CostLimits } from "../../src/cost/limits.js";
import { costErrors } from "../../src/cost/plugin.js";
import { selectsHasNextPage } from "../../src/graph/connections.js";
import { CursorCodec } from "../../src/graph/cursor.js";
import { plainSchema, subgraphSchema } from "../../src/graph/schema.js";

const PAGING = { defaultPageSize: 25, maxPageSize: 100, maxPagesPerWalk: 100 };
const LIMITS: CostLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxTokens: 1000,
  maxDirectives: 50,
  maxResultNodes: 10_000,
  maxAwsCallsPerRequest: 200,
};
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
    expect(estimate(query)).toMatchObject({
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

  it("costs each ID of nodes(ids:) by its type, with the fragments on that type", () => {
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) {
      ... on ImageBuildVersion { packages(first: 5) { edges { cursor } } }
      ... on ImageSet { versions(first: 60) { edges { cursor } } }
    } }`;
    const builds = [1, 2, 3].map((n) => encodeGlobalID("ImageBuildVersion", `${ARN}${n}`));
    const imageSet = encodeGlobalID("ImageSet", '["us-east-1","a","b"]');
    // 4 look-ups; one page of packages under each build, two of versions under the image set.
    expect(estimate(query, { ids: [...builds, imageSet] })).toMatchObject({
      awsCalls: 4 + 3 * 1 + 1 * 2,
      resultNodes: 4 + 3 * 5 + 1 * 60,
    });
    // A data store is found by reading every page of the region's data stores, at worst.
    const datastore = encodeGlobalID("Datastore", '["us-east-1","a"]');
    expect(estimate(query, { ids: [datastore] }).awsCalls).toBe(PAGING.maxPagesPerWalk);
    // Malformed IDs are refused before any call.
    expect(estimate(query, { ids: ["a", "b"] }).awsCalls).toBe(0);
  });

  it("counts batched look-ups at their worst: every key unknown, each batch halved to single keys", () => {
    const names = (count: number) =>
      Array.from(
        { length: count },
        (_, index) => `i${index}: appStreamImage(name: "n${index}") { name }`,
      ).join(" ");
    // Batches of 25 and 5 unknown names: 2 × 25 - 1 and 2 × 5 - 1 calls.
    expect(estimate(`{ ${names(30)} }`).awsCalls).toBe(49 + 9);
    expect(estimate(`{ ${names(1)} }`).awsCalls).toBe(1);
    // 20 images' base images share the batch: 2 × 20 - 1, besides the list itself.
    expect(
      estimate(`{ appStreamImages(first: 20) { edges { node { baseImage { name } } } } }`).awsCalls,
    ).toBe(1 + 39);
  });

  it("counts a detail read on demand once per object, unless the list that found it brought it", () => {
    // One GetImageSet per image set for its latest version, besides the two searches.
    expect(
      estimate(
        `{ datastores(first: 1) { edges { node { imageSets(first: 100) { edges { node { latestVersion { versionId } } } } } } } }`,
      ).awsCalls,
    ).toBeGreaterThanOrEqual(103);
    // The search brought createdAt: no GetImageSet.
    expect(
      estimate(
        `{ datastores(first: 1) { edges { node { imageSets(first: 10) { edges { node { createdAt updatedAt } } } } } } }`,
      ).awsCalls,
    ).toBe(1 + 1);
    // Builds refetched by ID have no summary: one GetImage each, however many of its fields.
    const ids = [1, 2, 3, 4, 5].map((n) => encodeGlobalID("ImageBuildVersion", `${ARN}${n}`));
    expect(
      estimate(
        `query($ids: [ID!]!) { nodes(ids: $ids) { ... on ImageBuildVersion { buildState { status } osVersion pipeline { arn } } } }`,
        { ids },
      ).awsCalls,
    ).toBe(5 + 5);
    // ...and their pipelines' descriptions are read with GetImagePipeline.
    expect(
      estimate(
        `query($ids: [ID!]!) { nodes(ids: $ids) { ... on ImageBuildVersion { buildState { status } pipeline { name } } } }`,
        { ids },
      ).awsCalls,
    ).toBe(5 + 5 + 5);
    // Builds listed by their pipeline carry their summary and their pipeline.
    expect(
      estimate(
        `{ imagePipelines(first: 1) { edges { node { name builds(first: 10) { edges { node { buildState { status } pipeline { name } } } } } } } }`,
      ).awsCalls,
    ).toBe(1 + 1 + 10);
  });

  it("reads GetImage and GetImagePipeline members as details: once per object, free when a list brought them", () => {
    // A pipeline's build list brings the summary and the pipeline, not the rest of GetImage.
    const listed = (selection: string) =>
      estimate(
        `{ imagePipelines(first: 1) { edges { node { builds(first: 10) { edges { node { ${selection} } } } } } } }`,
      ).awsCalls;
    expect(listed("buildState { status } osVersion sourcePipelineArn")).toBe(1 + 1);
    expect(
      listed(
        "buildState { status } outputResources { amis { image } } tags { key } scanState { status }",
      ),
    ).toBe(1 + 1 + 10);
    // A build found by ARN: one GetImage for summary members and the rest together.
    expect(
      estimate(
        `{ imageBuildVersion(arn: "${ARN}") { buildState { status } sourcePipelineName imageRecipe { arn } executionRole } }`,
      ).awsCalls,
    ).toBe(1 + 1);
    // ListImagePipelines and GetImagePipeline bring every pipeline member.
    expect(
      estimate(
        `{ imagePipelines(first: 5) { edges { node { name tags { key } imageTags { key } workflows { workflowArn } dateLastRun executionRole } } } }`,
      ).awsCalls,
    ).toBe(1);
    const pipeline = encodeGlobalID(
      "ImagePipeline",
      "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server",
    );
    expect(
      estimate(
        `{ node(id: "${pipeline}") { ... on ImagePipeline { tags { key } imageTestsConfiguration { imageTestsEnabled } } } }`,
      ).awsCalls,
    ).toBe(1);
    // A build's pipeline reached through the build: one GetImagePipeline for all its members.
    expect(
      estimate(
        `{ imageBuildVersion(arn: "${ARN}") { pipeline { name tags { key } executionRole } } }`,
      ).awsCalls,
    ).toBe(1 + 1 + 1);
  });

  it("costs cancelImageCreation one call, plus what its payload reads", () => {
    expect(
      estimate(
        `mutation { cancelImageCreation(input: { imageBuildVersionArn: "${ARN}" }) { clientToken imageBuildVersion { outputResources { amis { image } } tags { key } } } }`,
      ).awsCalls,
    ).toBe(1 + 1);
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

  it("adds up the estimates of a batch's operations", () => {
    const one = estimate(`{ ${packagesOf(", first: 10")} }`);
    const two = estimate(`{ ${packagesOf(", first: 100")} }`);
    expect(sumEstimates([one, two])).toMatchObject({
      awsCalls: 1 + 5,
      resultNodes: 10 + 100,
      heaviest: { path: "imagePackages", nodes: 100 },
    });
  });

  it("estimates the operation named, and costs nothing for introspection", () => {
    const document = `query A { ${packagesOf(", first: 10")} } query B { __schema { types { name } } }`;
    expect(estimate(document, undefined, "A").awsCalls).toBe(1);
    expect(estimate(document, undefined, "B")).toMatchObject({ awsCalls: 0, resultNodes: 0 });
  });
});

/** Selections in a document (fields, inline fragments, spreads): the size its analysis follows. */
function selectionCount(query: string): number {
  let count = 0;
  visit(parse(query), {
    Field: () => void count++,
    InlineFragment: () => void count++,
    FragmentSpread: () => void count++,
  });
  return count;
}

/** `levels` fragments, each spreading the one below `width` times; `leaf` at the bottom. */
function fanOut(
  levels: number,
  width: number,
  on: string,
  leaf: string,
  spread = (s: string) => s,
) {
  const fragments = [`fragment F0 on ${on} { ${leaf} }`];
  for (let level = 1; level <= levels; level++) {
    const body = Array.from({ length: width }, (_, index) =>
      spread(`...F${level - 1}`).replaceAll("$i", String(index)),
    ).join(" ");
    fragments.push(`fragment F${level} on ${on} { ${body} }`);
  }
  return fragments.join("\n");
}

describe("the analysis follows the document's size, whatever its fragments do", () => {
  /** Steps per selection the analysis may take: a small constant. */
  const STEPS_PER_SELECTION = 4;

  function expectLinear(query: string, variables?: Record<string, unknown>) {
    const result = estimate(query, variables);
    expect(result.tooComplex).toBeUndefined();
    expect(result.steps).toBeGreaterThan(0);
    expect(result.steps).toBeLessThanOrEqual(STEPS_PER_SELECTION * selectionCount(query) + 10);
    return result;
  }

  it("a 22-level chain of fragments each spreading the one below twice", () => {
    const query = `query { ...F22 }\n${fanOut(22, 2, "Query", "__typename")}`;
    expect(expectLinear(query)).toMatchObject({ awsCalls: 0, resultNodes: 0 });
    // The same with a list at the bottom: it is fetched once, as GraphQL merges the spreads.
    const listed = `query { ...F22 }\n${fanOut(22, 2, "Query", packagesOf(", first: 10"))}`;
    expect(expectLinear(listed)).toMatchObject({ awsCalls: 1, resultNodes: 10 });
  });

  it("a ten-wide tree of fragments seven levels deep", () => {
    const query = `query { ...F7 }\n${fanOut(7, 10, "Query", packagesOf(", first: 10"))}`;
    expect(expectLinear(query)).toMatchObject({ awsCalls: 1, resultNodes: 10 });
  });

  it("fragments inside inline fragments", () => {
    const query = `query { ...F22 }\n${fanOut(22, 2, "Query", "__typename", (s) => `... on Query { ${s} }`)}`;
    expectLinear(query);
    const nested = `query($ids: [ID!]!) { nodes(ids: $ids) { ...F20 } }\n${fanOut(
      20,
      3,
      "Node",
      "id ... on ImageBuildVersion { buildState { status } }",
      (s) => `... on Node { ${s} }`,
    )}`;
    const ids = [1, 2].map((n) => encodeGlobalID("ImageBuildVersion", `${ARN}${n}`));
    expect(expectLinear(nested, { ids })).toMatchObject({ awsCalls: 2 + 2 });
  });

  it("aliases inside fragments, each a field of its own in the response", () => {
    // Every level doubles the paths to the bottom: 2^20 connections of one package each.
    const query = `{ imageBuildVersion(arn: "${ARN}") { ...F20 } }\n${fanOut(
      20,
      2,
      "ImageBuildVersion",
      "name",
      (s) => `a$i: packages(first: 1) { edges { node { imageBuildVersion { ${s} } } } }`,
    )}`;
    const result = expectLinear(query);
    // Counted in full, so the limits refuse it: 2^21 - 2 connections, each one call.
    expect(result.awsCalls).toBe(1 + 2 ** 21 - 2);
    expect(result.resultNodes).toBe(2 ** 21 - 2);
  });

  it("many fields that each select one large fragment", () => {
    const names = Array.from({ length: 200 }, (_, index) => `n${index}: name`).join(" ");
    const lookUps = Array.from(
      { length: 200 },
      (_, index) => `b${index}: imageBuildVersion(arn: "${ARN}") { ...Big }`,
    ).join(" ");
    const query = `{ ${lookUps} }\nfragment Big on ImageBuildVersion { ${names} }`;
    expect(expectLinear(query).awsCalls).toBe(200);
  });

  it("refuses a document past its step bound as too complex", () => {
    const query = `query { ...F22 }\n${fanOut(22, 2, "Query", "__typename")}`;
    const result = estimateCost({
      schema: subgraphSchema,
      document: parse(query),
      paging: PAGING,
      maxSteps: 20,
    });
    expect(result.tooComplex).toEqual({ maxSteps: 20 });
    expect(result.steps).toBe(21);
    const [error] = costErrors(result, LIMITS);
    expect(error?.extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(error?.message).toMatch(/fragments fan out/);
  });

  it("finds pageInfo { hasNextPage } behind doubling fragments without walking every path", () => {
    const fragments = fanOut(22, 2, "ImagePackageConnection", "edges { cursor }");
    const document = parse(`{ ${packagesOf("", "...F22")} }\n${fragments}`);
    const fieldNodes = (document.definitions[0] as OperationDefinitionNode).selectionSet
      .selections as FieldNode[];
    const fragmentMap = Object.fromEntries(
      document.definitions.flatMap((definition) =>
        definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
      ),
    );
    const info = { fieldNodes, fragments: fragmentMap } as unknown as GraphQLResolveInfo;
    expect(selectsHasNextPage(info)).toBe(false);
  });
});

describe("every field that calls AWS declares its cost", () => {
  it.each([
    ["plain", plainSchema],
    ["subgraph", subgraphSchema],
  ] as Array<[string, GraphQLSchema]>)("in the %s schema", async (_, schema) => {
    const connections: string[] = [];
    const calling: string[] = [];
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
          continue;
        }
        // Any other field that reaches AWS, from an object however it was found, must say how.
        const operations = await awsCallsOf(schema, type, field);
        if (operations.length === 0) continue;
        calling.push(coordinate);
        expect(
          cost?.kind !== undefined && cost.kind !== "free",
          `${coordinate} can call ${operations.join(", ")} but declares no AWS cost`,
        ).toBe(true);
      }
    }
    expect(connections).toContain("ImageBuildVersion.packages");
    expect(connections).toContain("Query.appStreamImages");
    // The probe finds what it should: one field of each kind of detail and look-up.
    expect(calling).toEqual(
      expect.arrayContaining([
        "ImageBuildVersion.buildState",
        "ImageBuildVersion.pipeline",
        "ImagePipeline.name",
        "ImageSet.latestVersion",
        "ImageSet.createdAt",
        "Datastore.datastoreName",
        "WorkflowExecution.executionStatus",
        "WorkflowExecution.imageBuildVersion",
        "AppStreamImage.baseImage",
        "ImageBuildVersion.packages",
        "ImageBuildVersion.outputResources",
        "ImageBuildVersion.sourcePipelineArn",
        "ImageBuildVersion.packageChanges",
        "ImagePipeline.tags",
        "ImagePipeline.pipelineLoggingConfiguration",
        "Subscription.imageBuildProgress",
      ]),
    );
    expect(calling).not.toContain("ImageBuildVersion.arn");
    expect(calling).not.toContain("ImageSet.dicomTags");
  });

  it("every type node(id:) and _entities can return says what refetching one costs", () => {
    const nodeTypes = subgraphSchema.getPossibleTypes(
      subgraphSchema.getType("Node") as GraphQLInterfaceType,
    );
    const entityTypes = subgraphSchema.getPossibleTypes(
      subgraphSchema.getType("_Entity") as GraphQLUnionType,
    );
    for (const type of [...nodeTypes, ...entityTypes]) {
      expect(refetchCost(type.name), type.name).toBeDefined();
    }
  });
});

/**
 * The AWS operations resolving `field` tries, on a parent that carries nothing (every detail must
 * be read) and on one where every member is set (every link is followed), through the real
 * loaders in front of an AWS that records each call and fails it.
 */
async function awsCallsOf(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
): Promise<string[]> {
  const operations = new Set<string>();
  const aws = {
    callsMade: 0,
    call: async (description: { operation: string }) => {
      operations.add(description.operation);
      throw new Error("no AWS in this test");
    },
  };
  const recorder = (name: string): object =>
    new Proxy(() => undefined, {
      get: () => {
        operations.add(name);
        return recorder(name);
      },
      apply: () => {
        operations.add(name);
        throw new Error("no AWS in this test");
      },
    });
  const universal = "arn:aws:appstream:us-east-1:123456789012:image/probe";
  const BUILD_ARN = "arn:aws:imagebuilder:us-east-1:123456789012:image/probe/1.0.0/1";
  const parents = [
    new Proxy({}, { get: () => undefined }),
    new Proxy({}, { get: (_, key) => (key === "then" ? undefined : universal) }),
  ];
  for (const parent of parents) {
    const context = {
      caller: { id: "probe", permissions: new Set(["read", "execute"]) },
      auth: { scopeNames: { read: "read", execute: "execute" } },
      aws,
      loaders: createRequestLoaders(aws, "batched", 3),
      gate: recorder("AwsCallGate"),
      clients: { defaultRegion: "us-east-1", accounts: { list: [], named: () => undefined } },
      paging: PAGING,
      cursors: CursorCodec.ephemeral(10_000),
      buildProgressPolling: {},
      loaderMode: "batched",
    };
    const info = {
      fieldName: field.name,
      fieldNodes: [],
      returnType: field.type,
      parentType: type,
      path: { prev: undefined, key: field.name, typename: type.name },
      schema,
      fragments: {},
      rootValue: undefined,
      operation: {
        kind: Kind.OPERATION_DEFINITION,
        operation: "query",
        selectionSet: { kind: Kind.SELECTION_SET, selections: [] },
      },
      variableValues: {},
    } as unknown as GraphQLResolveInfo;
    // Required arguments get an ARN of each kind in turn, to pass their validation.
    const argumentSets = [universal, BUILD_ARN].map((value) =>
      Object.fromEntries(
        field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => [arg.name, value]),
      ),
    );
    for (const [run, args] of [field.subscribe, field.resolve].flatMap((run) =>
      argumentSets.map((args) => [run, args] as const),
    )) {
      if (!run) continue;
      try {
        const result = await Promise.race([
          Promise.resolve(run(parent, args, context, info)),
          new Promise((resolve) => setTimeout(resolve, 200)),
        ]);
        // A subscription's stream starts polling when it is first read.
        if (result && typeof result === "object" && Symbol.asyncIterator in result) {
          const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
          await Promise.race([iterator.next(), new Promise((resolve) => setTimeout(resolve, 200))]);
          await iterator.return?.();
        }
      } catch {
        // A failed AWS call, or a parent the resolver cannot use: what it tried is recorded.
      }
    }
  }
  return [...operations];
}
