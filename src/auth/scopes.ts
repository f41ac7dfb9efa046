import type { AuthFailure, ForbiddenResult } from "@pothos/plugin-scope-auth";
import {
  defaultFieldResolver,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from "graphql";
import type { GatewayContext } from "../context.js";
import { gatewayError } from "../graph/errors.js";

/** What a caller may do; each permission is granted by one token scope (AUTH_*_SCOPE). */
export type Permission = "read" | "execute";

export const PERMISSIONS: readonly Permission[] = ["read", "execute"];

/** The token scope that grants each permission. */
export type ScopeNames = Record<Permission, string>;

/** Who is calling: decided once per request, before anything runs. */
export interface Caller {
  /** Whose AWS call budget the request spends: `sub:<token subject>` or `address:<client IP>`. */
  id: string;
  permissions: ReadonlySet<Permission>;
  /** When the caller's token stops being valid (ms since the epoch); none without a token. */
  expiresAt?: number;
}

/** Pothos `authScopes` for a type or field that reads AWS: `builder.subscriptionType({ authScopes: READ_ACCESS })`. */
export const READ_ACCESS = { read: true } as const;

/** Pothos `authScopes` for a type or field that changes state in AWS. */
export const EXECUTE_ACCESS = { execute: true } as const;

/** The scope-auth plugin's view of a caller: which of its scopes the request holds. */
export function authScopesOf(caller: Caller): Record<Permission, boolean> {
  return { read: caller.permissions.has("read"), execute: caller.permissions.has("execute") };
}

/**
 * The scopes a token grants, from `scope` (OAuth 2.0: space-separated) or `scp` (an array at
 * Okta and others, a space-separated string at Microsoft Entra).
 */
export function tokenScopes(claims: Record<string, unknown>): Set<string> {
  const scopes = new Set<string>();
  for (const claim of [claims.scope, claims.scp]) {
    const values =
      typeof claim === "string" ? claim.split(/\s+/) : Array.isArray(claim) ? claim : [];
    for (const value of values) if (typeof value === "string" && value) scopes.add(value);
  }
  return scopes;
}

export function permissionsFromScopes(
  scopes: ReadonlySet<string>,
  names: ScopeNames,
): Set<Permission> {
  return new Set(PERMISSIONS.filter((permission) => scopes.has(names[permission])));
}

/** FORBIDDEN on one field: the rest of the response is unaffected. */
export function forbiddenError(
  info: GraphQLResolveInfo,
  permission: Permission,
  names: ScopeNames,
) {
  const verb = permission === "read" ? "read" : "run";
  return gatewayError(
    "FORBIDDEN",
    `Your token may not ${verb} ${info.parentType.name}.${info.fieldName}: it needs the scope \`${names[permission]}\`.`,
    { requiredScope: names[permission] },
  );
}

/** Which permission a scope-auth failure was about (type scopes nest theirs); `read` if none. */
export function failedPermission(result: ForbiddenResult): Permission {
  const permissionOf = (failure: AuthFailure): Permission | undefined => {
    if (failure.kind === "AuthScope") {
      return PERMISSIONS.find((permission) => permission === failure.scope);
    }
    if (failure.kind === "AnyAuthScopes" || failure.kind === "AllAuthScopes") {
      for (const inner of failure.failures) {
        const permission = permissionOf(inner);
        if (permission) return permission;
      }
    }
    return undefined;
  };
  return permissionOf(result.failure) ?? "read";
}

/**
 * Requires `permission` on root fields that are added after Pothos builds the schema (Apollo
 * Federation's `_entities` and `_service`), which the scope-auth plugin never sees.
 */
export function requirePermissionOnQueryFields(
  schema: GraphQLSchema,
  fieldNames: readonly string[],
  permission: Permission,
): void {
  const fields = schema.getQueryType()?.getFields() ?? {};
  for (const name of fieldNames) {
    const field = fields[name];
    if (!field) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    const guarded: GraphQLFieldResolver<unknown, GatewayContext> = (
      source,
      args,
      context,
      info,
    ) => {
      if (!context.caller.permissions.has(permission)) {
        throw forbiddenError(info, permission, context.auth.scopeNames);
      }
      return resolve(source, args, context, info);
    };
    field.resolve = guarded;
  }
}
