import {
  createHmac,
  createSecretKey,
  type KeyObject,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { gatewayError } from "./errors.js";

/** Where an edge sits in an AWS token chain: enough to fetch its page again and skip into it. */
export interface CursorPosition {
  /** The AWS token that fetched the item's page; absent for the first page. */
  pageToken?: string;
  /** The item's index within that page. */
  index: number;
  /** A short hash of the item, to notice a list that changed between requests. */
  fingerprint?: number;
  /**
   * In a merged connection, which (account, region) partition the item came from, by its place
   * in the connection's documented order: partitions before it are read to their end, those
   * after it not begun.
   */
  partition?: number;
}

const VERSION = 1;
const MAC_BYTES = 12;
const FLAG_TOKEN = 0b001;
const FLAG_DEFLATED = 0b010;
const FLAG_FINGERPRINT = 0b100;
const FLAG_PARTITION = 0b1000;

/**
 * Signs and verifies connection cursors.
 *
 * Layout (base64url): version · HMAC-SHA256(key, binding · body)[0..12] · body, where body is
 * flags · index (u16) · fingerprint (u32, optional) · partition (u16, optional) · page token
 * (raw or deflated, optional).
 * The binding (field name and its arguments) is signed but not stored, so a cursor used on
 * another connection fails verification exactly like a tampered one. The first key signs; every
 * key verifies, so a secret can be rotated without breaking cursors clients still hold.
 */
export class CursorCodec {
  // KeyObjects, made once: an HMAC with a raw Buffer key builds one on every call, 3× slower.
  private readonly keys: KeyObject[];

  constructor(
    secrets: readonly string[],
    readonly maxLength: number,
  ) {
    if (secrets.length === 0) throw new Error("CursorCodec needs at least one secret");
    this.keys = secrets.map((secret) => createSecretKey(Buffer.from(secret, "utf8")));
  }

  /** A codec with a random key, for a gateway started without CURSOR_SECRET. */
  static ephemeral(maxLength: number): CursorCodec {
    return new CursorCodec([randomBytes(32).toString("base64")], maxLength);
  }

  encode(binding: string, position: CursorPosition): string {
    const body = encodeBody(position);
    const mac = this.mac(this.keys[0] as KeyObject, binding, body);
    return Buffer.concat([Buffer.of(VERSION), mac, body]).toString("base64url");
  }

  /** Verifies a client-supplied cursor; anything not signed by us for this binding is rejected. */
  decode(binding: string, cursor: string): CursorPosition {
    if (cursor.length > this.maxLength) {
      throw invalidCursor(`it is longer than the ${this.maxLength} characters a cursor may have`);
    }
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor("it is not base64url text");
    const bytes = Buffer.from(cursor, "base64url");
    // Non-canonical spellings (spare bits set in the last character) decode to the same bytes;
    // refusing them keeps "any change to a cursor is rejected" literally true.
    if (bytes.toString("base64url") !== cursor)
      throw invalidCursor("it is not canonical base64url");
    if (bytes.length < 1 + MAC_BYTES + 3 || bytes[0] !== VERSION) {
      throw invalidCursor("it is not a cursor issued by this gateway");
    }
    const mac = bytes.subarray(1, 1 + MAC_BYTES);
    const body = bytes.subarray(1 + MAC_BYTES);
    const signed = this.keys.some((key) => timingSafeEqual(mac, this.mac(key, binding, body)));
    if (!signed) {
      throw invalidCursor("it was not issued for this field and arguments, or it was altered");
    }
    return decodeBody(body);
  }

  private mac(key: KeyObject, binding: string, body: Buffer): Buffer {
    return createHmac("sha256", key)
      .update(binding)
      .update("\0")
      .update(body)
      .digest()
      .subarray(0, MAC_BYTES);
  }
}

function encodeBody(position: CursorPosition): Buffer {
  let flags = 0;
  const header = Buffer.alloc(3);
  header.writeUInt16BE(position.index, 1);
  const parts = [header];
  if (position.fingerprint !== undefined) {
    flags |= FLAG_FINGERPRINT;
    const fingerprint = Buffer.alloc(4);
    fingerprint.writeUInt32BE(position.fingerprint >>> 0);
    parts.push(fingerprint);
  }
  if (position.partition !== undefined) {
    flags |= FLAG_PARTITION;
    const partition = Buffer.alloc(2);
    partition.writeUInt16BE(position.partition);
    parts.push(partition);
  }
  if (position.pageToken !== undefined) {
    flags |= FLAG_TOKEN;
    const raw = Buffer.from(position.pageToken, "utf8");
    const deflated = deflateRawSync(raw, { level: 9 });
    // AWS tokens are often base64 of JSON; deflate wins on long ones, loses on short ones.
    if (deflated.length < raw.length) {
      flags |= FLAG_DEFLATED;
      parts.push(deflated);
    } else {
      parts.push(raw);
    }
  }
  header.writeUInt8(flags, 0);
  return Buffer.concat(parts);
}

function decodeBody(body: Buffer): CursorPosition {
  try {
    const flags = body.readUInt8(0);
    const index = body.readUInt16BE(1);
    let offset = 3;
    let fingerprint: number | undefined;
    if (flags & FLAG_FINGERPRINT) {
      fingerprint = body.readUInt32BE(offset);
      offset += 4;
    }
    let partition: number | undefined;
    if (flags & FLAG_PARTITION) {
      partition = body.readUInt16BE(offset);
      offset += 2;
    }
    let pageToken: string | undefined;
    if (flags & FLAG_TOKEN) {
      const tokenBytes = body.subarray(offset);
      pageToken = (
        flags & FLAG_DEFLATED
          ? inflateRawSync(tokenBytes, { maxOutputLength: 1 << 20 })
          : tokenBytes
      ).toString("utf8");
    }
    return { pageToken, index, fingerprint, ...(partition === undefined ? {} : { partition }) };
  } catch {
    // Only reachable with a valid signature over a malformed body, i.e. a codec bug or key leak.
    throw invalidCursor("its contents are malformed");
  }
}

function invalidCursor(reason: string) {
  return gatewayError(
    "BAD_USER_INPUT",
    `Invalid cursor in "after": ${reason}. Use a cursor from this connection's edges or pageInfo.`,
    { argument: "after" },
  );
}
