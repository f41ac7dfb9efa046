import { type GraphQLField, type GraphQLNamedType, getNamedType, isObjectType } from "graphql";
import type { ServiceId } from "../aws/services.js";

/**
 * What reaching one object costs in AWS calls, at worst: a fixed number of calls, walks along a
 * token chain (each up to AWS_MAX_PAGES_PER_WALK pages: a name that is not there reads every
 * page), and a share of a batched look-up.
 */
export interface ObjectCost {
  calls?: number;
  walks?: number;
  /** Pages each of `walks` reads at most, when the field stops its walks short of the limit. */
  maxPages?: number;
  /**
   * A walk along a list whose pages the request shares, per region (its pages are loaded once
   * per request): all such walks of one region together read at most AWS_MAX_PAGES_PER_WALK pages.
   */
  sharedWalk?: string;
  /**
   * A look-up batched with every other of the same `group` in the request, `size` keys per call.
   * AWS fails a whole batch for one unknown key, so a failed batch is halved until the unknown
   * keys stand alone: n keys cost at most 2n - 1 calls per batch.
   */
  batch?: { group: string; size: number };
}

/** Objects that come from these fields (or from `node`, `nodes`, `_entities`: REFETCHED). */
export const REFETCHED = "refetch";

/**
 * How a field spends AWS calls, declared beside the field in its Pothos `extensions` (see
 * `awsCost`), so a new field carries its cost from the day it exists.
 */
export type AwsCost =
  /**
   * A Relay connection served from an AWS list whose pages hold at most `pageCap` items; with
   * `partitionedBy`, merged over the (account, region) partitions its `accounts`, `regions` and
   * `region` arguments name for that service, each costing up to a single list's calls.
   */
  | { kind: "connection"; pageCap: number; partitionedBy?: ServiceId }
  /**
   * A look-up of one object (or of `sizeArgument`'s list of them), each costing `cost`, or
   * `given.cost` when the field's `given.argument` is given (it names what would be looked for).
   */
  | {
      kind: "lookUp";
      cost: ObjectCost;
      sizeArgument?: string;
      given?: { argument: string; cost: ObjectCost };
    }
  /**
   * Objects named by global IDs (`id`, `ids`) or entity representations: each costs what its
   * type's refetch declares (see `refetchable`), found from the ID before anything runs.
   */
  | { kind: "refetch"; argument: string }
  /**
   * A detail of its parent object read on demand with `read`, at most once per object however
   * many fields need it; free when the object came from one of `carriedBy` (a list that already
   * brought the detail), named by the field that produced it.
   */
  | { kind: "detail"; read: string; cost: ObjectCost; carriedBy: readonly string[] }
  /** A state-changing call, never deduplicated. */
  | { kind: "mutation" }
  /** A stream that polls AWS over time, paid from the caller's per-minute budget, not the request's. */
  | { kind: "subscription" }
  /** No AWS call at all. */
  | { kind: "free" };

const EXTENSION = "awsCost";

const declare = (cost: AwsCost) => ({ [EXTENSION]: cost });

/** Field `extensions` declaring an AWS cost. */
export const awsCost = {
  connection: (pageCap: number, partitionedBy?: ServiceId) =>
    declare({ kind: "connection", pageCap, partitionedBy }),
  lookUp: (
    cost: ObjectCost = { calls: 1 },
    options: { sizeArgument?: string; given?: { argument: string; cost: ObjectCost } } = {},
  ) => declare({ kind: "lookUp", cost, ...options }),
  refetch: (argument: string) => declare({ kind: "refetch", argument }),
  detail: (read: string, cost: ObjectCost, carriedBy: readonly string[] = []) =>
    declare({ kind: "detail", read, cost, carriedBy }),
  subscription: () => declare({ kind: "subscription" }),
  free: () => declare({ kind: "free" }),
};

/** Fields the gateway does not define itself: the federation plugin's. */
const BUILT_IN: Record<string, AwsCost> = {
  "Query._entities": { kind: "refetch", argument: "representations" },
  "Query._service": { kind: "free" },
};

type AnyField = GraphQLField<unknown, unknown>;

/** The declared cost of `parent.field`, or undefined when none is declared. */
export function declaredCost(parentName: string, field: AnyField): AwsCost | undefined {
  return (
    (field.extensions?.[EXTENSION] as AwsCost | undefined) ??
    BUILT_IN[`${parentName}.${field.name}`]
  );
}

const refetchCosts = new Map<string, ObjectCost>();

/** Declares what refetching one object of `typename` by its ID (or entity key) costs. */
export function declareRefetchCost(typename: string, cost: ObjectCost): void {
  refetchCosts.set(typename, cost);
}

/** What refetching one `typename` costs; undefined when the type cannot be refetched. */
export function refetchCost(typename: string): ObjectCost | undefined {
  return refetchCosts.get(typename);
}

/**
 * Whether a type is a Relay connection: an object type named …Connection with `edges` and
 * `pageInfo`. Derived from the schema, so every connection a new field returns is costed as one.
 */
export function isConnectionType(type: GraphQLNamedType): boolean {
  if (!isObjectType(type) || !type.name.endsWith("Connection")) return false;
  const fields = type.getFields();
  return Boolean(fields.edges && fields.pageInfo);
}

/** Whether a type is a Relay edge: an object type named …Edge with `node` and `cursor`. */
export function isEdgeType(type: GraphQLNamedType): boolean {
  if (!isObjectType(type) || !type.name.endsWith("Edge")) return false;
  const fields = type.getFields();
  return Boolean(fields.node && fields.cursor);
}

export function returnsConnection(field: AnyField): boolean {
  return isConnectionType(getNamedType(field.type));
}
