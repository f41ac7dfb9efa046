import { type GraphQLField, type GraphQLNamedType, getNamedType, isObjectType } from "graphql";

/**
 * How a field spends AWS calls, declared beside the field in its Pothos `extensions` (see
 * `awsCost`), so a new field carries its cost from the day it exists.
 */
export type AwsCost =
  /** A Relay connection served from an AWS list whose pages hold at most `pageCap` items. */
  | { kind: "connection"; pageCap: number }
  /**
   * A look-up of one object (or of `sizeArgument`'s list of them); `batch` objects per call when
   * the field's look-ups across the request are batched together. Fields of one object that
   * name the same `shared` call (e.g. GetImage) read one answer: they count once per object.
   */
  | { kind: "lookUp"; batch: number; sizeArgument?: string; shared?: string }
  /**
   * Reads `walks` whole lists of at most `maxPages` pages each (never more than a walk may read),
   * plus `lookUps` single calls; with `argument` given, `walksWithArgument` and
   * `lookUpsWithArgument` instead.
   */
  | {
      kind: "walks";
      walks: number;
      lookUps: number;
      maxPages: number;
      argument?: string;
      walksWithArgument?: number;
      lookUpsWithArgument?: number;
    }
  /** A state-changing call, never deduplicated. */
  | { kind: "mutation" }
  /** No AWS call at all. */
  | { kind: "free" };

const EXTENSION = "awsCost";

/** Field `extensions` declaring an AWS cost. */
export const awsCost = {
  connection: (pageCap: number) => ({ [EXTENSION]: { kind: "connection", pageCap } as AwsCost }),
  lookUp: (options: { batch?: number; sizeArgument?: string; shared?: string } = {}) => ({
    [EXTENSION]: { kind: "lookUp", batch: 1, ...options } as AwsCost,
  }),
  walks: (cost: Omit<Extract<AwsCost, { kind: "walks" }>, "kind">) => ({
    [EXTENSION]: { kind: "walks", ...cost } as AwsCost,
  }),
  free: () => ({ [EXTENSION]: { kind: "free" } as AwsCost }),
};

/** Fields the gateway does not define itself: the federation plugin's. */
const BUILT_IN: Record<string, AwsCost> = {
  // A reference costs at most one call; AppStream ones batch, so this is an upper bound.
  "Query._entities": { kind: "lookUp", batch: 1, sizeArgument: "representations" },
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

/**
 * Whether a type is a Relay connection: an object type named …Connection with `edges` and
 * `pageInfo`. Derived from the schema, so every connection a new field returns is costed as one.
 */
export function isConnectionType(type: GraphQLNamedType): boolean {
  if (!isObjectType(type) || !type.name.endsWith("Connection")) return false;
  const fields = type.getFields();
  return Boolean(fields.edges && fields.pageInfo);
}

export function returnsConnection(field: AnyField): boolean {
  return isConnectionType(getNamedType(field.type));
}
