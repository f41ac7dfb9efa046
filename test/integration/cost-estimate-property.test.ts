import { encodeGlobalID } from "@pothos/plugin-relay";
import fc from "fast-check";
import {
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isLeafType,
  isNonNullType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isConnectionType } from "../../src/cost/fields.js";
import { subgraphSchema } from "../../src/graph/schema.js";
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
import { type GraphQLResponse, startTestGateway, type TestGateway } from "../helpers/gateway.js";

// A fixture that makes documents call as much as they can: lists longer than a page (often
// ending on a page boundary), builds reached by ARN without their summary, data stores past the
// first page of ListDatastores, AppStream images whose base image AWS does not know.
const REGION = "us-east-1";
const BUILDS = Array.from({ length: 30 }, (_, index) => imageArn("fleet", "1.0.0", index + 1));
const BIG = imageArn("big", "1.0.0", 1);
const WORKFLOWS = [1, 2, 3].map(workflowExecutionId);
const DATASTORES = Array.from({ length: 55 }, (_, index) => storeId(index + 1));
const STORE = DATASTORES.at(-1) as string;
const IMAGE_SETS = Array.from({ length: 51 }, (_, index) => storeId(1000 + index));
const BASES = appStreamImages(5, REGION, "Base");
const DERIVED = Array.from({ length: 26 }, (_, index) => ({
  ...appStreamImages(26, REGION, "Derived")[index],
  // Some base images are not visible to the account: their batch is halved around them.
  BaseImageArn:
    index % 3 === 0
      ? `arn:aws:appstream:${REGION}::image/Missing-${index}`
      : BASES[index % BASES.length]?.Arn,
}));

const data = () =>
  fixture({
    imageBuilder: {
      images: [
        { arn: BIG, packages: packages(50) },
        ...BUILDS.map((arn, index) => ({ arn, packages: packages(index % 2 === 0 ? 25 : 3) })),
      ],
      pipelines: [
        { arn: pipelineArn("fleet"), imageName: "fleet", semanticVersion: "1.0.0" },
        ...Array.from({ length: 25 }, (_, index) => ({
          arn: pipelineArn(`empty-${index}`),
          imageName: `empty-${index}`,
          semanticVersion: "1.0.0",
        })),
      ],
      workflowExecutions: WORKFLOWS.map((id, index) =>
        workflowExecution(
          id,
          index === 2 ? (BUILDS[0] as string) : BIG,
          steps(index === 0 ? 25 : 3),
        ),
      ),
    },
    medicalImaging: {
      datastores: DATASTORES.map((datastoreId) => ({
        datastoreId,
        region: REGION,
        imageSets:
          datastoreId === STORE
            ? IMAGE_SETS.map((imageSetId, index) => ({
                imageSetId,
                versions: imageSetVersions(index === 0 ? 50 : 2),
              }))
            : [],
      })),
    },
    appStream: { images: [...BASES, ...DERIVED] },
  });

const compositeId = (...parts: string[]) => JSON.stringify(parts);
const UNKNOWN_BUILD = imageArn("unknown", "9.9.9", 9);
const UNKNOWN_STORE = storeId(99_999);

/** Global IDs of objects that exist, and of some that do not (their look-ups walk every page). */
const NODE_IDS = [
  encodeGlobalID("ImageBuildVersion", BIG),
  encodeGlobalID("ImageBuildVersion", BUILDS[1] as string),
  encodeGlobalID("ImageBuildVersion", UNKNOWN_BUILD),
  encodeGlobalID("ImagePipeline", pipelineArn("fleet")),
  encodeGlobalID("ImagePackage", compositeId(BIG, "pkg-049", "1.49.0")),
  encodeGlobalID("ImagePackage", compositeId(BIG, "nothing", "0")),
  encodeGlobalID("WorkflowExecution", compositeId(REGION, WORKFLOWS[0] as string)),
  encodeGlobalID("WorkflowExecution", compositeId(REGION, WORKFLOWS[2] as string)),
  encodeGlobalID("Datastore", compositeId(REGION, STORE)),
  encodeGlobalID("Datastore", compositeId(REGION, UNKNOWN_STORE)),
  encodeGlobalID("ImageSet", compositeId(REGION, STORE, IMAGE_SETS[0] as string)),
  encodeGlobalID("ImageSetVersion", compositeId(REGION, STORE, IMAGE_SETS[0] as string, "1")),
  encodeGlobalID("AppStreamImage", DERIVED[1]?.Arn as string),
  encodeGlobalID("AppStreamImage", `arn:aws:appstream:${REGION}::image/Nowhere`),
];

const REPRESENTATIONS = [
  { __typename: "ImageBuildVersion", arn: BUILDS[2] },
  { __typename: "ImagePipeline", arn: pipelineArn("fleet") },
  { __typename: "Datastore", datastoreId: UNKNOWN_STORE, region: REGION },
  { __typename: "ImageSet", datastoreId: STORE, imageSetId: IMAGE_SETS[1], region: REGION },
  { __typename: "AppStreamImage", arn: DERIVED[0]?.Arn },
  { __typename: "WorkflowExecution", workflowExecutionId: WORKFLOWS[1], region: REGION },
];

const APPSTREAM_NAMES = [BASES[0]?.Name, DERIVED[3]?.Name, "Unknown-1", "Unknown-2"] as string[];
const PAGE_SIZES = [0, 1, 2, 3, 20, 25, 26, 50, 51];
/** Values of optional arguments that change what a field calls, given half the time. */
const OPTIONAL_ARGUMENTS: Record<string, readonly unknown[]> = {
  comparedTo: [BIG, BUILDS[0], BUILDS[7], UNKNOWN_BUILD],
};

/** Writes one document: its operation, fragments and variables, drawn from `g`. */
class DocumentWriter {
  readonly fragments: string[] = [];
  readonly variableDefinitions: string[] = [];
  readonly variables: Record<string, unknown> = {};
  private names = 0;

  constructor(private readonly g: fc.GeneratorValue) {}

  private pick<T>(values: readonly T[]): T {
    return this.g(fc.constantFrom, ...values);
  }

  private chance(percent: number): boolean {
    return this.g(fc.integer, { min: 1, max: 100 }) <= percent;
  }

  private name(prefix: string): string {
    this.names += 1;
    return `${prefix}${this.names}`;
  }

  /** A value in the document, or the same through a variable. */
  value(type: string, value: unknown): string {
    if (!this.chance(30)) return JSON.stringify(value).replace(/"(\w+)":/g, "$1:");
    const name = this.name("v");
    this.variableDefinitions.push(`$${name}: ${type}`);
    this.variables[name] = value;
    return `$${name}`;
  }

  /** A selection on `type`, sometimes through a named or an inline fragment. */
  selection(type: GraphQLCompositeType, depth: number): string {
    const body = this.fields(type, depth);
    if (this.chance(20)) {
      const name = this.name("F");
      this.fragments.push(`fragment ${name} on ${type.name} { ${body} }`);
      // Spread twice now and then: GraphQL merges it.
      return this.chance(30) ? `...${name} ...${name}` : `...${name}`;
    }
    if (this.chance(15)) return `... on ${type.name} { ${body} }`;
    return body;
  }

  private fields(type: GraphQLCompositeType, depth: number): string {
    if (isAbstractType(type)) {
      const possible = subgraphSchema.getPossibleTypes(type).map((each) => each.name);
      const chosen = this.g(fc.subarray, possible, {
        minLength: 1,
        maxLength: Math.min(3, possible.length),
      });
      return [
        "__typename",
        ...chosen.map(
          (name) =>
            `... on ${name} { ${this.selection(subgraphSchema.getType(name) as GraphQLCompositeType, depth)} }`,
        ),
      ].join(" ");
    }
    const fields = type.getFields();
    const usable = Object.values(fields).filter(
      (field) => !field.args.some((arg) => isNonNullType(arg.type)),
    );
    // A few scalars, and (while depth allows) up to three links, lists or details to follow.
    const leaves = usable.filter((field) => isLeafType(getNamedType(field.type)));
    const links = depth > 0 ? usable.filter((field) => !leaves.includes(field)) : [];
    const some = (from: typeof usable, most: number, least: number) =>
      from.length === 0
        ? []
        : this.g(
            fc.subarray,
            from.map((field) => field.name),
            { minLength: Math.min(least, from.length), maxLength: Math.min(most, from.length) },
          );
    const chosen = [...some(leaves, 2, links.length ? 0 : 1), ...some(links, 3, 1)].map(
      (name) => fields[name] as GraphQLField<unknown, unknown>,
    );
    if (chosen.length === 0) return "__typename";
    return chosen
      .flatMap((field) => {
        const copies = this.chance(15) ? 2 : 1;
        return Array.from({ length: copies }, (_, copy) => this.field(field, depth, copy > 0));
      })
      .join(" ");
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number, aliased: boolean): string {
    const named = getNamedType(field.type);
    const alias = aliased || this.chance(10) ? `${this.name("a")}: ` : "";
    if (isLeafType(named)) return `${alias}${field.name}`;
    if (!isCompositeType(named) || depth <= 0) return `${alias}__typename`;
    if (isConnectionType(named))
      return `${alias}${field.name}${this.connection(named as GraphQLObjectType, depth)}`;
    return `${alias}${field.name}${this.optionalArguments(field)} { ${this.selection(named, depth - 1)} }`;
  }

  private optionalArguments(field: GraphQLField<unknown, unknown>): string {
    const given = field.args.flatMap((arg) => {
      const values = OPTIONAL_ARGUMENTS[arg.name];
      if (!values || !this.chance(50)) return [];
      return [`${arg.name}: ${this.value(String(arg.type), this.pick(values))}`];
    });
    return given.length ? `(${given.join(", ")})` : "";
  }

  /** A connection's `first` (or none) and selection: edges and nodes, sometimes pageInfo. */
  connection(type: GraphQLObjectType, depth: number, args: string[] = []): string {
    if (this.chance(85)) args.push(`first: ${this.value("Int", this.pick(PAGE_SIZES))}`);
    const first = args.length ? `(${args.join(", ")})` : "";
    const edge = getNamedType(type.getFields().edges?.type ?? type) as GraphQLObjectType;
    const nodeType = getNamedType(edge.getFields().node?.type ?? edge) as GraphQLCompositeType;
    const parts = [`edges { cursor node { ${this.selection(nodeType, depth - 1)} } }`];
    if (this.chance(50)) parts.push("pageInfo { hasNextPage endCursor }");
    return `${first} { ${parts.join(" ")} }`;
  }

  root(depth: number): string {
    const type = (name: string) => subgraphSchema.getType(name) as GraphQLObjectType;
    const connection = (name: string) => this.connection(type(name), depth);
    const object = (name: string) => `{ ${this.selection(type(name), depth - 1)} }`;
    const roots: Array<() => string> = [
      () => `imagePipelines${connection("ImagePipelineConnection")}`,
      () =>
        `imagePackages${this.connection(type("ImagePackageConnection"), depth, [
          `imageBuildVersionArn: ${this.value("String!", this.pick([BIG, BUILDS[0], UNKNOWN_BUILD]))}`,
        ])}`,
      () =>
        `imageBuildVersion(arn: ${this.value("String!", this.pick([BIG, BUILDS[3], UNKNOWN_BUILD]))}) ${object("ImageBuildVersion")}`,
      () =>
        `workflowExecution(workflowExecutionId: ${this.value("String!", this.pick(WORKFLOWS))}) ${object("WorkflowExecution")}`,
      () => `datastores${connection("DatastoreConnection")}`,
      () =>
        `imageSet(datastoreId: "${STORE}", imageSetId: ${this.value("String!", this.pick(IMAGE_SETS.slice(0, 3)))}) ${object("ImageSet")}`,
      () => `appStreamImages${connection("AppStreamImageConnection")}`,
      () =>
        `appStreamImage(name: ${this.value("String", this.pick(APPSTREAM_NAMES))}) ${object("AppStreamImage")}`,
      () => `node(id: ${this.value("ID!", this.pick(NODE_IDS))}) ${object("Node")}`,
      () =>
        `nodes(ids: ${this.value("[ID!]!", this.g(fc.subarray, NODE_IDS, { minLength: 1, maxLength: 6 }))}) ${object("Node")}`,
      () =>
        `_entities(representations: ${this.value("[_Any!]!", this.g(fc.subarray, REPRESENTATIONS, { minLength: 1, maxLength: 4 }))}) { ${this.selection(subgraphSchema.getType("_Entity") as GraphQLCompositeType, depth - 1)} }`,
    ];
    const count = this.g(fc.integer, { min: 1, max: 4 });
    return Array.from({ length: count }, () => `${this.name("r")}: ${this.pick(roots)()}`).join(
      " ",
    );
  }

  document(depth: number): { query: string; variables: Record<string, unknown> } {
    const root = this.root(depth);
    const definitions = this.variableDefinitions.length
      ? `(${this.variableDefinitions.join(", ")})`
      : "";
    return {
      query: `query Generated${definitions} { ${root} }\n${this.fragments.join("\n")}`,
      variables: this.variables,
    };
  }
}

/** A valid document over the whole schema, up to three objects deep below the root. */
const documents = fc
  .gen()
  .map((g) => new DocumentWriter(g).document(g(fc.integer, { min: 1, max: 3 })));

describe("the cost estimate is never below the AWS calls made", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      fixture: data(),
      env: {
        // Room for what the generator writes: the estimate is what is checked, not the limits.
        MAX_AWS_CALLS_PER_REQUEST: "3000",
        MAX_RESULT_NODES: "1000000",
        MAX_ALIASES: "1000",
        MAX_TOKENS: "100000",
        MAX_QUERY_DEPTH: "100",
        MAX_DIRECTIVES: "1000",
        AWS_MAX_PAGES_PER_WALK: "4",
        REQUEST_TIMEOUT_MS: "60000",
      },
    });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it("for generated documents: connections, look-ups, details, package changes, node/nodes/_entities, fragments, aliases, variables", async () => {
    const seen = { documents: 0, answered: 0, refused: 0, calls: 0, maxRatio: 0, loosest: "" };
    await fc.assert(
      fc.asyncProperty(documents, async ({ query, variables }) => {
        seen.documents += 1;
        const response = await gateway.post({ query, variables }, { "x-gateway-debug": "calls" });
        const body = (await response.json()) as GraphQLResponse;
        const cost = body.extensions?.cost as { estimated: number; actual: number } | undefined;
        expect(cost, JSON.stringify(body.errors)).toBeDefined();
        const { estimated, actual } = cost as { estimated: number; actual: number };
        const refused = (body.errors ?? []).some((error) =>
          ["COST_ESTIMATED_TOO_EXPENSIVE", "RESULT_TOO_LARGE"].includes(
            String(error.extensions?.code),
          ),
        );
        if (refused) {
          seen.refused += 1;
          expect(actual).toBe(0);
          return;
        }
        // Any other error must be one the document earned from AWS (an unknown name, say).
        for (const error of body.errors ?? []) {
          expect(["NOT_FOUND", "BAD_USER_INPUT", "UPSTREAM_PAGING"], error.message).toContain(
            error.extensions?.code,
          );
        }
        seen.answered += 1;
        seen.calls += actual;
        expect(actual, `${query}\n${JSON.stringify(variables)}`).toBeLessThanOrEqual(estimated);
        if (actual > 0 && estimated / actual > seen.maxRatio) {
          seen.maxRatio = estimated / actual;
          seen.loosest = `${estimated} estimated, ${actual} made: ${query} ${JSON.stringify(variables)}`;
        }
      }),
      // A failure is reported as found: shrinking would replay documents against the emulator.
      { numRuns: 120, endOnFailure: true },
    );
    console.info(
      `cost estimate property: ${seen.documents} documents, ${seen.answered} answered (${seen.calls} AWS calls), ${seen.refused} refused; largest estimated/actual ${seen.maxRatio.toFixed(2)} (${seen.loosest})`,
    );
    expect(seen.answered).toBeGreaterThan(90);
  }, 120_000);
});
