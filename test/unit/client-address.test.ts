import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { ClientAddresses } from "../../src/http/client-address.js";

const addresses = (TRUSTED_PROXIES?: string) =>
  new ClientAddresses(loadConfig(TRUSTED_PROXIES ? { TRUSTED_PROXIES } : {}).TRUSTED_PROXIES);

describe("client addresses", () => {
  it("trust nobody by default: the forwarding headers of any peer are ignored", () => {
    const resolve = addresses();
    expect(resolve.resolve("127.0.0.1", { "x-forwarded-for": "203.0.113.7" })).toBe("127.0.0.1");
    expect(resolve.resolve("10.0.0.2", { forwarded: "for=203.0.113.7" })).toBe("10.0.0.2");
  });

  it("take X-Forwarded-For from a trusted proxy, stopping at the first untrusted hop", () => {
    const resolve = addresses("loopback");
    expect(resolve.resolve("127.0.0.1", { "x-forwarded-for": "203.0.113.7" })).toBe("203.0.113.7");
    // The client sent 198.51.100.1 itself; the proxy appended the address it saw.
    expect(resolve.resolve("::1", { "x-forwarded-for": "198.51.100.1, 203.0.113.7" })).toBe(
      "203.0.113.7",
    );
    expect(resolve.resolve("::ffff:127.0.0.1", { "x-forwarded-for": "203.0.113.7:5123" })).toBe(
      "203.0.113.7",
    );
    // An untrusted peer gets no say, whatever it sends.
    expect(resolve.resolve("192.0.2.1", { "x-forwarded-for": "203.0.113.7" })).toBe("192.0.2.1");
    expect(resolve.resolve("127.0.0.1", {})).toBe("127.0.0.1");
  });

  it("walk back past every trusted range or hop count", () => {
    const ranges = addresses("10.0.0.0/8, 172.16.0.0/12");
    expect(
      ranges.resolve("10.1.2.3", { "x-forwarded-for": "198.51.100.9, 203.0.113.7, 172.16.5.5" }),
    ).toBe("203.0.113.7");
    const twoHops = addresses("2");
    expect(
      twoHops.resolve("192.0.2.1", { "x-forwarded-for": "198.51.100.9, 203.0.113.7, 192.0.2.2" }),
    ).toBe("203.0.113.7");
    expect(twoHops.resolve("192.0.2.1", { "x-forwarded-for": "203.0.113.7" })).toBe("203.0.113.7");
  });

  it("read RFC 7239 Forwarded, IPv6 and ports included", () => {
    const resolve = addresses("loopback");
    expect(resolve.resolve("127.0.0.1", { forwarded: "for=203.0.113.7;proto=https" })).toBe(
      "203.0.113.7",
    );
    expect(resolve.resolve("127.0.0.1", { forwarded: 'for="[2001:db8::17]:4711"' })).toBe(
      "2001:db8::17",
    );
    expect(resolve.resolve("127.0.0.1", { forwarded: "for=198.51.100.1, for=203.0.113.7" })).toBe(
      "203.0.113.7",
    );
  });

  it("believe neither header when a trusted proxy's request carries two that disagree", () => {
    const resolve = addresses("loopback");
    const forged = { "x-forwarded-for": "203.0.113.7", forwarded: "for=198.51.100.1" };
    expect(resolve.resolve("127.0.0.1", forged)).toBe("127.0.0.1");
    const agreeing = { "x-forwarded-for": "203.0.113.7", forwarded: "for=203.0.113.7" };
    expect(resolve.resolve("127.0.0.1", agreeing)).toBe("203.0.113.7");
  });

  it("stop at the proxy when the hop it names is no address", () => {
    const resolve = addresses("loopback");
    expect(resolve.resolve("127.0.0.1", { forwarded: "for=unknown" })).toBe("127.0.0.1");
    expect(resolve.resolve("127.0.0.1", { forwarded: "for=_hidden;by" })).toBe("127.0.0.1");
    expect(resolve.resolve("127.0.0.1", { "x-forwarded-for": "not-an-address" })).toBe("127.0.0.1");
  });
});

describe("TRUSTED_PROXIES", () => {
  it("takes hop counts, addresses, ranges and names, and names what is wrong", () => {
    expect(loadConfig({}).TRUSTED_PROXIES).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: "1" }).TRUSTED_PROXIES).toBe(1);
    expect(loadConfig({ TRUSTED_PROXIES: "loopback, 10.0.0.0/8,::1" }).TRUSTED_PROXIES).toEqual([
      "loopback",
      "10.0.0.0/8",
      "::1",
    ]);
    expect(() => loadConfig({ TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(
      /TRUSTED_PROXIES: must be a number of proxy hops .* got "10.0.0.0\/33"/,
    );
    expect(() => loadConfig({ TRUSTED_PROXIES: "lb.example.com" })).toThrow(/TRUSTED_PROXIES/);
  });
});
