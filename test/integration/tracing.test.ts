import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SpanKind } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-node";
import { afterEach, describe, expect, it } from "vitest";
import { appStreamImages, fixture, imageArn, packages } from "../helpers/fixtures.js";
import { expectData, startTestGateway, type TestGateway } from "../helpers/gateway.js";

const IMAGE = imageArn("web");
const data = () =>
  fixture({
    imageBuilder: { images: [{ arn: IMAGE, packages: packages(3) }] },
    appStream: { images: appStreamImages(3) },
  });

const QUERY = `query TwoServices {
  imagePackages(imageBuildVersionArn: "${IMAGE}", first: 2) { edges { node { packageName } } }
  appStreamImages(type: PRIVATE, first: 1) { edges { node { name } } }
}`;

let gateway: TestGateway | undefined;
let collector: Server | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
  collector?.close();
  collector = undefined;
});

describe("tracing", () => {
  it("records a span per GraphQL operation and, inside it, one per AWS call", async () => {
    const exporter = new InMemorySpanExporter();
    gateway = await startTestGateway({ fixture: data(), spanExporter: exporter });
    expectData(await gateway.query(QUERY));

    const spans = exporter.getFinishedSpans();
    const operation = spans.find((span) => span.name === "query.TwoServices");
    expect(operation?.kind).toBe(SpanKind.SERVER);
    const awsSpans = spans.filter((span) => span.kind === SpanKind.CLIENT);
    expect(awsSpans.map((span) => span.name).sort()).toEqual([
      "appstream.DescribeImages",
      "imagebuilder.ListImagePackages",
    ]);
    for (const span of awsSpans) {
      expect(span.parentSpanContext?.spanId).toBe(operation?.spanContext().spanId);
      expect(span.spanContext().traceId).toBe(operation?.spanContext().traceId);
      expect(span.attributes).toMatchObject({
        "rpc.system": "aws-api",
        "cloud.region": "us-east-1",
        "aws.attempts": 1,
        "http.response.status_code": 200,
        "gateway.outcome": "ok",
      });
      expect(span.attributes["aws.request_id"]).toMatch(/^[0-9a-f-]{36}$/);
    }
    const packagesCall = awsSpans.find((span) => span.name.startsWith("imagebuilder"));
    expect(packagesCall?.attributes).toMatchObject({
      "rpc.service": "imagebuilder",
      "rpc.method": "ListImagePackages",
    });
    // Identifiers and cursors from the request stay out of the spans.
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain(IMAGE);
  });

  it("traces the STS call behind another account's credentials inside the operation that needed them", async () => {
    const role = "arn:aws:iam::222222222222:role/Reader";
    const exporter = new InMemorySpanExporter();
    gateway = await startTestGateway({
      fixture: { ...data(), accounts: [{ accountId: "222222222222", roles: [{ arn: role }] }] },
      env: { AWS_ACCOUNTS: JSON.stringify([{ id: "222222222222", name: "b", roleArn: role }]) },
      spanExporter: exporter,
    });
    expectData(
      await gateway.query(`query OtherAccount {
        appStreamImages(accounts: ["b"], first: 1) { edges { node { name } } } }`),
    );
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((span) => span.name === "query.OtherAccount");
    const assumeRole = spans.find((span) => span.name === "sts.AssumeRole");
    expect(assumeRole?.kind).toBe(SpanKind.CLIENT);
    expect(assumeRole?.parentSpanContext?.spanId).toBe(operation?.spanContext().spanId);
    expect(assumeRole?.attributes).toMatchObject({
      "rpc.service": "sts",
      "rpc.method": "AssumeRole",
      "gateway.outcome": "ok",
      "aws.attempts": 1,
    });
  });

  it("marks a failed AWS call with its code", async () => {
    const exporter = new InMemorySpanExporter();
    gateway = await startTestGateway({ fixture: data(), spanExporter: exporter });
    await gateway.query(`{ imageBuildVersion(arn: "${imageArn("missing")}") { name } }`);
    const [call] = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.CLIENT);
    expect(call?.attributes).toMatchObject({
      "gateway.outcome": "NOT_FOUND",
      "http.response.status_code": 404,
    });
    expect(call?.status.code).toBe(2);
  });

  it("is off by default, and sends OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT when set", async () => {
    const received: Array<{ path: string; type: string; body: string }> = [];
    collector = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on("end", () => {
        received.push({
          path: request.url ?? "",
          type: request.headers["content-type"] ?? "",
          body,
        });
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => collector?.listen(0, "127.0.0.1", resolve));
    const { port } = collector.address() as AddressInfo;

    gateway = await startTestGateway({ fixture: data() });
    expect(gateway.services.tracing).toBeUndefined();
    await gateway.close();

    gateway = await startTestGateway({
      fixture: data(),
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}/` },
    });
    expectData(await gateway.query(QUERY));
    // Closing flushes the batch of spans.
    await gateway.close();
    gateway = undefined;

    expect(received.length).toBeGreaterThan(0);
    expect(received.every((request) => request.path === "/v1/traces")).toBe(true);
    expect(received[0]?.type).toContain("application/json");
    const body = received.map((request) => request.body).join("\n");
    for (const name of [
      "query.TwoServices",
      "imagebuilder.ListImagePackages",
      "appstream.DescribeImages",
    ]) {
      expect(body).toContain(name);
    }
    expect(body).toContain("aws-image-graph");
  });
});
