// Each service module registers its types and root fields on the shared builder when imported.
import "../image-builder/types.js";
import "../medical-imaging/types.js";
import "../appstream/types.js";
import "./nodes.js";
import { type GraphQLFieldResolver, GraphQLUnionType } from "graphql";
import { builder } from "./builder.js";
import { gatewayError } from "./errors.js";

/**
 * The Apollo Federation v2 subgraph: the whole API plus `_service` and `_entities`, so a
 * federation gateway can compose it and resolve its entities. Served by default.
 */
export const subgraphSchema = builder.toSubGraphSchema({
  linkUrl: "https://specs.apollo.dev/federation/v2.6",
});
checkEntityRepresentations();

/** The same API without the federation fields, for a gateway that is not federated. */
export const plainSchema = builder.toSchema();

/**
 * `_entities` as @apollo/subgraph resolves it fails the whole field with an unexpected error when
 * one representation names a type that is not an entity (or is not an object at all). Such an
 * entry is the caller's mistake: it becomes null with BAD_USER_INPUT at its index, and the other
 * entries resolve as usual.
 */
function checkEntityRepresentations(): void {
  const field = subgraphSchema.getQueryType()?.getFields()._entities;
  const union = subgraphSchema.getType("_Entity");
  if (!field?.resolve || !(union instanceof GraphQLUnionType)) return;
  const entityNames = new Set(union.getTypes().map((type) => type.name));
  const allowed = [...entityNames].join(", ");
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve;
  field.resolve = (source, args: { representations?: unknown[] }, context, info) => {
    const representations = args.representations ?? [];
    const valid: unknown[] = [];
    const errors = new Map<number, Error>();
    representations.forEach((representation, index) => {
      const typename =
        typeof representation === "object" && representation !== null
          ? (representation as { __typename?: unknown }).__typename
          : undefined;
      if (typeof typename === "string" && entityNames.has(typename)) valid.push(representation);
      else {
        errors.set(
          index,
          gatewayError(
            "BAD_USER_INPUT",
            `representations[${index}] must be an object whose __typename is an entity of this subgraph: ${allowed}.`,
          ),
        );
      }
    });
    if (errors.size === 0) return resolve(source, args, context, info);
    const resolved = resolve(source, { ...args, representations: valid }, context, info) as
      | unknown[]
      | Promise<unknown[]>;
    const merge = (values: unknown[]) => {
      let next = 0;
      return representations.map((_, index) => errors.get(index) ?? values[next++]);
    };
    return resolved instanceof Promise ? resolved.then(merge) : merge(resolved);
  };
}
