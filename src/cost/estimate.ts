import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLIncludeDirective,
  type GraphQLNamedType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from "graphql";
import type { PagingLimits } from "../graph/connections.js";
import { type AwsCost, declaredCost, isConnectionType } from "./fields.js";

/** What a document will cost, worked out from its text and variables before it runs. */
export interface CostEstimate {
  /** AWS calls the request will make at most, as far as the document tells. */
  awsCalls: number;
  /** Objects the result can hold: nodes of connections and of sized lists such as `nodes(ids:)`. */
  resultNodes: number;
  /** The connection or list that holds the most nodes, by response path, and how many. */
  heaviest?: { path: string; nodes: number };
}

export interface EstimateInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  /** The request's variables as sent; coerced here as execution would. */
  variables?: Readonly<Record<string, unknown>> | null;
  paging: PagingLimits;
  /**
   * Fields visited before giving up: fragments can make a short document fan out into a huge
   * walk, and a document that big is too expensive whatever it asks for.
   */
  maxVisits?: number;
}

const DEFAULT_MAX_VISITS = 100_000;

class TooLargeToEstimate extends Error {}

/**
 * The cost model, per field occurrence, with `parents` the number of objects it runs under:
 * - a connection costs parents × ceil((first + 1) / page cap) calls (the +1 is the look-ahead that
 *   makes hasNextPage exact; one more when `after` may start mid-page), and its edges hold
 *   parents × first nodes; `first` is DEFAULT_PAGE_SIZE when absent;
 * - a look-up costs one call per object, or per `batch` objects of the same field summed over the
 *   document when it batches; a sized look-up such as `nodes(ids:)` counts its list; fields of
 *   one object sharing a call (`shared`) count it once;
 * - a field that reads whole lists costs its walks × their page limit, plus its look-ups, per
 *   object;
 * - a root mutation field costs one call;
 * - anything else (fields of objects already fetched) costs nothing.
 * Fields selected twice under one response key count once, as GraphQL merges them; fragments on
 * different types of an abstract field all count (an upper bound).
 */
export function estimateCost(input: EstimateInput): CostEstimate {
  const { schema, document, paging } = input;
  const empty: CostEstimate = { awsCalls: 0, resultNodes: 0 };
  const operation = getOperationAST(document, input.operationName ?? undefined);
  const rootType = operation && schema.getRootType(operation.operation);
  if (!operation || !rootType) return empty;
  const { coerced: variables } = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    input.variables ?? {},
  );
  // Invalid variables: execution refuses the request without calling anything.
  if (!variables) return empty;

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const maxVisits = input.maxVisits ?? DEFAULT_MAX_VISITS;
  let visits = 0;
  let calls = 0;
  let resultNodes = 0;
  let heaviest: CostEstimate["heaviest"];
  const lookUps = new Map<string, { objects: number; batch: number }>();

  const included = (node: SelectionNode) =>
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;

  /** Fields by response key and the type they are selected on, fragments flattened. */
  function collect(
    type: GraphQLNamedType,
    selectionSet: SelectionSetNode,
    into: Map<string, { type: GraphQLNamedType; nodes: FieldNode[] }>,
    spreading: ReadonlySet<string>,
  ) {
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = `${type.name}|${selection.alias?.value ?? selection.name.value}`;
        const group = into.get(key) ?? { type, nodes: [] };
        group.nodes.push(selection);
        into.set(key, group);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : type;
        if (condition) collect(condition, selection.selectionSet, into, spreading);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A cycle is invalid GraphQL; validation has refused it, but never loop on one.
        if (!fragment || spreading.has(name)) continue;
        const condition = schema.getType(fragment.typeCondition.name.value);
        if (condition) {
          collect(condition, fragment.selectionSet, into, new Set([...spreading, name]));
        }
      }
    }
  }

  function countNodes(path: string[], nodes: number) {
    resultNodes += nodes;
    if (!heaviest || nodes > heaviest.nodes) heaviest = { path: path.join("."), nodes };
  }

  function walk(
    type: GraphQLNamedType,
    selectionSet: SelectionSetNode,
    parents: number,
    path: string[],
    edgesPerParent?: number,
  ) {
    const groups = new Map<string, { type: GraphQLNamedType; nodes: FieldNode[] }>();
    collect(type, selectionSet, groups, new Set());
    // Shared look-ups already counted for these objects (fields reading one GetImage answer).
    const sharedHere = new Set<string>();
    for (const { type: parentType, nodes } of groups.values()) {
      const [node] = nodes as [FieldNode, ...FieldNode[]];
      if (!isObjectType(parentType) && !isInterfaceType(parentType)) continue;
      const field = parentType.getFields()[node.name.value];
      if (!field) continue;
      if (++visits > maxVisits) throw new TooLargeToEstimate();
      const responsePath = [...path, node.alias?.value ?? node.name.value];
      const cost: AwsCost | undefined =
        declaredCost(parentType.name, field) ??
        (parentType === schema.getMutationType() ? { kind: "mutation" } : undefined);
      let args: Record<string, unknown> = {};
      try {
        args = getArgumentValues(field, node, variables);
      } catch {
        // Execution reports the invalid argument, before any AWS call.
      }

      let objects = parents;
      let childEdges: number | undefined;
      const namedType = getNamedType(field.type);
      if (isConnectionType(namedType)) {
        const first = pageSize(args.first, paging);
        const pageCap = cost?.kind === "connection" ? cost.pageCap : 1;
        const resumes = args.after === undefined || args.after === null ? 0 : 1;
        calls += parents * (Math.ceil((first + 1) / pageCap) + resumes);
        childEdges = first;
        countNodes(responsePath, parents * first);
      } else if (cost?.kind === "walks") {
        const given = cost.argument !== undefined && args[cost.argument] != null;
        const walks = given ? (cost.walksWithArgument ?? cost.walks) : cost.walks;
        const single = given ? (cost.lookUpsWithArgument ?? cost.lookUps) : cost.lookUps;
        calls += parents * (walks * Math.min(cost.maxPages, paging.maxPagesPerWalk) + single);
      } else if (cost?.kind === "lookUp") {
        const size = cost.sizeArgument ? lengthOf(args[cost.sizeArgument]) : 1;
        const key = cost.shared
          ? `${parentType.name}#${cost.shared}`
          : `${parentType.name}.${field.name}`;
        const counted = cost.shared !== undefined && sharedHere.has(key);
        if (cost.shared) sharedHere.add(key);
        const entry = lookUps.get(key) ?? { objects: 0, batch: cost.batch };
        if (!counted) entry.objects += parents * size;
        lookUps.set(key, entry);
        if (isListType(getNullableType(field.type))) {
          objects = parents * size;
          countNodes(responsePath, objects);
        }
      } else if (cost?.kind === "mutation") {
        calls += parents;
      } else if (
        edgesPerParent !== undefined &&
        (field.name === "edges" || field.name === "nodes") &&
        isListType(getNullableType(field.type))
      ) {
        objects = parents * edgesPerParent;
      }

      if (!isCompositeType(namedType)) continue;
      const selections = nodes.flatMap((each) => each.selectionSet?.selections ?? []);
      walk(namedType, { kind: Kind.SELECTION_SET, selections }, objects, responsePath, childEdges);
    }
  }

  try {
    walk(rootType, operation.selectionSet, 1, []);
  } catch (error) {
    if (!(error instanceof TooLargeToEstimate)) throw error;
    return { awsCalls: Number.POSITIVE_INFINITY, resultNodes: Number.POSITIVE_INFINITY };
  }
  for (const { objects, batch } of lookUps.values()) calls += Math.ceil(objects / batch);
  return { awsCalls: calls, resultNodes, heaviest };
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
