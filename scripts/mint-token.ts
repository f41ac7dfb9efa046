/**
 * `npm run token`: prints a bearer token signed with AUTH_JWT_SECRET (HS256), with the issuer
 * and audience the gateway is configured to require, for trying the gateway by hand.
 *
 *   AUTH_JWT_SECRET=… npm run token -- --sub alice --scope images:read --expires 1h
 */
import { parseArgs } from "node:util";
import { SignJWT } from "jose";
import { ConfigError, loadConfig } from "../src/config.js";

try {
  const config = loadConfig();
  const { values } = parseArgs({
    options: {
      sub: { type: "string", default: "developer" },
      // Default: every scope the gateway knows, so the token can do everything.
      scope: { type: "string", default: `${config.AUTH_READ_SCOPE} ${config.AUTH_EXECUTE_SCOPE}` },
      expires: { type: "string", default: "1h" },
    },
  });
  if (!config.AUTH_JWT_SECRET) {
    throw new Error(
      "AUTH_JWT_SECRET is not set: this script signs with the gateway's HS256 secret (tokens for AUTH_JWKS_URL come from your identity provider).",
    );
  }
  const token = new SignJWT({ scope: values.scope })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(values.sub)
    .setIssuedAt()
    .setExpirationTime(values.expires);
  if (config.AUTH_ISSUER) token.setIssuer(config.AUTH_ISSUER);
  if (config.AUTH_AUDIENCE) token.setAudience(config.AUTH_AUDIENCE.split(",")[0]?.trim() ?? "");
  console.log(await token.sign(new TextEncoder().encode(config.AUTH_JWT_SECRET)));
} catch (error) {
  const message =
    error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  console.error(`No token: ${message}`);
  process.exit(1);
}
