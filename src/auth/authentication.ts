import type { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import {
  createRemoteJWKSet,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
  jwtVerify,
} from "jose";
import { authenticationMode, type Config } from "../config.js";
import { gatewayError } from "../graph/errors.js";
import type { ClientAddresses } from "../http/client-address.js";
import {
  type Caller,
  PERMISSIONS,
  type Permission,
  permissionsFromScopes,
  type ScopeNames,
  tokenScopes,
} from "./scopes.js";

const REALM = "aws-image-graph";

/** Clock skew tolerated between the identity provider and the gateway. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** How long fetched keys are trusted before the key set is fetched again. */
const JWKS_MAX_AGE_MS = 10 * 60_000;

const EVERY_PERMISSION: ReadonlySet<Permission> = new Set(PERMISSIONS);

interface TokenCheck {
  key: JWTVerifyGetKey;
  options: JWTVerifyOptions;
  /** The key set is fetched; its failures are the provider's, not the caller's. */
  remote: boolean;
}

/**
 * Decides who calls: with authentication on, a bearer JWT verified against AUTH_JWT_SECRET
 * (HS256) or the key set at AUTH_JWKS_URL (RS256/ES256); with it off, the client address, holding
 * every permission. The caller of each request is kept for its context.
 */
export class Authenticator {
  private readonly callers = new WeakMap<Request, Caller>();

  private constructor(
    readonly mode: "jwt" | "off",
    readonly scopeNames: ScopeNames,
    /** One line for the startup banner. */
    readonly description: string,
    private readonly check?: TokenCheck,
  ) {}

  static fromConfig(config: Config): Authenticator {
    const scopeNames: ScopeNames = {
      read: config.AUTH_READ_SCOPE,
      execute: config.AUTH_EXECUTE_SCOPE,
    };
    if (authenticationMode(config) === "off") {
      return new Authenticator(
        "off",
        scopeNames,
        "off: no token needed, every caller may read and start pipelines",
      );
    }
    const options: JWTVerifyOptions = {
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE?.split(",").map((audience) => audience.trim()),
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      // A token without a subject has no budget to charge; one without expiry never dies.
      requiredClaims: ["sub", "exp"],
    };
    const claims = [
      config.AUTH_ISSUER ? `issuer ${config.AUTH_ISSUER}` : "any issuer",
      config.AUTH_AUDIENCE ? `audience ${config.AUTH_AUDIENCE}` : "any audience",
      `scopes ${scopeNames.read} (read), ${scopeNames.execute} (start and cancel builds)`,
    ].join(", ");
    if (config.AUTH_JWT_SECRET) {
      const key = new TextEncoder().encode(config.AUTH_JWT_SECRET);
      return new Authenticator(
        "jwt",
        scopeNames,
        `bearer JWT, HS256 with AUTH_JWT_SECRET; ${claims}`,
        { key: async () => key, options: { ...options, algorithms: ["HS256"] }, remote: false },
      );
    }
    const url = config.AUTH_JWKS_URL as string;
    const keySet = createRemoteJWKSet(new URL(url), {
      cacheMaxAge: JWKS_MAX_AGE_MS,
      cooldownDuration: config.AUTH_JWKS_COOLDOWN_SECONDS * 1000,
    });
    return new Authenticator(
      "jwt",
      scopeNames,
      `bearer JWT, RS256/ES256 with the key set at ${url}; ${claims}`,
      { key: keySet, options: { ...options, algorithms: ["RS256", "ES256"] }, remote: true },
    );
  }

  /** The caller of `request`, or an UNAUTHENTICATED error (HTTP 401). */
  async authenticate(request: Request, clientAddress: string | undefined): Promise<Caller> {
    const header = request.headers.get("authorization") ?? undefined;
    const caller = await this.authenticateHeader(header, clientAddress);
    this.callers.set(request, caller);
    return caller;
  }

  /**
   * The caller named by an `Authorization` value that arrived some other way than a request's
   * header (a WebSocket's connection_init payload), or an UNAUTHENTICATED error.
   */
  async authenticateHeader(
    header: string | undefined,
    clientAddress: string | undefined,
  ): Promise<Caller> {
    return this.check
      ? this.verify(header ?? null, this.check)
      : { id: `address:${clientAddress ?? "unknown"}`, permissions: EVERY_PERMISSION };
  }

  /** Makes `caller` the caller of `request`, for a request built by the gateway itself. */
  remember(request: Request, caller: Caller): void {
    this.callers.set(request, caller);
  }

  /** The caller `authenticate` found for `request`; without one, nobody in particular. */
  callerOf(request: Request | undefined): Caller {
    const found = request && this.callers.get(request);
    if (found) return found;
    return { id: "unknown", permissions: this.check ? new Set() : EVERY_PERMISSION };
  }

  private async verify(header: string | null, check: TokenCheck): Promise<Caller> {
    if (!header) {
      throw unauthenticated(
        "Authentication required: send the header `Authorization: Bearer <token>` with a JWT from your identity provider.",
      );
    }
    const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header);
    if (!match?.[1]) {
      throw unauthenticated(
        "The Authorization header must be `Bearer <token>`, with a JWT as the token; no other scheme is accepted.",
        "invalid_request",
      );
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], check.key, check.options));
    } catch (error) {
      throw tokenError(error, check);
    }
    // `sub` names the caller for budgets, cache keys and logs: it must name someone.
    if (typeof payload.sub !== "string" || payload.sub.trim() === "") {
      throw unauthenticated(
        "The bearer token's `sub` claim must be a non-empty string naming the caller.",
      );
    }
    return {
      id: `sub:${payload.sub}`,
      permissions: permissionsFromScopes(tokenScopes(payload), this.scopeNames),
      // Accepted until then, so open streams and sockets last as long: with the same skew.
      expiresAt:
        typeof payload.exp === "number"
          ? (payload.exp + CLOCK_TOLERANCE_SECONDS) * 1000
          : undefined,
    };
  }
}

function unauthenticated(message: string, error = "invalid_token"): GraphQLError {
  return gatewayError("UNAUTHENTICATED", message, {
    http: {
      status: 401,
      // RFC 6750: tells clients which scheme to use and, with a token, what was wrong with it.
      headers: { "WWW-Authenticate": `Bearer realm="${REALM}", error="${error}"` },
    },
  });
}

/** Why a token was refused, as a client can act on it; a key set that cannot be read is ours. */
function tokenError(error: unknown, check: TokenCheck): GraphQLError {
  if (error instanceof errors.JWTExpired) {
    return unauthenticated("The bearer token has expired; get a new one.");
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return unauthenticated(
      `The bearer token's claims are not accepted (${error.message}); the gateway requires \`sub\` and \`exp\`, and the issuer and audience it is configured with.`,
    );
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return unauthenticated("The bearer token's signature does not verify with the gateway's keys.");
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    const allowed = check.options.algorithms?.join(", ") ?? "";
    return unauthenticated(`The bearer token's algorithm is not accepted; accepted: ${allowed}.`);
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return unauthenticated("The bearer token is not a well-formed signed JWT.");
  }
  if (check.remote) {
    console.error(
      "The JSON Web Key Set could not be fetched:",
      error instanceof Error ? `${error.name}: ${error.message}` : error,
    );
    return gatewayError(
      "UPSTREAM_UNAVAILABLE",
      "The gateway cannot fetch the keys that verify tokens right now; retry later.",
      { http: { status: 503 } },
    );
  }
  throw error;
}

/**
 * Authenticates every GraphQL request before it is parsed, so a refused one runs nothing. Other
 * routes (GraphiQL's page, metrics, health) answer before this hook and need no token. With
 * authentication off, the caller is the client address (behind TRUSTED_PROXIES, the forwarded one).
 */
export function useAuthentication(
  authenticator: Authenticator,
  addresses: ClientAddresses,
): Plugin {
  return {
    async onRequestParse({ request, serverContext }) {
      await authenticator.authenticate(request, addresses.ofServerContext(serverContext));
    },
  };
}
