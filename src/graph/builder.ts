import SchemaBuilder from "@pothos/core";
import DirectivesPlugin from "@pothos/plugin-directives";
import FederationPlugin from "@pothos/plugin-federation";
import RelayPlugin from "@pothos/plugin-relay";
import ValidationPlugin from "@pothos/plugin-validation";
import { DateTimeResolver } from "graphql-scalars";
import type { GatewayContext } from "../context.js";
import { invalidArgumentsError } from "./errors.js";

/**
 * The one schema builder. It holds plugins, scalars and the root types; every domain type lives
 * beside the AWS service it comes from.
 */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
  };
  // Fields are non-null unless marked otherwise: optional AWS members say `nullable: true`.
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  // Federation last: it wraps what the other plugins built.
  plugins: [RelayPlugin, ValidationPlugin, DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: "optional",
    cursorType: "String",
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // Other Relay-style subgraphs in a company graph define PageInfo too.
    pageInfoTypeOptions: { shareable: true },
    // Global object identification arrives with the node types that can be refetched.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  validation: {
    validationError: (result) => invalidArgumentsError(result.issues),
  },
});

builder.addScalarType("DateTime", DateTimeResolver, {
  description: "A date and time in ISO 8601 form, always in UTC, e.g. 2026-03-01T12:00:00.000Z.",
});

builder.queryType({
  description: "Reads from EC2 Image Builder, AWS HealthImaging and Amazon AppStream 2.0.",
});

builder.mutationType({
  description: "Actions that change state in AWS.",
});

builder.subscriptionType({
  description:
    "Live updates, over Server-Sent Events (send `Accept: text/event-stream`): each event is one change, and the stream ends when what it watches is done.",
});
