import { decodeGlobalID } from "@pothos/plugin-relay";
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLIncludeDirective,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
  visit,
} from "graphql";
import type { ServiceId } from "../aws/services.js";
import { REGION_PATTERN } from "../config.js";
import type { PagingLimits } from "../graph/connections.js";
import {
  type AwsCost,
  declaredCost,
  isConnectionType,
  isEdgeType,
  type ObjectCost,
  REFETCHED,
  refetchCost,
} from "./fields.js";

/** What a document will cost, worked out from its text and variables before it runs. */
export interface CostEstimate {
  /** AWS calls the request will make at most, as far as the document tells. */
  awsCalls: number;
  /** Objects the result can hold: nodes of connections and of sized lists such as `nodes(ids:)`. */
  resultNodes: number;
  /** The connection or list that holds the most nodes, by response path, and how many. */
  heaviest?: { path: string; nodes: number };
  /** Steps the analysis took: selections and fields visited, and reuses of a computed part. */
  steps?: number;
  /** Set when the document fans out too far to analyse within `maxSteps`: refuse it. */
  tooComplex?: { maxSteps: number };
}

export interface EstimateInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  /** The request's variables as sent; coerced here as execution would. */
  variables?: Readonly<Record<string, unknown>> | null;
  paging: PagingLimits;
  /** AWS_REGION, where fields without a region argument call; unknown, it counts as one more. */
  defaultRegion?: string;
  /** How many (account, region) partitions a merged connection's arguments name. */
  partitions?: (service: ServiceId, args: Record<string, unknown>) => number;
  /**
   * Steps the analysis may take before giving up. Each part of the document is costed once per
   * context and reused wherever fragments repeat it, so real documents take a few steps per
   * token; this only stops documents built to fan out.
   */
  maxSteps?: number;
}

export const DEFAULT_MAX_ANALYSIS_STEPS = 100_000;

/** Estimates of the operations of one HTTP request (a batch), added up. */
export function sumEstimates(estimates: readonly CostEstimate[]): CostEstimate {
  const sum: CostEstimate = { awsCalls: 0, resultNodes: 0, steps: 0 };
  for (const estimate of estimates) {
    sum.awsCalls += estimate.awsCalls;
    sum.resultNodes += estimate.resultNodes;
    sum.steps = (sum.steps ?? 0) + (estimate.steps ?? 0);
    sum.tooComplex ??= estimate.tooComplex;
    if (estimate.heaviest && (!sum.heaviest || estimate.heaviest.nodes > sum.heaviest.nodes)) {
      sum.heaviest = estimate.heaviest;
    }
  }
  return sum;
}

class TooComplex extends Error {}

/** A response path, shared between the parts that extend it. */
interface PathNode {
  key: string;
  rest?: PathNode;
}

/** What one parent object's selection costs; scaled by the number of parents where it is used. */
interface Tally {
  calls: number;
  nodes: number;
  /** Keys of batched look-ups, per batch group. */
  batches: Map<string, { keys: number; size: number }>;
  /** Walks along lists whose pages a request shares, per list. */
  sharedWalks: Map<string, number>;
  heaviest?: { path?: PathNode; nodes: number };
}

type FieldGroup = { type: GraphQLObjectType | GraphQLInterfaceType; nodes: FieldNode[] };

/**
 * The cost model, per field occurrence, for each parent object it runs under:
 * - a connection costs ceil((first + 1) / page cap) calls (the +1 is the look-ahead that makes
 *   hasNextPage exact; one more when `after` may start mid-page), and its edges hold `first`
 *   nodes; `first` is DEFAULT_PAGE_SIZE when absent; a connection merged over P (account, region)
 *   partitions costs P times the calls, its edges still hold `first` nodes;
 * - a look-up costs its declared calls per object, or its cost with an argument that spares
 *   work when that argument is given (a walk: AWS_MAX_PAGES_PER_WALK pages, or fewer when the
 *   field stops its walks sooner; walks
 *   along a list the request shares cost that once per region the request names), or a
 *   share of batched calls: n keys of one batch group cost at most 2n - ceil(n / batch size)
 *   calls, the worst case of halving failed batches; a sized look-up such as `nodes(ids:)`
 *   counts its list, each ID at its type's refetch cost;
 * - a detail read on demand costs once per object, whichever of its fields ask, unless the object
 *   came from a list that brought it;
 * - a root mutation field costs one call;
 * - anything else (fields of objects already fetched) costs nothing.
 * Fields selected twice under one response key count once, as GraphQL merges them, and a fragment
 * spread twice in one selection counts once, as GraphQL collects it once. Fragments on different
 * types of an abstract field all count (an upper bound), except under `node`, `nodes` and
 * `_entities`, whose types are known from the IDs.
 *
 * Every part of the document is costed once per context (type, where its objects came from,
 * page size) and reused, scaled by its parents, wherever fragments repeat it: the work follows
 * the document's size, not the size of the response it describes.
 */
export function estimateCost(input: EstimateInput): CostEstimate {
  const { schema, document, paging } = input;
  const operation = getOperationAST(document, input.operationName ?? undefined);
  const rootType = operation && schema.getRootType(operation.operation);
  if (!operation || !rootType) return { awsCalls: 0, resultNodes: 0, steps: 0 };
  const { coerced: variables } = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    input.variables ?? {},
  );
  // Invalid variables: execution refuses the request without calling anything.
  if (!variables) return { awsCalls: 0, resultNodes: 0, steps: 0 };

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const maxSteps = input.maxSteps ?? DEFAULT_MAX_ANALYSIS_STEPS;
  let steps = 0;
  const step = () => {
    if (++steps > maxSteps) throw new TooComplex();
  };
  const mutationType = schema.getMutationType();

  const included = (node: SelectionNode) =>
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;

  /** Whether a fragment on `condition` applies to objects of `type`, as execution decides. */
  function applies(condition: GraphQLNamedType, type: GraphQLCompositeType): boolean {
    if (condition === type || !isObjectType(type)) return true;
    return isAbstractType(condition) && schema.isSubType(condition, type);
  }

  /**
   * The fields a merged selection asks for, by the type they are selected on and response key,
   * fragments flattened. As in GraphQL's field collection, a fragment is collected at most once
   * per merged selection, however often it is spread there.
   */
  function collect(type: GraphQLCompositeType, selectionSets: readonly SelectionSetNode[]) {
    const groups = new Map<string, FieldGroup>();
    const visited = new Set<string>();
    const visit = (on: GraphQLCompositeType, selectionSet: SelectionSetNode) => {
      for (const selection of selectionSet.selections) {
        step();
        if (!included(selection)) continue;
        if (selection.kind === Kind.FIELD) {
          if (!isObjectType(on) && !isInterfaceType(on)) continue;
          const key = `${on.name}|${selection.alias?.value ?? selection.name.value}`;
          const group = groups.get(key) ?? { type: on, nodes: [] };
          group.nodes.push(selection);
          groups.set(key, group);
          continue;
        }
        let condition: GraphQLNamedType | undefined = on;
        let inner: SelectionSetNode;
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          inner = selection.selectionSet;
          if (selection.typeCondition)
            condition = schema.getType(selection.typeCondition.name.value);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || visited.has(name)) continue;
          visited.add(name);
          condition = schema.getType(fragment.typeCondition.name.value);
          inner = fragment.selectionSet;
        }
        if (!condition || !isCompositeType(condition) || !applies(condition, type)) {
          continue;
        }
        // On an abstract type each fragment's fields count on its own type; on an object type
        // a matching fragment's fields are that object's.
        visit(isObjectType(type) ? type : condition, inner);
      }
    };
    for (const selectionSet of selectionSets) visit(type, selectionSet);
    return groups;
  }

  const ids = new Map<SelectionSetNode, number>();
  const idOf = (selectionSet: SelectionSetNode) => {
    let id = ids.get(selectionSet);
    if (id === undefined) {
      id = ids.size;
      ids.set(selectionSet, id);
    }
    return id;
  };
  const memo = new Map<string, Tally>();

  /**
   * The selection set a selection made only of `...Fragment` (on the same type) stands for, so
   * every field that selects just that fragment shares one costing of it.
   */
  function canonical(type: GraphQLCompositeType, selectionSet: SelectionSetNode) {
    let current = selectionSet;
    for (let hops = 0; hops <= fragments.size; hops++) {
      const [only, ...rest] = current.selections;
      if (!only || rest.length > 0 || only.kind !== Kind.FRAGMENT_SPREAD || !included(only)) break;
      const fragment = fragments.get(only.name.value);
      if (!fragment || fragment.typeCondition.name.value !== type.name) break;
      current = fragment.selectionSet;
    }
    return current;
  }

  const emptyTally = (): Tally => ({
    calls: 0,
    nodes: 0,
    batches: new Map(),
    sharedWalks: new Map(),
  });

  function addObjectCost(tally: Tally, cost: ObjectCost, objects: number) {
    const pagesPerWalk = Math.min(cost.maxPages ?? paging.maxPagesPerWalk, paging.maxPagesPerWalk);
    tally.calls += objects * ((cost.calls ?? 0) + (cost.walks ?? 0) * pagesPerWalk);
    if (cost.batch) {
      const entry = tally.batches.get(cost.batch.group) ?? { keys: 0, size: cost.batch.size };
      entry.keys += objects;
      tally.batches.set(cost.batch.group, entry);
    }
    if (cost.sharedWalk) {
      tally.sharedWalks.set(
        cost.sharedWalk,
        (tally.sharedWalks.get(cost.sharedWalk) ?? 0) + objects,
      );
    }
  }

  function countNodes(tally: Tally, key: string, nodes: number) {
    tally.nodes += nodes;
    if (!tally.heaviest || nodes > tally.heaviest.nodes) tally.heaviest = { path: { key }, nodes };
  }

  /** Adds `part`, the cost under one of `times` objects at response key `key`, to `tally`. */
  function addScaled(tally: Tally, part: Tally, times: number, key: string) {
    if (times === 0) return;
    tally.calls += part.calls * times;
    tally.nodes += part.nodes * times;
    for (const [group, { keys, size }] of part.batches) {
      const entry = tally.batches.get(group) ?? { keys: 0, size };
      entry.keys += keys * times;
      tally.batches.set(group, entry);
    }
    for (const [list, walks] of part.sharedWalks) {
      tally.sharedWalks.set(list, (tally.sharedWalks.get(list) ?? 0) + walks * times);
    }
    if (part.heaviest) {
      const nodes = part.heaviest.nodes * times;
      if (!tally.heaviest || nodes > tally.heaviest.nodes) {
        tally.heaviest = { path: { key, rest: part.heaviest.path }, nodes };
      }
    }
  }

  /** Objects per ID type named by a refetch field's argument; unknown IDs cost nothing. */
  function refetchedTypes(argument: unknown): Map<string, number> {
    const counts = new Map<string, number>();
    for (const item of Array.isArray(argument) ? argument : [argument]) {
      let typename: unknown;
      if (typeof item === "string") {
        try {
          typename = decodeGlobalID(item).typename;
        } catch {
          // A malformed ID is refused before any call.
        }
      } else if (item && typeof item === "object") {
        typename = (item as { __typename?: unknown }).__typename;
      }
      if (typeof typename === "string" && refetchCost(typename)) {
        counts.set(typename, (counts.get(typename) ?? 0) + 1);
      }
    }
    return counts;
  }

  /**
   * What one object of `type` costs with these selections, when it came from `origin` (the
   * field that produced it) and, for connection types, holds `edges` edges.
   */
  function selectionCost(
    type: GraphQLCompositeType,
    origin: string,
    edges: number | undefined,
    selectionSets: readonly SelectionSetNode[],
  ): Tally {
    step();
    // Collecting a selection set twice into one merged selection adds nothing.
    const sets = [...new Set(selectionSets.map((each) => canonical(type, each)))];
    const memoKey = `${type.name}|${origin}|${edges ?? ""}|${sets.map(idOf).join(",")}`;
    const known = memo.get(memoKey);
    if (known) return known;
    const tally = emptyTally();
    const reads = new Map<string, ObjectCost>();

    for (const { type: parentType, nodes } of collect(type, sets).values()) {
      step();
      const [node] = nodes as [FieldNode, ...FieldNode[]];
      const field = parentType.getFields()[node.name.value];
      if (!field) continue;
      const key = node.alias?.value ?? node.name.value;
      const coordinate = `${parentType.name}.${field.name}`;
      const cost: AwsCost | undefined =
        declaredCost(parentType.name, field) ??
        (parentType === mutationType ? { kind: "mutation" } : undefined);
      let args: Record<string, unknown> = {};
      try {
        args = getArgumentValues(field, node, variables);
      } catch {
        // Execution reports the invalid argument, before any AWS call.
      }

      const namedType = getNamedType(field.type);
      const isList = isListType(getNullableType(field.type));
      const children = nodes.flatMap((each) => (each.selectionSet ? [each.selectionSet] : []));
      const walkChildren = (objects: number, childOrigin: string, childEdges?: number) => {
        if (!isCompositeType(namedType) || children.length === 0) return;
        addScaled(tally, selectionCost(namedType, childOrigin, childEdges, children), objects, key);
      };
      // Edges and their nodes are the connection's objects: they come from where it came from.
      const passesOrigin =
        (isConnectionType(parentType) && (field.name === "edges" || field.name === "nodes")) ||
        (isEdgeType(parentType) && field.name === "node");

      if (isConnectionType(namedType)) {
        const first = pageSize(args.first, paging);
        const pageCap = cost?.kind === "connection" ? cost.pageCap : 1;
        const resumes = args.after === undefined || args.after === null ? 0 : 1;
        const partitions =
          cost?.kind === "connection" && cost.partitionedBy && input.partitions
            ? input.partitions(cost.partitionedBy, args)
            : 1;
        tally.calls += partitions * Math.ceil((first + 1) / pageCap) + resumes;
        countNodes(tally, key, first);
        walkChildren(1, coordinate, first);
        continue;
      }
      switch (cost?.kind) {
        case "lookUp": {
          const size = cost.sizeArgument ? lengthOf(args[cost.sizeArgument]) : 1;
          const given = cost.given && lengthOf(args[cost.given.argument]) > 0;
          addObjectCost(tally, given && cost.given ? cost.given.cost : cost.cost, size);
          if (isList) countNodes(tally, key, size);
          walkChildren(size, coordinate);
          continue;
        }
        case "refetch": {
          const counts = refetchedTypes(args[cost.argument]);
          let objects = 0;
          for (const [typename, count] of counts) {
            const objectType = schema.getType(typename);
            addObjectCost(tally, refetchCost(typename) ?? {}, count);
            objects += count;
            if (isObjectType(objectType) && children.length > 0) {
              addScaled(
                tally,
                selectionCost(objectType, REFETCHED, undefined, children),
                count,
                key,
              );
            }
          }
          if (isList) countNodes(tally, key, objects);
          continue;
        }
        case "detail":
          if (!cost.carriedBy.includes(origin)) reads.set(cost.read, cost.cost);
          walkChildren(1, coordinate);
          continue;
        case "mutation":
          tally.calls += 1;
          walkChildren(1, coordinate);
          continue;
      }
      if (passesOrigin) {
        walkChildren(isList && edges !== undefined ? edges : 1, origin, undefined);
      } else {
        walkChildren(1, coordinate);
      }
    }
    for (const cost of reads.values()) addObjectCost(tally, cost, 1);
    memo.set(memoKey, tally);
    return tally;
  }

  let root: Tally;
  try {
    root = selectionCost(rootType, "", undefined, [operation.selectionSet]);
  } catch (error) {
    if (!(error instanceof TooComplex)) throw error;
    return {
      awsCalls: Number.POSITIVE_INFINITY,
      resultNodes: Number.POSITIVE_INFINITY,
      steps,
      tooComplex: { maxSteps },
    };
  }
  let calls = root.calls;
  for (const { keys, size } of root.batches.values()) {
    calls += 2 * keys - Math.ceil(keys / size);
  }
  if (root.sharedWalks.size > 0) {
    const regions = regionsNamed(document, variables, input.defaultRegion);
    for (const walks of root.sharedWalks.values()) {
      calls += Math.min(walks, regions) * paging.maxPagesPerWalk;
    }
  }
  const heaviest = root.heaviest && {
    path: pathText(root.heaviest.path),
    nodes: root.heaviest.nodes,
  };
  return { awsCalls: calls, resultNodes: root.nodes, ...(heaviest && { heaviest }), steps };
}

/**
 * How many regions a request can reach: those its arguments and variables name (as regions, in
 * ARNs, in global IDs), plus the default region. Every object it reaches lives in one of them.
 */
function regionsNamed(
  document: DocumentNode,
  variables: Record<string, unknown>,
  defaultRegion = "(the default region)",
): number {
  const regions = new Set<string>([defaultRegion]);
  const scan = (value: unknown, depth = 0): void => {
    if (depth > 4) return;
    if (Array.isArray(value)) {
      for (const item of value) scan(item, depth + 1);
    } else if (value && typeof value === "object") {
      for (const item of Object.values(value)) scan(item, depth + 1);
    } else if (typeof value === "string") {
      if (REGION_PATTERN.test(value)) regions.add(value);
      const arnRegion = /^arn:[^:]*:[^:]*:([^:]*):/.exec(value)?.[1];
      if (arnRegion) regions.add(arnRegion);
      if (value.startsWith("[")) {
        try {
          scan(JSON.parse(value), depth + 1);
        } catch {
          // Not a composite ID.
        }
      }
      try {
        const { id } = decodeGlobalID(value);
        if (id !== value) scan(id, depth + 1);
      } catch {
        // Not a global ID.
      }
    }
  };
  visit(document, { StringValue: (node) => scan(node.value) });
  scan(variables);
  return regions.size;
}

function pathText(path: PathNode | undefined): string {
  const keys: string[] = [];
  for (let at = path; at; at = at.rest) keys.push(at.key);
  return keys.join(".");
}

/** `first` as the connection will use it: the default when absent, within the allowed range. */
function pageSize(first: unknown, paging: PagingLimits): number {
  if (typeof first !== "number") return paging.defaultPageSize;
  // Out of range is refused before any call; within it, this is what is fetched.
  return Math.min(Math.max(first, 0), paging.maxPageSize);
}

function lengthOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return value === undefined || value === null ? 0 : 1;
}
