import {
  ListImageSetVersionsCommand,
  type MedicalImagingClient,
  paginateListImageSetVersions,
} from "@aws-sdk/client-medical-imaging";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import {
  caught,
  collect,
  healthImagingId,
  imageSetVersions,
  medicalImagingClient,
} from "../helpers/emulator-clients.js";

const STORE = healthImagingId(1, "d");
const WEST_STORE = healthImagingId(2, "d");
const BIG = healthImagingId(1, "b");
const EMPTY = healthImagingId(2, "b");
const FULL_PAGE = healthImagingId(3, "b");
const DETAILED = healthImagingId(4, "b");
const WEST_SET = healthImagingId(5, "b");

const fixture: Fixture = {
  medicalImaging: {
    datastores: [
      {
        datastoreId: STORE,
        region: "us-east-1",
        imageSets: [
          { imageSetId: BIG, versions: imageSetVersions(123) },
          { imageSetId: EMPTY, versions: [] },
          { imageSetId: FULL_PAGE, versions: imageSetVersions(50) },
          {
            imageSetId: DETAILED,
            versions: [
              {
                imageSetId: DETAILED,
                versionId: "7",
                imageSetState: "DELETED",
                ImageSetWorkflowStatus: "DELETED",
                createdAt: "2026-03-01T12:00:00Z",
                updatedAt: "2026-03-02T08:30:15.5+02:00",
                deletedAt: "2026-03-03T00:00:00Z",
                message: "deleted by retention policy",
                overrides: { forced: true },
                isPrimary: false,
              },
            ],
          },
        ],
      },
      {
        datastoreId: WEST_STORE,
        region: "us-west-2",
        imageSets: [{ imageSetId: WEST_SET, versions: imageSetVersions(3) }],
      },
    ],
  },
};

/** What the SDK should hand back for `imageSetVersions(n)[i]` of image set `imageSetId`. */
const expected = (imageSetId: string, count: number) =>
  imageSetVersions(count).map((version) => ({
    ...version,
    imageSetId,
    createdAt: new Date(version.createdAt),
    updatedAt: new Date(version.updatedAt),
  }));

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

describe("ListImageSetVersions", () => {
  it("returns every member, timestamps as dates and the parent's image set id", async () => {
    const out = await client.send(
      new ListImageSetVersionsCommand({ datastoreId: STORE, imageSetId: DETAILED }),
    );
    expect(out.imageSetPropertiesList).toEqual([
      {
        imageSetId: DETAILED,
        versionId: "7",
        imageSetState: "DELETED",
        ImageSetWorkflowStatus: "DELETED",
        createdAt: new Date("2026-03-01T12:00:00Z"),
        updatedAt: new Date("2026-03-02T06:30:15.500Z"),
        deletedAt: new Date("2026-03-03T00:00:00Z"),
        message: "deleted by retention policy",
        overrides: { forced: true },
        isPrimary: false,
      },
    ]);
    expect(out.nextToken).toBeUndefined();
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("fills in the image set id when the fixture leaves it out", async () => {
    const out = await client.send(
      new ListImageSetVersionsCommand({ datastoreId: STORE, imageSetId: BIG, maxResults: 2 }),
    );
    expect(out.imageSetPropertiesList).toEqual(expected(BIG, 123).slice(0, 2));
    expect(out.nextToken).toEqual(expect.any(String));
  });

  it.each([1, 7, 50, undefined])(
    "paginates 123 versions exactly once, in order, with page size %s",
    async (pageSize) => {
      const { items, pageCount } = await collect(
        paginateListImageSetVersions({ client, pageSize }, { datastoreId: STORE, imageSetId: BIG }),
        (page) => page.imageSetPropertiesList,
      );
      expect(items).toEqual(expected(BIG, 123));
      expect(pageCount).toBe(Math.ceil(123 / (pageSize ?? 50)));
    },
  );

  it("continues from the token's offset when the page size changes", async () => {
    const first = await client.send(
      new ListImageSetVersionsCommand({ datastoreId: STORE, imageSetId: BIG, maxResults: 40 }),
    );
    const second = await client.send(
      new ListImageSetVersionsCommand({
        datastoreId: STORE,
        imageSetId: BIG,
        maxResults: 5,
        nextToken: first.nextToken,
      }),
    );
    expect(second.imageSetPropertiesList?.map((v) => v.versionId)).toEqual([
      "41",
      "42",
      "43",
      "44",
      "45",
    ]);
  });

  it("serves an image set without versions as one empty page", async () => {
    const out = await client.send(
      new ListImageSetVersionsCommand({ datastoreId: STORE, imageSetId: EMPTY }),
    );
    expect(out.imageSetPropertiesList).toEqual([]);
    expect(out.nextToken).toBeUndefined();
  });

  it("serves exactly one default page (50) without a token", async () => {
    const out = await client.send(
      new ListImageSetVersionsCommand({ datastoreId: STORE, imageSetId: FULL_PAGE }),
    );
    expect(out.imageSetPropertiesList).toHaveLength(50);
    expect(out.nextToken).toBeUndefined();
  });

  it.each([
    ["an unknown datastore", healthImagingId(9, "d"), BIG, /Datastore/],
    ["an unknown image set", STORE, healthImagingId(9, "b"), /Image set/],
    ["a datastore of another region", WEST_STORE, WEST_SET, /Datastore/],
  ])(
    "answers %s with ResourceNotFoundException 404",
    async (_, datastoreId, imageSetId, message) => {
      const error = await caught(
        client.send(new ListImageSetVersionsCommand({ datastoreId, imageSetId })),
      );
      expect(error.name).toBe("ResourceNotFoundException");
      expect(error.$metadata.httpStatusCode).toBe(404);
      expect(error.message).toMatch(message);
    },
  );

  it("serves a datastore from its own region", async () => {
    const west = medicalImagingClient(emulator, { region: "us-west-2" });
    try {
      const out = await west.send(
        new ListImageSetVersionsCommand({ datastoreId: WEST_STORE, imageSetId: WEST_SET }),
      );
      expect(out.imageSetPropertiesList).toHaveLength(3);
    } finally {
      west.destroy();
    }
  });

  it.each([
    [
      "an upper-case datastore id",
      { datastoreId: STORE.toUpperCase(), imageSetId: BIG },
      "datastoreId",
    ],
    [
      "a 31-character datastore id",
      { datastoreId: STORE.slice(1), imageSetId: BIG },
      "datastoreId",
    ],
    ["a malformed image set id", { datastoreId: STORE, imageSetId: "not-an-id" }, "imageSetId"],
    ["maxResults 0", { datastoreId: STORE, imageSetId: BIG, maxResults: 0 }, "maxResults"],
    ["maxResults 51", { datastoreId: STORE, imageSetId: BIG, maxResults: 51 }, "maxResults"],
    ["an empty nextToken", { datastoreId: STORE, imageSetId: BIG, nextToken: "" }, "nextToken"],
    [
      "an 8193-character nextToken",
      { datastoreId: STORE, imageSetId: BIG, nextToken: "x".repeat(8193) },
      "nextToken",
    ],
  ])("rejects %s with ValidationException 400", async (_, input, member) => {
    const error = await caught(client.send(new ListImageSetVersionsCommand(input)));
    expect(error.name).toBe("ValidationException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain(`'${member}'`);
  });

  describe("next tokens", () => {
    let token: string;
    beforeAll(async () => {
      const out = await client.send(
        new ListImageSetVersionsCommand({ datastoreId: STORE, imageSetId: BIG, maxResults: 1 }),
      );
      token = out.nextToken ?? "";
    });

    it("rejects an altered token with ValidationException 400", async () => {
      const altered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
      const error = await caught(
        client.send(
          new ListImageSetVersionsCommand({
            datastoreId: STORE,
            imageSetId: BIG,
            nextToken: altered,
          }),
        ),
      );
      expect(error.name).toBe("ValidationException");
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toMatch(/nextToken.*modified/);
    });

    it("rejects a token reused for another image set", async () => {
      const error = await caught(
        client.send(
          new ListImageSetVersionsCommand({
            datastoreId: STORE,
            imageSetId: FULL_PAGE,
            nextToken: token,
          }),
        ),
      );
      expect(error.name).toBe("ValidationException");
      expect(error.message).toMatch(/other parameters/);
    });
  });
});

describe("ListImageSetVersions with emptyTrailingPage", () => {
  it("follows a full last page with an empty page that ends the listing", async () => {
    const trailing = await startEmulator({ fixture, emptyTrailingPage: true });
    const trailingClient = medicalImagingClient(trailing);
    try {
      const first = await trailingClient.send(
        new ListImageSetVersionsCommand({ datastoreId: STORE, imageSetId: FULL_PAGE }),
      );
      expect(first.imageSetPropertiesList).toHaveLength(50);
      expect(first.nextToken).toEqual(expect.any(String));
      const last = await trailingClient.send(
        new ListImageSetVersionsCommand({
          datastoreId: STORE,
          imageSetId: FULL_PAGE,
          nextToken: first.nextToken,
        }),
      );
      expect(last.imageSetPropertiesList).toEqual([]);
      expect(last.nextToken).toBeUndefined();

      const { items, pageCount } = await collect(
        paginateListImageSetVersions(
          { client: trailingClient, pageSize: 41 },
          { datastoreId: STORE, imageSetId: BIG },
        ),
        (page) => page.imageSetPropertiesList,
      );
      expect(items).toEqual(expected(BIG, 123));
      expect(pageCount).toBe(4);

      const empty = await trailingClient.send(
        new ListImageSetVersionsCommand({ datastoreId: STORE, imageSetId: EMPTY }),
      );
      expect(empty.nextToken).toBeUndefined();
    } finally {
      trailingClient.destroy();
      await trailing.close();
    }
  });
});

describe("ListImageSetVersions with tokenTtlMs", () => {
  it("rejects a token older than the time to live", async () => {
    const expiring = await startEmulator({ fixture, tokenTtlMs: 200 });
    const expiringClient = medicalImagingClient(expiring);
    try {
      const input = { datastoreId: STORE, imageSetId: BIG, maxResults: 10 };
      const first = await expiringClient.send(new ListImageSetVersionsCommand(input));
      const fresh = await expiringClient.send(
        new ListImageSetVersionsCommand({ ...input, nextToken: first.nextToken }),
      );
      expect(fresh.imageSetPropertiesList?.[0]?.versionId).toBe("11");
      await new Promise((resolve) => setTimeout(resolve, 260));
      const error = await caught(
        expiringClient.send(
          new ListImageSetVersionsCommand({ ...input, nextToken: first.nextToken }),
        ),
      );
      expect(error.name).toBe("ValidationException");
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toMatch(/expired/);
    } finally {
      expiringClient.destroy();
      await expiring.close();
    }
  });
});
