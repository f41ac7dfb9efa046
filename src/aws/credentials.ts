import { missingCredentialsText } from "../graph/errors.js";
import type { AwsClients } from "./clients.js";

/** Whether the gateway has AWS credentials: for readiness checks and the startup warning. */
export type CredentialStatus =
  | { ok: true }
  | { ok: false; code: "AWS_CREDENTIALS"; message: string };

/**
 * Resolves the credentials the SDK clients sign with (fixed ones, or the default provider chain,
 * cached by the SDK until they near expiry) and reports whether that worked. On failure the
 * message names the provider chain that was tried; it never holds a secret. Credentials that
 * resolve can still be rejected by AWS: calls then fail with AWS_CREDENTIALS too.
 */
export async function credentialStatus(clients: AwsClients): Promise<CredentialStatus> {
  try {
    await clients.imageBuilder(clients.defaultRegion).config.credentials();
    return { ok: true };
  } catch (error) {
    const name = error instanceof Error ? error.name : "unknown error";
    return { ok: false, code: "AWS_CREDENTIALS", message: missingCredentialsText(name) };
  }
}
