import {
  GetImageSetCommand,
  ListImageSetVersionsCommand,
  type MedicalImagingClient,
} from "@aws-sdk/client-medical-imaging";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type EmulatorOptions,
  type Fixture,
  type RunningEmulator,
  startEmulator,
} from "../../src/emulator/index.js";
import {
  ACCOUNT,
  caught,
  healthImagingId,
  imageSetVersions,
  medicalImagingClient,
} from "../helpers/emulator-clients.js";

const STORE = healthImagingId(1, "d");
const WEST_STORE = healthImagingId(2, "d");
const GOV_STORE = healthImagingId(3, "d");
const MANY = healthImagingId(1, "b");
const EMPTY = healthImagingId(2, "b");
const DETAILED = healthImagingId(3, "b");
const UNORDERED = healthImagingId(4, "b");
const WEST_SET = healthImagingId(5, "b");
const GOV_SET = healthImagingId(6, "b");

const DETAILED_VERSION = {
  versionId: "7",
  imageSetState: "DELETED" as const,
  ImageSetWorkflowStatus: "DELETED" as const,
  createdAt: "2026-03-01T12:00:00Z",
  updatedAt: "2026-03-02T08:30:15.5+02:00",
  deletedAt: "2026-03-03T00:00:00Z",
  message: "deleted by retention policy",
  overrides: { forced: true },
  isPrimary: false,
};

const version = (versionId: string) => ({
  versionId,
  imageSetState: "ACTIVE" as const,
  message: `version ${versionId}`,
});

const fixture: Fixture = {
  medicalImaging: {
    datastores: [
      {
        datastoreId: STORE,
        region: "us-east-1",
        imageSets: [
          { imageSetId: MANY, versions: imageSetVersions(60) },
          { imageSetId: EMPTY, versions: [] },
          {
            imageSetId: DETAILED,
            versions: [
              { ...version("3"), imageSetState: "LOCKED", isPrimary: true },
              DETAILED_VERSION,
            ],
          },
          // Not in version order: the latest is the highest id, compared as a number.
          {
            imageSetId: UNORDERED,
            versions: [version("2"), version("10"), version("9")],
          },
        ],
      },
      {
        datastoreId: WEST_STORE,
        region: "us-west-2",
        imageSets: [{ imageSetId: WEST_SET, versions: imageSetVersions(3) }],
      },
      {
        datastoreId: GOV_STORE,
        region: "us-gov-west-1",
        imageSets: [{ imageSetId: GOV_SET, versions: [version("1")] }],
      },
    ],
  },
};

const arnOf = (region: string, datastoreId: string, imageSetId: string, partition = "aws") =>
  `arn:${partition}:medical-imaging:${region}:${ACCOUNT}:datastore/${datastoreId}/imageset/${imageSetId}`;

const running: RunningEmulator[] = [];
async function emulatorWith(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const started = await startEmulator({ fixture, ...options });
  running.push(started);
  return started;
}

let emulator: RunningEmulator;
let client: MedicalImagingClient;

beforeAll(async () => {
  emulator = await startEmulator({ fixture });
  client = medicalImagingClient(emulator);
});

afterAll(async () => {
  client?.destroy();
  await emulator?.close();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((each) => each.close()));
});

const authorization = (region: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/${region}/medical-imaging/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;

async function raw(
  target: RunningEmulator,
  path: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(`${target.url}${path}`, {
    method: init.method ?? "POST",
    headers: init.headers ?? { authorization: authorization("us-east-1") },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

describe("GetImageSet", () => {
  it("returns every member of a specific version, timestamps as dates", async () => {
    const out = await client.send(
      new GetImageSetCommand({ datastoreId: STORE, imageSetId: DETAILED, versionId: "7" }),
    );
    const { $metadata, ...body } = out;
    expect(body).toEqual({
      datastoreId: STORE,
      imageSetId: DETAILED,
      versionId: "7",
      imageSetState: "DELETED",
      imageSetWorkflowStatus: "DELETED",
      createdAt: new Date("2026-03-01T12:00:00Z"),
      updatedAt: new Date("2026-03-02T06:30:15.500Z"),
      deletedAt: new Date("2026-03-03T00:00:00Z"),
      message: "deleted by retention policy",
      imageSetArn: arnOf("us-east-1", STORE, DETAILED),
      overrides: { forced: true },
      isPrimary: false,
      // Generated: the fixture gives no storage tier.
      storageTier: "FREQUENT_ACCESS",
    });
    expect($metadata.httpStatusCode).toBe(200);
    expect($metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("returns an earlier version when asked for it", async () => {
    const out = await client.send(
      new GetImageSetCommand({ datastoreId: STORE, imageSetId: DETAILED, versionId: "3" }),
    );
    const { $metadata: _metadata, ...body } = out;
    expect(body).toEqual({
      datastoreId: STORE,
      imageSetId: DETAILED,
      versionId: "3",
      imageSetState: "LOCKED",
      message: "version 3",
      imageSetArn: arnOf("us-east-1", STORE, DETAILED),
      isPrimary: true,
      storageTier: "FREQUENT_ACCESS",
    });
  });

  it("returns the latest version when no version is given", async () => {
    const out = await client.send(new GetImageSetCommand({ datastoreId: STORE, imageSetId: MANY }));
    const last = imageSetVersions(60)[59];
    expect(out).toMatchObject({
      datastoreId: STORE,
      imageSetId: MANY,
      versionId: "60",
      imageSetState: last?.imageSetState,
      imageSetWorkflowStatus: last?.ImageSetWorkflowStatus,
      createdAt: new Date(last?.createdAt ?? ""),
      updatedAt: new Date(last?.updatedAt ?? ""),
      message: "version 60",
    });
  });

  it("agrees with ListImageSetVersions for every version", async () => {
    const listed = await client.send(
      new ListImageSetVersionsCommand({ datastoreId: STORE, imageSetId: MANY, maxResults: 50 }),
    );
    for (const { ImageSetWorkflowStatus, ...properties } of listed.imageSetPropertiesList ?? []) {
      const out = await client.send(
        new GetImageSetCommand({
          datastoreId: STORE,
          imageSetId: MANY,
          versionId: properties.versionId,
        }),
      );
      expect(out).toMatchObject({ ...properties, imageSetWorkflowStatus: ImageSetWorkflowStatus });
    }
  });

  it("takes the highest version id as the latest, compared as a number", async () => {
    const out = await client.send(
      new GetImageSetCommand({ datastoreId: STORE, imageSetId: UNORDERED }),
    );
    expect(out.versionId).toBe("10");
  });

  it("serves an image set from its own region, with that region in the ARN", async () => {
    const west = medicalImagingClient(emulator, { region: "us-west-2" });
    const gov = medicalImagingClient(emulator, { region: "us-gov-west-1" });
    try {
      const out = await west.send(
        new GetImageSetCommand({ datastoreId: WEST_STORE, imageSetId: WEST_SET, versionId: "2" }),
      );
      expect(out.versionId).toBe("2");
      expect(out.imageSetArn).toBe(arnOf("us-west-2", WEST_STORE, WEST_SET));
      const govOut = await gov.send(
        new GetImageSetCommand({ datastoreId: GOV_STORE, imageSetId: GOV_SET }),
      );
      expect(govOut.imageSetArn).toBe(arnOf("us-gov-west-1", GOV_STORE, GOV_SET, "aws-us-gov"));
    } finally {
      west.destroy();
      gov.destroy();
    }
  });

  it.each([
    ["an unknown datastore", healthImagingId(9, "d"), MANY, undefined, /Datastore/],
    ["an unknown image set", STORE, healthImagingId(9, "b"), undefined, /Image set/],
    ["an unknown version", STORE, MANY, "61", /Version 61/],
    ["a version id that differs only by leading zeros", STORE, MANY, "007", /Version 007/],
    ["an image set without versions", STORE, EMPTY, undefined, /has no versions/],
    ["a datastore of another region", WEST_STORE, WEST_SET, undefined, /Datastore.*us-east-1/],
  ])(
    "answers %s with ResourceNotFoundException 404",
    async (_, datastoreId, imageSetId, versionId, message) => {
      const error = await caught(
        client.send(new GetImageSetCommand({ datastoreId, imageSetId, versionId })),
      );
      expect(error.name).toBe("ResourceNotFoundException");
      expect(error.$metadata.httpStatusCode).toBe(404);
      expect(error.message).toMatch(message);
    },
  );

  it.each([
    [
      "an upper-case datastore id",
      { datastoreId: STORE.toUpperCase(), imageSetId: MANY },
      "datastoreId",
    ],
    [
      "a 31-character datastore id",
      { datastoreId: STORE.slice(1), imageSetId: MANY },
      "datastoreId",
    ],
    ["a malformed image set id", { datastoreId: STORE, imageSetId: "not-an-id" }, "imageSetId"],
    [
      "a non-numeric version",
      { datastoreId: STORE, imageSetId: MANY, versionId: "latest" },
      "versionId",
    ],
    [
      "a version without digits",
      { datastoreId: STORE, imageSetId: MANY, versionId: "-" },
      "versionId",
    ],
    ["an empty version", { datastoreId: STORE, imageSetId: MANY, versionId: "" }, "versionId"],
  ])("rejects %s with ValidationException 400", async (_, input, member) => {
    const error = await caught(client.send(new GetImageSetCommand(input)));
    expect(error.name).toBe("ValidationException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain(`'${member}'`);
  });

  describe("on the wire", () => {
    const path = `/datastore/${STORE}/imageSet/${DETAILED}/getImageSet`;

    it("reads the version from ?version= and writes epoch seconds and imageSetWorkflowStatus", async () => {
      const out = await raw(emulator, `${path}?version=7`);
      expect(out.status).toBe(200);
      expect(out.headers.get("content-type")).toBe("application/json");
      expect(out.body).toMatchObject({
        versionId: "7",
        imageSetWorkflowStatus: "DELETED",
        createdAt: Date.parse("2026-03-01T12:00:00Z") / 1000,
        updatedAt: Date.parse("2026-03-02T06:30:15.500Z") / 1000,
      });
      expect(out.body).not.toHaveProperty("ImageSetWorkflowStatus");
      // `versionId` is the member name, not a query parameter: it is ignored.
      const ignored = await raw(emulator, `${path}?versionId=3`);
      expect(ignored.body.versionId).toBe("7");
    });

    it("rejects a repeated version parameter with ValidationException 400", async () => {
      const out = await raw(emulator, `${path}?version=3&version=7`);
      expect(out.status).toBe(400);
      expect(out.headers.get("x-amzn-errortype")).toBe("ValidationException");
      expect(out.body.message).toMatch(/'versionId'.*must be a string/);
    });

    it("answers the path with another method with UnknownOperationException 404", async () => {
      const out = await raw(emulator, path, { method: "GET" });
      expect(out.status).toBe(404);
      expect(out.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    });

    it("answers a call without a SigV4 header with AccessDeniedException 403", async () => {
      const out = await raw(emulator, path, { headers: {} });
      expect(out.status).toBe(403);
      expect(out.headers.get("x-amzn-errortype")).toBe("AccessDeniedException");
    });
  });

  describe("fault injection", () => {
    it("throttles with ThrottlingException 429", async () => {
      const throttled = await emulatorWith({ faults: { throttleRate: 1 } });
      const mi = medicalImagingClient(throttled);
      try {
        const error = await caught(
          mi.send(new GetImageSetCommand({ datastoreId: STORE, imageSetId: MANY })),
        );
        expect(error.name).toBe("ThrottlingException");
        expect(error.$metadata.httpStatusCode).toBe(429);
      } finally {
        mi.destroy();
      }
    });

    it.each([0.2, 0.7])(
      "answers server faults (draw %s) with InternalServerException 500",
      async (draw) => {
        const faulty = await emulatorWith({ faults: { errorRate: 1 }, random: () => draw });
        const mi = medicalImagingClient(faulty);
        try {
          const error = await caught(
            mi.send(new GetImageSetCommand({ datastoreId: STORE, imageSetId: MANY })),
          );
          expect([error.name, error.$metadata.httpStatusCode]).toEqual([
            "InternalServerException",
            500,
          ]);
        } finally {
          mi.destroy();
        }
      },
    );

    it("lets the SDK retry a server fault until it succeeds", async () => {
      const draws = [0, 0.2, 0.9];
      const flaky = await emulatorWith({
        faults: { errorRate: 0.5 },
        random: () => draws.shift() ?? 0.9,
      });
      const mi = medicalImagingClient(flaky, { attempts: 3 });
      try {
        const out = await mi.send(new GetImageSetCommand({ datastoreId: STORE, imageSetId: MANY }));
        expect(out.versionId).toBe("60");
        expect(out.$metadata.attempts).toBe(2);
      } finally {
        mi.destroy();
      }
    });
  });

  it("is recorded with its operation name, region, status, error and input", async () => {
    const recorded = await emulatorWith();
    const mi = medicalImagingClient(recorded, { region: "us-west-2" });
    try {
      await mi.send(
        new GetImageSetCommand({ datastoreId: WEST_STORE, imageSetId: WEST_SET, versionId: "1" }),
      );
      await caught(mi.send(new GetImageSetCommand({ datastoreId: STORE, imageSetId: MANY })));
      expect(recorded.calls).toEqual([
        expect.objectContaining({
          service: "medical-imaging",
          operation: "GetImageSet",
          region: "us-west-2",
          status: 200,
          input: { datastoreId: WEST_STORE, imageSetId: WEST_SET, versionId: "1" },
        }),
        expect.objectContaining({
          service: "medical-imaging",
          operation: "GetImageSet",
          region: "us-west-2",
          status: 404,
          errorName: "ResourceNotFoundException",
          input: { datastoreId: STORE, imageSetId: MANY },
        }),
      ]);
    } finally {
      mi.destroy();
    }
  });
});
