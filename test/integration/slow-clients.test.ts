import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../helpers/fixtures.js";
import { startTestGateway, type TestGateway } from "../helpers/gateway.js";
import { hs256Token } from "../helpers/tokens.js";

const SECRET = "slow-clients-test-secret-0123456789abcdef";
const QUERY = JSON.stringify({ query: "{ __typename }" });

/** Small, so a test takes a fraction of a second; the behaviour is the same at the defaults. */
const LIMITS = {
  AUTH_JWT_SECRET: SECRET,
  HTTP_HEADERS_TIMEOUT_MS: "300",
  HTTP_BODY_TIMEOUT_MS: "300",
  HTTP_KEEP_ALIVE_TIMEOUT_MS: "1000",
  HTTP_MAX_REQUESTS_PER_SOCKET: "2",
  // Each 408 is logged as a warning; the answers are what is checked.
  LOG_LEVEL: "error",
};

/** A raw HTTP/1.1 client: everything the gateway sends until it closes the connection. */
class RawClient {
  readonly socket: Socket;
  received = "";
  readonly closed: Promise<string>;
  private trickle?: ReturnType<typeof setInterval>;

  constructor(url: string) {
    const { hostname, port } = new URL(url);
    this.socket = connect(Number(port), hostname);
    this.socket.setEncoding("utf8");
    this.socket.on("data", (chunk: string) => {
      this.received += chunk;
    });
    // Bytes still trickling in after the server closed are answered with a reset; the test only
    // cares what was received before.
    this.socket.on("error", () => {});
    this.closed = new Promise((resolve) => {
      this.socket.once("close", () => {
        clearInterval(this.trickle);
        resolve(this.received);
      });
    });
  }

  /** Sends `text` one byte per `everyMs`, until it is all sent or the connection closes. */
  trickleOut(text: string, everyMs: number) {
    let sent = 0;
    this.trickle = setInterval(() => {
      if (sent >= text.length || this.socket.destroyed) return clearInterval(this.trickle);
      this.socket.write(text[sent++] ?? "");
    }, everyMs);
  }

  destroy() {
    clearInterval(this.trickle);
    this.socket.destroy();
  }
}

/** Status line, headers (lower-cased names) and body of the first response in `raw`. */
function parseResponse(raw: string) {
  const [head = "", ...rest] = raw.split("\r\n\r\n");
  const [statusLine = "", ...headerLines] = head.split("\r\n");
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  return { status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") };
}

function expectTimeoutAnswer(raw: string) {
  const { status, headers, body } = parseResponse(raw);
  expect(status).toBe(408);
  expect(headers.connection).toBe("close");
  expect(headers["content-type"]).toMatch(/^application\/json/);
  const parsed = JSON.parse(body) as {
    errors: Array<{ message: string; extensions: { code: string } }>;
  };
  expect(parsed.errors[0]?.extensions.code).toBe("REQUEST_TIMEOUT");
  return parsed.errors[0]?.message ?? "";
}

const clients: RawClient[] = [];
function client(url: string) {
  const opened = new RawClient(url);
  clients.push(opened);
  return opened;
}
afterEach(() => {
  for (const opened of clients.splice(0)) opened.destroy();
});

function postHead(url: string, token: string, length: number) {
  const { host } = new URL(url);
  return [
    "POST /graphql HTTP/1.1",
    `Host: ${host}`,
    "Content-Type: application/json",
    `Authorization: Bearer ${token}`,
    `Content-Length: ${length}`,
    "",
    "",
  ].join("\r\n");
}

describe("slow clients", () => {
  let gateway: TestGateway;
  let token: string;

  beforeAll(async () => {
    gateway = await startTestGateway({ fixture: fixture({}), env: LIMITS });
    token = await hs256Token(SECRET, { sub: "slow", scope: "images:read" });
  });
  afterAll(() => gateway?.close());

  it("answers authenticated POSTs trickling their bodies 408 with a JSON error, and closes them", async () => {
    const trickling = Array.from({ length: 50 }, () => {
      const slow = client(gateway.url);
      slow.socket.write(postHead(gateway.url, token, QUERY.length));
      slow.trickleOut(QUERY, 100);
      return slow.closed;
    });
    for (const received of await Promise.all(trickling)) {
      const message = expectTimeoutAnswer(received);
      expect(message).toContain("HTTP_BODY_TIMEOUT_MS");
    }
    // Clients that send at once are served meanwhile and after.
    const response = await gateway.post(
      { query: "{ __typename }" },
      { authorization: `Bearer ${token}` },
    );
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("answers a connection trickling its headers 408 with a JSON error, and closes it", async () => {
    const slow = client(gateway.url);
    slow.trickleOut(postHead(gateway.url, token, QUERY.length) + QUERY, 100);
    const message = expectTimeoutAnswer(await slow.closed);
    expect(message).toContain("HTTP_HEADERS_TIMEOUT_MS");
  });

  it("closes a connection that never sends a byte, without an answer", async () => {
    const silent = client(gateway.url);
    expect(await silent.closed).toBe("");
  });

  it("answers bytes that are no HTTP 400 with a JSON error", async () => {
    const garbage = client(gateway.url);
    garbage.socket.write("NOT HTTP AT ALL\r\n\r\n");
    const { status, body } = parseResponse(await garbage.closed);
    expect(status).toBe(400);
    expect(JSON.parse(body)).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
  });

  it("answers headers larger than node:http takes 431 with a JSON error", async () => {
    const large = client(gateway.url);
    const { host } = new URL(gateway.url);
    large.socket.write(
      `GET /health HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${"x".repeat(20_000)}\r\n\r\n`,
    );
    const { status, body } = parseResponse(await large.closed);
    expect(status).toBe(431);
    expect(JSON.parse(body)).toMatchObject({
      errors: [{ extensions: { code: "REQUEST_HEADER_FIELDS_TOO_LARGE" } }],
    });
  });

  it("tells keep-alive clients how long an idle connection stays, and closes it after", async () => {
    const idle = client(gateway.url);
    const { host } = new URL(gateway.url);
    idle.socket.write(`GET /health HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
    const received = await idle.closed;
    const { status, headers } = parseResponse(received);
    expect(status).toBe(200);
    expect(headers["keep-alive"]).toMatch(/^timeout=1\b/);
  });

  it("closes a keep-alive connection after HTTP_MAX_REQUESTS_PER_SOCKET requests", async () => {
    const busy = client(gateway.url);
    const { host } = new URL(gateway.url);
    const get = `GET /health HTTP/1.1\r\nHost: ${host}\r\n\r\n`;
    busy.socket.write(get);
    while (!busy.received.includes("\r\n\r\n")) await once(busy.socket, "data");
    busy.socket.write(get);
    const responses = () => busy.received.match(/HTTP\/1\.1 /g)?.length ?? 0;
    // Closed with the second answer: a third request never finds the socket open.
    const received = await busy.closed;
    expect(responses()).toBe(2);
    const answers = received.split(/(?=HTTP\/1\.1 )/);
    expect(answers).toHaveLength(2);
    expect(parseResponse(answers[0] ?? "").headers.connection).toBe("keep-alive");
    expect(parseResponse(answers[0] ?? "").status).toBe(200);
    expect(parseResponse(answers[1] ?? "").status).toBe(200);
    expect(parseResponse(answers[1] ?? "").headers.connection).toBe("close");
  });
});

describe("graceful shutdown with a client trickling its body", () => {
  it("is not held: the client is answered 408 and the gateway stops", async () => {
    const gateway = await startTestGateway({ fixture: fixture({}), env: LIMITS });
    try {
      const token = await hs256Token(SECRET, { sub: "slow", scope: "images:read" });
      const slow = client(gateway.url);
      // A minute's worth of body at this pace.
      const body = JSON.stringify({ query: `{ __typename }${" ".repeat(600)}` });
      slow.socket.write(postHead(gateway.url, token, body.length));
      slow.trickleOut(body, 100);
      // The request is in flight once its headers are read.
      while (gateway.requestsInFlight() === 0) await new Promise((done) => setTimeout(done, 10));
      // Far longer than this test may take: only the body timeout can end the wait in time.
      await gateway.shutdown(60_000);
      expectTimeoutAnswer(await slow.closed);
    } finally {
      await gateway.close().catch(() => {});
    }
  }, 20_000);
});
