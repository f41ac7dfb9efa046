import {
  defaultFieldResolver,
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from "graphql";
import { REGION_PATTERN } from "../config.js";
import type { GatewayContext } from "../context.js";
import { referenceAccount } from "./partitions.js";

/** A region named in an entity reference: absent (older keys) or a well-formed region name. */
export function referenceRegionIsValid(region: unknown): region is string | undefined {
  return region === undefined || (typeof region === "string" && REGION_PATTERN.test(region));
}

/** The region of a reference made with either key; clients send what they like, so unknown. */
export function referenceRegion(key: object): unknown {
  return "region" in key ? key.region : undefined;
}

/**
 * Where a reference's object lives: the region it names (AWS_REGION for keys from before the
 * region joined them) and its account (referenceAccount); null when either is not one this
 * gateway can read, so the reference resolves to null.
 */
export async function referenceLocation(
  key: object,
  context: Pick<GatewayContext, "clients">,
): Promise<{ region: string; account?: string } | null> {
  const region = referenceRegion(key);
  if (!referenceRegionIsValid(region)) return null;
  const account = await referenceAccount(key, context);
  if (account === null) return null;
  return { region: region ?? context.clients.defaultRegion, account };
}

/** How much of a client's `__typename` an error message repeats. */
const TYPENAME_ECHO_LIMIT = 64;

/**
 * Makes `_entities` answer a representation whose `__typename` is not one of this subgraph's
 * entities with a BAD_USER_INPUT error at that index, instead of failing the whole field as the
 * federation library does (which surfaces as INTERNAL). Known representations resolve as before.
 */
export function withEntityTypenameCheck(schema: GraphQLSchema): GraphQLSchema {
  const entitiesField = schema.getQueryType()?.getFields()._entities;
  const entityUnion = schema.getType("_Entity");
  if (!entitiesField || !entityUnion) return schema;
  const entityNames = new Set(
    schema
      .getPossibleTypes(entityUnion as Parameters<GraphQLSchema["getPossibleTypes"]>[0])
      .map((type) => type.name),
  );
  const allowed = [...entityNames].sort().join(", ");
  const resolve: GraphQLFieldResolver<unknown, unknown> =
    entitiesField.resolve ?? defaultFieldResolver;

  entitiesField.resolve = async (source, args, context, info) => {
    const representations = (args as { representations: unknown[] }).representations;
    const known: Array<{ index: number; representation: unknown }> = [];
    const results: unknown[] = representations.map((representation, index) => {
      const typename = (representation as { __typename?: unknown } | null)?.__typename;
      if (typeof typename === "string" && entityNames.has(typename)) {
        known.push({ index, representation });
        return null;
      }
      const shown =
        typeof typename === "string"
          ? `"${typename.slice(0, TYPENAME_ECHO_LIMIT)}${typename.length > TYPENAME_ECHO_LIMIT ? "…" : ""}"`
          : "missing";
      return new GraphQLError(
        `Representation ${index}: __typename ${shown} is not an entity of this subgraph. Entities: ${allowed}.`,
        { extensions: { code: "BAD_USER_INPUT", argument: "representations", index } },
      );
    });
    if (known.length > 0) {
      const resolved = (await resolve(
        source,
        { ...args, representations: known.map((entry) => entry.representation) },
        context,
        info,
      )) as unknown[];
      known.forEach((entry, position) => {
        results[entry.index] = resolved[position];
      });
    }
    return results;
  };
  return schema;
}
