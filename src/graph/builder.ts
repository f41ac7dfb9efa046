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
  // makes no AWS call; federation last: it wraps what the other plugins built.
  plugins: [ScopeAuthPlugin, RelayPlugin, ValidationPlugin, DirectivesPlugin, FederationPlugin],
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
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (context) => authScopesOf(context.caller),
    unauthorizedError: (_parent, context, info, result) =>
      forbiddenError(info, failedPermission(result), context.auth.scopeNames),
  },
});

builder.addScalarType("DateTime", DateTimeResolver, {
  description: "A date and time in ISO 8601 form, always in UTC, e.g. 2026-03-01T12:00:00.000Z.",
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
