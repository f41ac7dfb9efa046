import { DescribeImagesCommand, paginateDescribeImages } from "@aws-sdk/client-appstream";
import {
  ListImagePackagesCommand,
  paginateListImagePackages,
  StartImagePipelineExecutionCommand,
} from "@aws-sdk/client-imagebuilder";
import {
  ListImageSetVersionsCommand,
  paginateListImageSetVersions,
} from "@aws-sdk/client-medical-imaging";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type EmulatorOptions,
  type Fixture,
  FixtureError,
  type RunningEmulator,
  startEmulator,
} from "../../src/emulator/index.js";
import {
  appStreamClient,
  appStreamImages,
  caught,
  collect,
  healthImagingId,
  imageArn,
  imageBuilderClient,
  imageSetVersions,
  medicalImagingClient,
  packages,
  pipelineArn,
  seededRandom,
} from "../helpers/emulator-clients.js";

const IMAGE = imageArn("web", "1.0.0", 1);
const STORE = healthImagingId(1, "d");
const SET = healthImagingId(1, "b");
const HI_PATH = `/datastore/${STORE}/imageSet/${SET}/listImageSetVersions`;

const fixture: Fixture = {
  imageBuilder: {
    images: [{ arn: IMAGE, packages: packages(53) }],
    pipelines: [{ arn: pipelineArn("web"), imageName: "web", semanticVersion: "1.0.0" }],
  },
  medicalImaging: {
    datastores: [
      {
        datastoreId: STORE,
        region: "us-east-1",
        imageSets: [{ imageSetId: SET, versions: imageSetVersions(37) }],
      },
    ],
  },
  appStream: { images: appStreamImages(31) },
};

const running: RunningEmulator[] = [];
async function emulatorWith(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const emulator = await startEmulator({ fixture, ...options });
  running.push(emulator);
  return emulator;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

const authorization = (region: string, service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;

interface RawResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function raw(
  emulator: RunningEmulator,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const response = await fetch(`${emulator.url}${path}`, {
    method: init.method ?? "POST",
    headers: init.headers,
    body: init.body,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

const ibHeaders = (region = "us-east-1") => ({
  authorization: authorization(region, "imagebuilder"),
  "content-type": "application/json",
});
const asHeaders = (target = "PhotonAdminProxyService.DescribeImages") => ({
  authorization: authorization("us-east-1", "appstream"),
  "content-type": "application/x-amz-json-1.1",
  "x-amz-target": target,
});

describe("authorization", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ fixture });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it("answers Image Builder calls without a SigV4 header with ForbiddenException 403", async () => {
    const out = await raw(emulator, "/ListImagePackages", {
      body: JSON.stringify({ imageBuildVersionArn: IMAGE }),
    });
    expect(out.status).toBe(403);
    expect(out.headers.get("x-amzn-errortype")).toBe("ForbiddenException");
    expect(out.body.message).toMatch(/Authorization/);
  });

  it("answers HealthImaging calls with a malformed header with AccessDeniedException 403", async () => {
    const out = await raw(emulator, HI_PATH, { headers: { authorization: "Bearer abc" } });
    expect(out.status).toBe(403);
    expect(out.headers.get("x-amzn-errortype")).toBe("AccessDeniedException");
  });

  it("answers AppStream calls without a SigV4 header with __type AccessDeniedException", async () => {
    const { authorization: _none, ...headers } = asHeaders();
    const out = await raw(emulator, "/", { headers, body: "{}" });
    expect(out.status).toBe(403);
    expect(out.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(out.body).toEqual({ __type: "AccessDeniedException", Message: expect.any(String) });
  });

  it("rejects a credential scope that names another service", async () => {
    const out = await raw(emulator, "/ListImagePackages", {
      headers: { authorization: authorization("us-east-1", "appstream") },
      body: JSON.stringify({ imageBuildVersionArn: IMAGE }),
    });
    expect(out.status).toBe(403);
    expect(out.body.message).toMatch(/appstream/);
  });

  it("takes the region from the credential scope", async () => {
    const east = await raw(emulator, "/ListImagePackages", {
      headers: ibHeaders("us-east-1"),
      body: JSON.stringify({ imageBuildVersionArn: IMAGE, maxResults: 1 }),
    });
    expect(east.status).toBe(200);
    const west = await raw(emulator, "/ListImagePackages", {
      headers: ibHeaders("us-west-2"),
      body: JSON.stringify({ imageBuildVersionArn: IMAGE }),
    });
    expect(west.status).toBe(404);
    expect(emulator.calls.at(-1)?.region).toBe("us-west-2");
  });
});

describe("wire robustness", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ fixture });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it.each([
    ["malformed JSON", "{not json", /not valid JSON/],
    ["a JSON array", "[1,2]", /JSON object/],
    ["JSON null", "null", /JSON object/],
    [
      "a string maxResults",
      JSON.stringify({ imageBuildVersionArn: IMAGE, maxResults: "5" }),
      /'maxResults'/,
    ],
    [
      "a fractional maxResults",
      JSON.stringify({ imageBuildVersionArn: IMAGE, maxResults: 2.5 }),
      /'maxResults'/,
    ],
    ["a numeric ARN", JSON.stringify({ imageBuildVersionArn: 42 }), /'imageBuildVersionArn'/],
    ["an empty body", "", /'imageBuildVersionArn'/],
  ])(
    "answers an Image Builder body with %s with InvalidRequestException 400",
    async (_, body, message) => {
      const out = await raw(emulator, "/ListImagePackages", { headers: ibHeaders(), body });
      expect(out.status).toBe(400);
      expect(out.headers.get("x-amzn-errortype")).toBe("InvalidRequestException");
      expect(out.body.message).toMatch(message);
    },
  );

  it("requires a client token when the caller sends none", async () => {
    const out = await raw(emulator, "/StartImagePipelineExecution", {
      method: "PUT",
      headers: ibHeaders(),
      body: JSON.stringify({ imagePipelineArn: pipelineArn("web") }),
    });
    expect(out.status).toBe(400);
    expect(out.body.message).toMatch(/'clientToken'.*not be null/);
  });

  it("rejects tags that are not a string map", async () => {
    const out = await raw(emulator, "/StartImagePipelineExecution", {
      method: "PUT",
      headers: ibHeaders(),
      body: JSON.stringify({
        imagePipelineArn: pipelineArn("web"),
        clientToken: "t",
        tags: { a: 1 },
      }),
    });
    expect(out.status).toBe(400);
    expect(out.body.message).toMatch(/'tags.a'/);
  });

  it.each([
    ["a non-numeric maxResults", `${HI_PATH}?maxResults=abc`, /'maxResults'/],
    [
      "broken percent-encoding in a label",
      `/datastore/%E0%A4%A/imageSet/${SET}/listImageSetVersions`,
      /datastoreId/,
    ],
    ["an empty label", `/datastore//imageSet/${SET}/listImageSetVersions`, /'datastoreId'/],
  ])(
    "answers a HealthImaging request with %s with ValidationException 400",
    async (_, path, message) => {
      const out = await raw(emulator, path, {
        headers: { authorization: authorization("us-east-1", "medical-imaging") },
      });
      expect(out.status).toBe(400);
      expect(out.headers.get("x-amzn-errortype")).toBe("ValidationException");
      expect(out.body.message).toMatch(message);
    },
  );

  it("decodes percent-encoded query tokens", async () => {
    const first = await raw(emulator, `${HI_PATH}?maxResults=2`, {
      headers: { authorization: authorization("us-east-1", "medical-imaging") },
    });
    const token = encodeURIComponent(String(first.body.nextToken));
    const second = await raw(emulator, `${HI_PATH}?nextToken=${token}&maxResults=1`, {
      headers: { authorization: authorization("us-east-1", "medical-imaging") },
    });
    expect(second.status).toBe(200);
    const list = second.body.imageSetPropertiesList as { versionId: string; createdAt: unknown }[];
    expect(list.map((version) => version.versionId)).toEqual(["3"]);
    // Epoch seconds on the wire, as JSON numbers.
    expect(list[0]?.createdAt).toBe(Date.parse("2026-03-01T12:00:00Z") / 1000);
  });

  it("answers malformed AppStream JSON with SerializationException 400", async () => {
    const out = await raw(emulator, "/", { headers: asHeaders(), body: "{" });
    expect(out.status).toBe(400);
    expect(out.body.__type).toBe("SerializationException");
  });

  it("rejects a non-list Names member with ValidationException", async () => {
    const out = await raw(emulator, "/", {
      headers: asHeaders(),
      body: JSON.stringify({ Names: "image-000" }),
    });
    expect(out.status).toBe(400);
    expect(out.body).toEqual({
      __type: "ValidationException",
      Message: expect.stringMatching(/'Names'/),
    });
  });

  it("sends AppStream timestamps as epoch-second numbers", async () => {
    const out = await raw(emulator, "/", {
      headers: asHeaders(),
      body: JSON.stringify({ MaxResults: 1 }),
    });
    const images = out.body.Images as { CreatedTime: unknown; region?: unknown }[];
    expect(images[0]?.CreatedTime).toBe(Date.parse("2026-01-01T00:00:00Z") / 1000);
    expect(images[0]?.region).toBeUndefined();
  });

  it("answers an unknown x-amz-target with UnknownOperationException 400", async () => {
    const out = await raw(emulator, "/", {
      headers: asHeaders("PhotonAdminProxyService.DescribeFleets"),
      body: "{}",
    });
    expect(out.status).toBe(400);
    expect(out.body.__type).toBe("UnknownOperationException");
    expect(emulator.calls.at(-1)).toMatchObject({
      service: "appstream",
      operation: "DescribeFleets",
      errorName: "UnknownOperationException",
    });
  });

  it.each([
    ["an unknown path", "POST", "/ListImages"],
    ["a known path with the wrong method", "GET", "/ListImagePackages"],
    ["the HealthImaging path with the wrong method", "GET", HI_PATH],
    ["the root without x-amz-target", "POST", "/"],
  ])("answers %s with UnknownOperationException 404", async (_, method, path) => {
    const out = await raw(emulator, path, { method, headers: ibHeaders() });
    expect(out.status).toBe(404);
    expect(out.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    expect(out.body.message).toEqual(expect.any(String));
  });

  it("puts a request id on every response", async () => {
    const responses = await Promise.all([
      fetch(`${emulator.url}/nowhere`),
      fetch(`${emulator.url}/ListImagePackages`, { method: "POST", body: "{" }),
      fetch(`${emulator.url}/_emulator/health`),
    ]);
    for (const response of responses) {
      expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("keeps serving after all of the above", async () => {
    const client = imageBuilderClient(emulator);
    try {
      const out = await client.send(
        new ListImagePackagesCommand({ imageBuildVersionArn: IMAGE, maxResults: 1 }),
      );
      expect(out.imagePackageList).toHaveLength(1);
    } finally {
      client.destroy();
    }
  });
});

describe("fault injection", () => {
  it("throttles every call at rate 1 with each service's throttling error and 429", async () => {
    const emulator = await emulatorWith({ faults: { throttleRate: 1 } });
    const ib = imageBuilderClient(emulator);
    const mi = medicalImagingClient(emulator);
    const as = appStreamClient(emulator);
    try {
      const ibError = await caught(
        ib.send(new ListImagePackagesCommand({ imageBuildVersionArn: IMAGE })),
      );
      expect(ibError.name).toBe("CallRateLimitExceededException");
      expect(ibError.$metadata.httpStatusCode).toBe(429);
      const miError = await caught(
        mi.send(new ListImageSetVersionsCommand({ datastoreId: STORE, imageSetId: SET })),
      );
      expect(miError.name).toBe("ThrottlingException");
      expect(miError.$metadata.httpStatusCode).toBe(429);
      const asError = await caught(as.send(new DescribeImagesCommand({})));
      expect(asError.name).toBe("ThrottlingException");
      expect(asError.$metadata.httpStatusCode).toBe(429);
      expect(emulator.calls.map((call) => [call.status, call.errorName])).toEqual([
        [429, "CallRateLimitExceededException"],
        [429, "ThrottlingException"],
        [429, "ThrottlingException"],
      ]);
    } finally {
      ib.destroy();
      mi.destroy();
      as.destroy();
    }
  });

  it("lets the SDK retry a throttled call until its attempts run out", async () => {
    const emulator = await emulatorWith({ faults: { throttleRate: 1 } });
    const client = imageBuilderClient(emulator, { attempts: 3 });
    try {
      const error = await caught(
        client.send(new ListImagePackagesCommand({ imageBuildVersionArn: IMAGE })),
      );
      expect(error.$metadata.attempts).toBe(3);
      expect(emulator.calls).toHaveLength(3);
    } finally {
      client.destroy();
    }
  });

  it.each([
    [0.2, "ServiceException", 500, "InternalServerException", 500, "InternalFailure", 500],
    [
      0.7,
      "ServiceUnavailableException",
      503,
      "InternalServerException",
      500,
      "ServiceUnavailable",
      503,
    ],
  ])(
    "answers with server errors at error rate 1 (draw %s)",
    async (draw, ibName, ibStatus, miName, miStatus, asName, asStatus) => {
      const emulator = await emulatorWith({ faults: { errorRate: 1 }, random: () => draw });
      const ib = imageBuilderClient(emulator);
      const mi = medicalImagingClient(emulator);
      const as = appStreamClient(emulator);
      try {
        const ibError = await caught(
          ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn("web") })),
        );
        expect([ibError.name, ibError.$metadata.httpStatusCode]).toEqual([ibName, ibStatus]);
        const miError = await caught(
          mi.send(new ListImageSetVersionsCommand({ datastoreId: STORE, imageSetId: SET })),
        );
        expect([miError.name, miError.$metadata.httpStatusCode]).toEqual([miName, miStatus]);
        const asError = await caught(as.send(new DescribeImagesCommand({})));
        expect([asError.name, asError.$metadata.httpStatusCode]).toEqual([asName, asStatus]);
        // A faulted StartImagePipelineExecution created nothing.
        expect(emulator.workflowExecutionIds()).toEqual([]);
      } finally {
        ib.destroy();
        mi.destroy();
        as.destroy();
      }
    },
  );

  it("injects faults before validation and authorization", async () => {
    const emulator = await emulatorWith({ faults: { throttleRate: 1 } });
    const out = await raw(emulator, "/ListImagePackages", { body: "{bad" });
    expect(out.status).toBe(429);
  });

  it("keeps paging exact under throttling and errors when the SDK retries", async () => {
    const emulator = await emulatorWith({
      faults: { throttleRate: 0.3, errorRate: 0.3 },
      random: seededRandom(7),
    });
    const ib = imageBuilderClient(emulator, { attempts: 12 });
    const mi = medicalImagingClient(emulator, { attempts: 12 });
    const as = appStreamClient(emulator, { attempts: 12 });
    try {
      for (const pageSize of [1, 4, 25]) {
        const packagesSeen = await collect(
          paginateListImagePackages({ client: ib, pageSize }, { imageBuildVersionArn: IMAGE }),
          (page) => page.imagePackageList,
        );
        expect(packagesSeen.items).toEqual(packages(53));
      }
      const versions = await collect(
        paginateListImageSetVersions(
          { client: mi, pageSize: 5 },
          { datastoreId: STORE, imageSetId: SET },
        ),
        (page) => page.imageSetPropertiesList,
      );
      expect(versions.items.map((version) => version.versionId)).toEqual(
        imageSetVersions(37).map((version) => version.versionId),
      );
      const images = await collect(
        paginateDescribeImages({ client: as, pageSize: 4 }, {}),
        (page) => page.Images,
      );
      expect(images.items.map((image) => image.Name)).toEqual(
        appStreamImages(31).map((i) => i.Name),
      );

      const statuses = new Set(emulator.calls.map((call) => call.status));
      expect(statuses).toContain(429);
      expect(statuses).toContain(500);
      expect(statuses).toContain(503);
      expect(statuses).toContain(200);
    } finally {
      ib.destroy();
      mi.destroy();
      as.destroy();
    }
  });

  it("adds the configured latency to every call", async () => {
    const emulator = await emulatorWith({ faults: { latencyMs: { min: 60, max: 60 } } });
    const client = appStreamClient(emulator);
    try {
      const started = performance.now();
      await client.send(new DescribeImagesCommand({ MaxResults: 1 }));
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
      expect(emulator.calls[0]?.durationMs).toBeGreaterThanOrEqual(55);
    } finally {
      client.destroy();
    }
  });

  it("draws latency within the configured range", async () => {
    const draws = [0, 0.5];
    const emulator = await emulatorWith({
      faults: { latencyMs: { min: 10, max: 90 } },
      random: () => draws.shift() ?? 0,
    });
    const client = appStreamClient(emulator);
    try {
      await client.send(new DescribeImagesCommand({ MaxResults: 1 }));
      await client.send(new DescribeImagesCommand({ MaxResults: 1 }));
      const [fast, slow] = emulator.calls;
      expect(fast?.durationMs).toBeGreaterThanOrEqual(9);
      expect(fast?.durationMs).toBeLessThan(45);
      expect(slow?.durationMs).toBeGreaterThanOrEqual(49);
    } finally {
      client.destroy();
    }
  });

  it("refuses fault options out of range", async () => {
    await expect(startEmulator({ fixture, faults: { throttleRate: 1.5 } })).rejects.toThrow(
      /throttleRate/,
    );
    await expect(
      startEmulator({ fixture, faults: { latencyMs: { min: 50, max: 10 } } }),
    ).rejects.toThrow(/latencyMs/);
  });
});

describe("call recording", () => {
  it("records each call's service, operation, region, account, status, error and parsed input", async () => {
    const emulator = await emulatorWith();
    const ib = imageBuilderClient(emulator, { region: "us-east-1" });
    const mi = medicalImagingClient(emulator);
    const as = appStreamClient(emulator, { region: "eu-west-1" });
    try {
      await ib.send(new ListImagePackagesCommand({ imageBuildVersionArn: IMAGE, maxResults: 2 }));
      await mi.send(
        new ListImageSetVersionsCommand({ datastoreId: STORE, imageSetId: SET, maxResults: 3 }),
      );
      await caught(as.send(new DescribeImagesCommand({ Names: ["nope"] })));
      const before = Date.now();
      expect(emulator.calls).toEqual([
        {
          service: "imagebuilder",
          operation: "ListImagePackages",
          region: "us-east-1",
          accountId: "123456789012",
          status: 200,
          input: { imageBuildVersionArn: IMAGE, maxResults: 2 },
          startedAt: expect.any(Number),
          durationMs: expect.any(Number),
        },
        {
          service: "medical-imaging",
          operation: "ListImageSetVersions",
          region: "us-east-1",
          accountId: "123456789012",
          status: 200,
          input: { datastoreId: STORE, imageSetId: SET, maxResults: 3 },
          startedAt: expect.any(Number),
          durationMs: expect.any(Number),
        },
        {
          service: "appstream",
          operation: "DescribeImages",
          region: "eu-west-1",
          accountId: "123456789012",
          status: 400,
          errorName: "ResourceNotFoundException",
          input: { Names: ["nope"] },
          startedAt: expect.any(Number),
          durationMs: expect.any(Number),
        },
      ]);
      for (const call of emulator.calls) {
        expect(call.startedAt).toBeLessThanOrEqual(before);
        expect(call.startedAt).toBeGreaterThan(before - 10_000);
      }
    } finally {
      ib.destroy();
      mi.destroy();
      as.destroy();
    }
  });

  it("lists calls in arrival order even when they finish out of order", async () => {
    const draws = [0.99, 0];
    const emulator = await emulatorWith({
      faults: { latencyMs: { min: 0, max: 300 } },
      random: () => draws.shift() ?? 0,
    });
    const client = appStreamClient(emulator);
    try {
      const slow = client.send(new DescribeImagesCommand({ MaxResults: 1 }));
      await new Promise((resolve) => setTimeout(resolve, 60));
      await client.send(new DescribeImagesCommand({ MaxResults: 2 }));
      await slow;
      expect(emulator.calls.map((call) => call.input.MaxResults)).toEqual([1, 2]);
      expect(emulator.calls[0]?.durationMs).toBeGreaterThan(emulator.calls[1]?.durationMs ?? 0);
    } finally {
      client.destroy();
    }
  });

  it("measures the highest concurrency per service and overall, and resets", async () => {
    const emulator = await emulatorWith({ faults: { latencyMs: { min: 80, max: 80 } } });
    const mi = medicalImagingClient(emulator);
    const as = appStreamClient(emulator);
    try {
      await Promise.all([
        ...Array.from({ length: 5 }, () =>
          mi.send(new ListImageSetVersionsCommand({ datastoreId: STORE, imageSetId: SET })),
        ),
        ...Array.from({ length: 3 }, () => as.send(new DescribeImagesCommand({}))),
      ]);
      expect(emulator.maxConcurrency("medical-imaging")).toBe(5);
      expect(emulator.maxConcurrency("appstream")).toBe(3);
      expect(emulator.maxConcurrency("imagebuilder")).toBe(0);
      expect(emulator.maxConcurrency()).toBe(8);

      for (const _ of [1, 2]) {
        await mi.send(new ListImageSetVersionsCommand({ datastoreId: STORE, imageSetId: SET }));
      }
      expect(emulator.maxConcurrency("medical-imaging")).toBe(5);

      emulator.resetCalls();
      expect(emulator.calls).toEqual([]);
      expect(emulator.maxConcurrency()).toBe(0);
      await mi.send(new ListImageSetVersionsCommand({ datastoreId: STORE, imageSetId: SET }));
      expect(emulator.maxConcurrency()).toBe(1);
      expect(emulator.calls).toHaveLength(1);
    } finally {
      mi.destroy();
      as.destroy();
    }
  });

  it("serves /_emulator/calls and /_emulator/health, and resets with DELETE", async () => {
    const emulator = await emulatorWith();
    const client = imageBuilderClient(emulator);
    try {
      await client.send(new ListImagePackagesCommand({ imageBuildVersionArn: IMAGE }));
      const health = await fetch(`${emulator.url}/_emulator/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok" });

      const calls = await fetch(`${emulator.url}/_emulator/calls`);
      expect(await calls.json()).toEqual(JSON.parse(JSON.stringify(emulator.calls)));
      expect(emulator.calls).toHaveLength(1);

      const reset = await fetch(`${emulator.url}/_emulator/calls`, { method: "DELETE" });
      expect(reset.status).toBe(204);
      expect(emulator.calls).toEqual([]);
      const after = await fetch(`${emulator.url}/_emulator/calls`);
      expect(await after.json()).toEqual([]);

      const unknown = await fetch(`${emulator.url}/_emulator/nothing`);
      expect(unknown.status).toBe(404);
    } finally {
      client.destroy();
    }
  });

  it("records unknown operations under the service named by the credential scope", async () => {
    const emulator = await emulatorWith();
    await raw(emulator, "/ListImages", { headers: ibHeaders() });
    await raw(emulator, "/ListImages");
    expect(emulator.calls).toEqual([
      expect.objectContaining({
        service: "imagebuilder",
        operation: "POST /ListImages",
        status: 404,
        errorName: "UnknownOperationException",
      }),
    ]);
  });
});

describe("lifecycle", () => {
  it("refuses an invalid fixture with a FixtureError naming the path", async () => {
    const bad = { imageBuilder: { images: [{ arn: "nope" }] } } as Fixture;
    const error = await startEmulator({ fixture: bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixtureError);
    expect(String((error as Error).message)).toContain("imageBuilder.images[0].arn");
  });

  it("listens on the requested port and host, and stops on close", async () => {
    const first = await emulatorWith();
    const second = await emulatorWith({ port: 0, host: "127.0.0.1" });
    expect(second.port).not.toBe(first.port);
    expect(second.url).toBe(`http://127.0.0.1:${second.port}`);
    await expect(startEmulator({ fixture, port: first.port })).rejects.toThrow(
      /port \d+ on 127\.0\.0\.1 is already in use/,
    );
    await first.close();
    await first.close();
    await expect(fetch(`${first.url}/_emulator/health`)).rejects.toThrow();
  });

  it("does not change the caller's fixture object", async () => {
    const copy = structuredClone(fixture);
    const emulator = await emulatorWith({ fixture: copy });
    const client = imageBuilderClient(emulator);
    try {
      await client.send(
        new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn("web") }),
      );
      expect(copy).toEqual(fixture);
    } finally {
      client.destroy();
    }
  });
});
