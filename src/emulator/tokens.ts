// Opaque pagination tokens. A token is `base64url(payload).base64url(hmac)`, signed with a key
// that is random per emulator instance, so a token is only good for the emulator that issued it,
// for the same operation and request parameters, and (optionally) for a limited time. The
// payload binds a digest of the parameters rather than the parameters themselves, which keeps
// tokens short whatever the request carried.

import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { type ErrorKind, ServiceError } from "./protocol.js";

export interface TokenScope {
  operation: string;
  /** Canonical text of every request parameter except the page size and the token itself. */
  parameters: string;
}

export type TokenReading = { ok: true; offset: number } | { ok: false; reason: string };

interface Payload {
  op: string;
  params: string;
  offset: number;
  issuedAt: number;
}

function isPayload(value: unknown): value is Payload {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.op === "string" &&
    typeof record.params === "string" &&
    Number.isSafeInteger(record.offset) &&
    Number.isSafeInteger(record.issuedAt)
  );
}

const digest = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 22);

export class PageTokens {
  private readonly key = randomBytes(32);

  constructor(
    private readonly ttlMs?: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(scope: TokenScope, offset: number): string {
    const payload: Payload = {
      op: scope.operation,
      params: digest(scope.parameters),
      offset,
      issuedAt: this.now(),
    };
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    return `${body}.${this.sign(body)}`;
  }

  /** The list offset a token points at, or why it cannot be used for this request. */
  read(token: string, scope: TokenScope): TokenReading {
    const [body, signature, extra] = token.split(".");
    if (body === undefined || signature === undefined || extra !== undefined) {
      return { ok: false, reason: "it was not issued by this service" };
    }
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { ok: false, reason: "it was not issued by this service or has been modified" };
    }
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    } catch {
      payload = undefined;
    }
    if (!isPayload(payload)) return { ok: false, reason: "it is malformed" };
    if (payload.op !== scope.operation) {
      return { ok: false, reason: `it was issued for ${payload.op}, not ${scope.operation}` };
    }
    if (payload.params !== digest(scope.parameters)) {
      return {
        ok: false,
        reason:
          "it was issued for a request with other parameters; repeat the parameters of the request that returned it",
      };
    }
    if (this.ttlMs !== undefined) {
      const age = this.now() - payload.issuedAt;
      if (age > this.ttlMs) {
        return {
          ok: false,
          reason: `it has expired (issued ${age} ms ago; tokens are valid for ${this.ttlMs} ms)`,
        };
      }
    }
    return { ok: true, offset: payload.offset };
  }

  private sign(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url");
  }
}

export interface Page<T> {
  items: T[];
  /** Where the next page starts; absent when this is the last page. */
  nextOffset?: number;
}

/**
 * One page of `items` starting at `offset`. A next offset is given only when more items follow,
 * or, with `emptyTrailingPage`, also when a non-empty page ends exactly at the end of the list.
 */
export function pageOf<T>(
  items: readonly T[],
  offset: number,
  pageSize: number,
  emptyTrailingPage: boolean,
): Page<T> {
  const end = Math.min(offset + pageSize, items.length);
  const page = items.slice(offset, end);
  if (end < items.length) return { items: page, nextOffset: end };
  if (emptyTrailingPage && end > offset) return { items: page, nextOffset: end };
  return { items: page };
}

/** Canonical text for a set of request parameters (stable key order, undefined dropped). */
export function canonicalParameters(parameters: Record<string, unknown>): string {
  const keys = Object.keys(parameters)
    .filter((key) => parameters[key] !== undefined)
    .sort();
  return JSON.stringify(keys.map((key) => [key, parameters[key]]));
}

export interface PaginateRequest<T> {
  items: readonly T[];
  pageSize: number;
  nextToken: string | undefined;
  scope: TokenScope;
  tokens: PageTokens;
  emptyTrailingPage: boolean;
  /** The service's error for an unusable token, and the member name it travels in. */
  invalidToken: ErrorKind;
  tokenMember: string;
}

/** Serves the page a request asks for, resolving and issuing tokens. */
export function paginate<T>(request: PaginateRequest<T>): { items: T[]; nextToken?: string } {
  let offset = 0;
  if (request.nextToken !== undefined) {
    const reading = request.tokens.read(request.nextToken, request.scope);
    if (!reading.ok) {
      throw new ServiceError(
        request.invalidToken,
        `Invalid ${request.tokenMember}: ${reading.reason}.`,
      );
    }
    if (reading.offset > request.items.length) {
      throw new ServiceError(
        request.invalidToken,
        `Invalid ${request.tokenMember}: it points past the end of the list.`,
      );
    }
    offset = reading.offset;
  }
  const page = pageOf(request.items, offset, request.pageSize, request.emptyTrailingPage);
  if (page.nextOffset === undefined) return { items: page.items };
  return { items: page.items, nextToken: request.tokens.issue(request.scope, page.nextOffset) };
}
