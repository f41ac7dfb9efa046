import SchemaBuilder from "@pothos/core";
import DirectivesPlugin from "@pothos/plugin-directives";
import FederationPlugin from "@pothos/plugin-federation";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ValidationPlugin from "@pothos/plugin-validation";
import { DateTimeResolver } from "graphql-scalars";
import {
  authScopesOf,
  EXECUTE_ACCESS,
  failedPermission,
  forbiddenError,
  type Permission,
  READ_ACCESS,
} from "../auth/scopes.js";
import type { GatewayContext } from "../context.js";
import { invalidArgumentsError } from "./errors.js";
import UnknownEnumValuesPlugin from "./unknown-enum-values.js";

/**
 * The one schema builder. It holds plugins, scalars and the root types; every domain type lives
 * beside the AWS service it comes from.
 */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  // One boolean per permission, from the caller's token scopes (all true with auth off).
  AuthScopes: Record<Permission, boolean>;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
  };
  // Fields are non-null unless marked otherwise: optional AWS members say `nullable: true`.
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  // Scope auth first, so a caller without the scope learns nothing from argument validation and
  // makes no AWS call. UnknownEnumValues guards every enum field against values AWS added after
  // the schema was written. Federation last: it wraps what the other plugins built.
  plugins: [
    ScopeAuthPlugin,
    RelayPlugin,
    ValidationPlugin,
    DirectivesPlugin,
    UnknownEnumValuesPlugin,
    FederationPlugin,
  ],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: "optional",
    cursorType: "String",
    // Generic descriptions, so every connection and node type is documented the same way.
    idFieldOptions: {
      description:
        "A global ID: pass it to `node(id:)` or `nodes(ids:)` to fetch this object again.",
    },
    nodeTypeOptions: {
      description: "An object that can be fetched again by its global ID with `node(id:)`.",
    },
    edgesFieldOptions: {
      nullable: false,
      description: "The items of this page, in AWS's order, each with its cursor.",
    },
    nodeFieldOptions: { nullable: false, description: "The item." },
    cursorFieldOptions: {
      description: "Opaque cursor of this item: pass it as `after` to continue right after it.",
    },
    pageInfoFieldOptions: { description: "Where this page sits in the whole list." },
    defaultEdgeTypeOptions: { description: "One item of a connection, with its cursor." },
    // Other Relay-style subgraphs in a company graph define PageInfo too.
    pageInfoTypeOptions: {
      shareable: true,
      description: "Relay page information: whether more items follow and the cursors at each end.",
    },
    hasNextPageFieldOptions: {
      description: "Whether more items follow this page; exact, never a guess.",
    },
    hasPreviousPageFieldOptions: {
      description: "Whether items come before this page: true exactly when `after` was given.",
    },
    startCursorFieldOptions: {
      description: "The cursor of the first edge, or null when the page is empty.",
    },
    endCursorFieldOptions: {
      description:
        "The cursor of the last edge, or null when the page is empty; pass it as `after` for the next page.",
    },
    mutationInputArgOptions: { description: "The mutation's input." },
    clientMutationIdInputOptions: {
      description: "Any string of the client's, echoed back in the payload (Relay convention).",
    },
    clientMutationIdFieldOptions: {
      description: "The `clientMutationId` the client sent, if any.",
    },
    // Global object identification arrives with the node types that can be refetched.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  validation: {
    validationError: (result) => invalidArgumentsError(result.issues),
  },
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (context) => authScopesOf(context.caller),
    unauthorizedError: (_parent, context, info, result) =>
      forbiddenError(info, failedPermission(result), context.auth.scopeNames),
  },
});

builder.addScalarType("DateTime", DateTimeResolver, {
  description:
    "A date and time in RFC 3339 (ISO 8601) form, always in UTC, e.g. 2026-03-01T12:00:00.000Z.",
  specifiedByURL: "https://www.rfc-editor.org/rfc/rfc3339",
});

// Every root field needs its permission; federation's _entities and _service are guarded in
// schema.ts, since they are added after this builder is done.
builder.queryType({
  description: "Reads from EC2 Image Builder, AWS HealthImaging and Amazon AppStream 2.0.",
  authScopes: READ_ACCESS,
});

builder.mutationType({
  description: "Actions that change state in AWS.",
  authScopes: EXECUTE_ACCESS,
});

builder.subscriptionType({
  description:
    "Live updates, over Server-Sent Events (send `Accept: text/event-stream`) or WebSocket (graphql-ws, protocol `graphql-transport-ws`, on the same path): each event is one change, and the stream ends when what it watches is done.",
  authScopes: READ_ACCESS,
});
