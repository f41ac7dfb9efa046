import { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import parseForwarded from "forwarded-parse";
import proxyAddr from "proxy-addr";
import type { TrustedProxies } from "../config.js";

/**
 * Who sent a request, as far as the gateway can trust it: the peer's address, or, when the peer is
 * a trusted proxy (TRUSTED_PROXIES), the address its X-Forwarded-For or Forwarded header names,
 * walking back past every trusted hop as Express' `trust proxy` does. From anyone else those
 * headers are ignored, so a caller cannot pick an address (and a fresh budget) per request.
 *
 * A proxy appends to one of the two headers; a client may send the other one forged. So when a
 * trusted peer's request carries both and they name different clients, neither is believed and
 * the address is the peer's.
 */
export class ClientAddresses {
  private readonly trust: (address: string, hop: number) => boolean;
  private readonly resolved = new WeakMap<IncomingMessage, string | undefined>();

  constructor(trusted: TrustedProxies) {
    this.trust =
      typeof trusted === "number" ? (_address, hop) => hop < trusted : proxyAddr.compile(trusted);
  }

  /** The client address of a node:http request (once per request, however often asked). */
  of(incoming: IncomingMessage): string | undefined {
    if (this.resolved.has(incoming)) return this.resolved.get(incoming);
    const address = this.resolve(incoming.socket.remoteAddress, incoming.headers);
    this.resolved.set(incoming, address);
    return address;
  }

  /** The client address of the request yoga serves in `serverContext` (node:http's `req`). */
  ofServerContext(serverContext: Record<string, unknown> | undefined): string | undefined {
    const incoming = serverContext?.req;
    return incoming instanceof IncomingMessage ? this.of(incoming) : undefined;
  }

  resolve(
    peer: string | undefined,
    headers: { "x-forwarded-for"?: string | string[]; forwarded?: string | string[] },
  ): string | undefined {
    if (peer === undefined || !this.trust(peer, 0)) return peer;
    const forwardedFor = headerValue(headers["x-forwarded-for"]);
    const forwarded = headerValue(headers.forwarded);
    const fromForwardedFor =
      forwardedFor === undefined ? undefined : this.walk(peer, forwardedFor.split(","));
    const fromForwarded =
      forwarded === undefined ? undefined : this.walk(peer, forwardedClients(forwarded));
    if (fromForwardedFor !== undefined && fromForwarded !== undefined) {
      return fromForwardedFor === fromForwarded ? fromForwardedFor : peer;
    }
    return fromForwardedFor ?? fromForwarded ?? peer;
  }

  /**
   * The client behind `peer`: from the peer back along `chain` (in header order, the client
   * first), past every trusted hop. A hop that names no address (`unknown`, an obfuscated name, a
   * header that does not parse) ends the walk at the proxy that reported it.
   */
  private walk(peer: string, chain: Array<string | undefined>): string {
    const hops = [peer, ...chain.map((entry) => entry && addressOf(entry)).reverse()];
    let address = peer;
    for (let hop = 0; hop < hops.length - 1 && this.trust(address, hop); hop++) {
      const next = hops[hop + 1];
      if (next === undefined) break;
      address = next;
    }
    return address;
  }
}

/** Several lines of one header are one comma-separated list. */
function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}

/** The `for=` of each element of a Forwarded header; one undefined when it does not parse. */
function forwardedClients(header: string): Array<string | undefined> {
  try {
    return parseForwarded(header).map((element) => element.for);
  } catch {
    return [undefined];
  }
}

/** The IP address in `1.2.3.4`, `1.2.3.4:80`, `[2001:db8::1]:80` or `2001:db8::1`; else none. */
function addressOf(entry: string): string | undefined {
  const text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  const candidate = bracketed?.[1] ?? (isIP(text) ? text : text.replace(/:\d+$/, ""));
  return isIP(candidate) ? candidate : undefined;
}
