// Each service module registers its types and root fields on the shared builder when imported.
import "../image-builder/types.js";
import "../image-builder/pipelines.js";
import "../image-builder/builds.js";
import "../image-builder/subscriptions.js";
import "../medical-imaging/types.js";
import "../appstream/types.js";
import "./nodes.js";
import { builder } from "./builder.js";

/**
 * The Apollo Federation v2 subgraph: the whole API plus `_service` and `_entities`, so a
 * federation gateway can compose it and resolve its entities. Served by default.
 */
export const subgraphSchema = builder.toSubGraphSchema({
  linkUrl: "https://specs.apollo.dev/federation/v2.6",
});

/** The same API without the federation fields, for a gateway that is not federated. */
export const plainSchema = builder.toSchema();
