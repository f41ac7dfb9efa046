// Each service module registers its types and root fields on the shared builder when imported.
import "../image-builder/types.js";
import "../image-builder/pipelines.js";
import "../image-builder/builds.js";
import "../image-builder/package-changes.js";
import "../image-builder/subscriptions.js";
import "../medical-imaging/types.js";
import "../medical-imaging/datastores.js";
import "../appstream/types.js";
import "./nodes.js";
import "./accounts.js";
import type { GraphQLSchema } from "graphql";
import { requirePermissionOnQueryFields } from "../auth/scopes.js";
import { builder } from "./builder.js";
import { withEntityTypenameCheck } from "./entities.js";

const SCHEMA_DESCRIPTION =
  "EC2 Image Builder, AWS HealthImaging and Amazon AppStream 2.0 as one graph: Relay connections over AWS page tokens, global object identification, typed errors with `extensions.code`.";

/**
 * What the federation library adds without a word, described like the rest of the schema, so a
 * client's documentation explorer has no blank entries.
 */
const FEDERATION_DESCRIPTIONS: Record<string, string> = {
  _Any: "A federation entity representation: `__typename` plus the entity's key fields.",
  _Entity: "Every type another subgraph can reference by key.",
  _Service: "This subgraph's own description, for a federation gateway.",
  "_Service.sdl": "The subgraph's SDL with its federation directives.",
  "Query._entities":
    "Resolves entities other subgraphs reference, in the order of `representations`; an unknown one is null.",
  "Query._entities(representations)": "Entity representations: `__typename` and key fields.",
  "Query._service": "This subgraph's SDL, for composition by a federation gateway.",
};

function describe(schema: GraphQLSchema): GraphQLSchema {
  schema.description = SCHEMA_DESCRIPTION;
  for (const [coordinate, description] of Object.entries(FEDERATION_DESCRIPTIONS)) {
    const [typeName, fieldName, argName] = coordinate.split(/[.()]/);
    const type = schema.getType(typeName ?? "");
    if (!type) continue;
    if (!fieldName) {
      type.description ??= description;
      continue;
    }
    const field = "getFields" in type ? type.getFields()[fieldName] : undefined;
    if (!field) continue;
    if (!argName) {
      field.description ??= description;
      continue;
    }
    const arg =
      "args" in field ? field.args.find((candidate) => candidate.name === argName) : undefined;
    if (arg) arg.description ??= description;
  }
  return schema;
}

/**
 * The Apollo Federation v2 subgraph: the whole API plus `_service` and `_entities`, so a
 * federation gateway can compose it and resolve its entities. Served by default.
 */
export const subgraphSchema = withEntityTypenameCheck(
  describe(builder.toSubGraphSchema({ linkUrl: "https://specs.apollo.dev/federation/v2.6" })),
);
requirePermissionOnQueryFields(subgraphSchema, ["_entities", "_service"], "read");

/** The same API without the federation fields, for a gateway that is not federated. */
export const plainSchema = describe(builder.toSchema());
