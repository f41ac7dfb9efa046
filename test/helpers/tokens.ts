import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
} from "jose";

/** Claims a test token carries; `exp` defaults to five minutes from now. */
export interface TokenClaims extends JWTPayload {
  scope?: string;
  scp?: string[] | string;
}

/** Signs an HS256 token with `secret`, as an identity provider sharing AUTH_JWT_SECRET would. */
export function hs256Token(secret: string, claims: TokenClaims): Promise<string> {
  return sign(claims, { alg: "HS256" }, new TextEncoder().encode(secret));
}

/** The headers of caller `sub` with an HS256 token granting `scope` (reads and mutations). */
export async function bearer(secret: string, sub: string, scope = "images:read pipelines:execute") {
  return { authorization: `Bearer ${await hs256Token(secret, { sub, scope })}` };
}

async function sign(
  claims: TokenClaims,
  header: { alg: string; kid?: string },
  key: CryptoKey | Uint8Array,
): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader(header).setIssuedAt();
  if (claims.exp === undefined) jwt.setExpirationTime("5m");
  return jwt.sign(key);
}

/** A signing key of an identity provider: its private half signs, its public JWK is published. */
export interface SigningKey {
  kid: string;
  alg: "RS256" | "ES256";
  jwk: JWK;
  sign(claims: TokenClaims): Promise<string>;
}

export async function signingKey(alg: "RS256" | "ES256", kid: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
  return { kid, alg, jwk, sign: (claims) => sign(claims, { alg, kid }, privateKey) };
}

/**
 * An identity provider's JWKS endpoint on a loopback port: serves whichever keys are published
 * now, and counts how often the gateway fetched them.
 */
export async function startJwksServer(keys: SigningKey[]) {
  let published = keys;
  let fetches = 0;
  const server = createServer((request, response) => {
    if (request.url !== "/.well-known/jwks.json") {
      response.writeHead(404).end();
      return;
    }
    fetches++;
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ keys: published.map((key) => key.jwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    get fetches() {
      return fetches;
    },
    /** Replaces the published keys, as a provider does when it rotates them. */
    publish(next: SigningKey[]) {
      published = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
