import {
  GetImageSetCommand,
  ListDatastoresCommand,
  ListImageSetVersionsCommand,
  type MedicalImagingClient,
  paginateListDatastores,
  paginateSearchImageSets,
  type SearchCriteria,
  SearchImageSetsCommand,
} from "@aws-sdk/client-medical-imaging";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import {
  ACCOUNT,
  caught,
  collect,
  healthImagingId,
  imageSetVersions,
  medicalImagingClient,
} from "../helpers/emulator-clients.js";

// 60 datastores in us-east-1 (more than one page of 50), 3 of them not ACTIVE, and one in
// us-west-2; the first one has image sets with DICOM tags, the second one only today's members.
const STORES = Array.from({ length: 60 }, (_, index) => healthImagingId(index + 1, "d"));
const [SEARCHED = "", PLAIN = "", CREATING = "", DELETING = "", DELETED = ""] = STORES;
const WEST = healthImagingId(99, "d");
const setId = (n: number) => healthImagingId(n, "c");
const PLAIN_SETS = Array.from({ length: 57 }, (_, index) => healthImagingId(index + 1, "e"));

/** A version set `minutes` after 2026-03-01T12:00Z, for sorting and date ranges. */
const at = (minutes: number) => new Date(Date.UTC(2026, 2, 1, 12, minutes)).toISOString();
const version = (versionId: string, minutes: number, isPrimary?: boolean) => ({
  versionId,
  imageSetState: "ACTIVE" as const,
  createdAt: at(minutes),
  updatedAt: at(minutes + 1),
  ...(isPrimary === undefined ? {} : { isPrimary }),
});

const tagged = (n: number, patient: string, study: string, studyDate: string) => ({
  DICOMPatientId: patient,
  DICOMPatientName: `DOE^${n}`,
  DICOMStudyInstanceUID: `1.2.840.113619.2.${n}`,
  DICOMStudyId: study,
  DICOMAccessionNumber: `A${n}`,
  DICOMSeriesInstanceUID: `1.2.840.113619.2.${n}.1`,
  DICOMSeriesModality: "CT",
  DICOMSeriesBodyPart: "CHEST",
  DICOMSeriesNumber: n,
  DICOMNumberOfStudyRelatedSeries: 2,
  DICOMNumberOfStudyRelatedInstances: 200 + n,
  DICOMStudyDate: studyDate,
  DICOMStudyTime: "101500",
});

const fixture: Fixture = {
  medicalImaging: {
    datastores: [
      {
        datastoreId: SEARCHED,
        region: "us-east-1",
        datastoreName: "radiology-prod",
        datastoreStatus: "ACTIVE",
        createdAt: "2025-06-01T08:00:00Z",
        updatedAt: "2025-07-01T08:00:00Z",
        imageSets: [
          {
            imageSetId: setId(1),
            versions: [version("1", 0), version("2", 30, true)],
            DICOMTags: tagged(1, "PAT-1", "S1", "20260110"),
            storageTier: "ARCHIVE_INSTANT_ACCESS",
            lastAccessedAt: "2026-03-05T00:00:00Z",
          },
          {
            imageSetId: setId(2),
            versions: [version("1", 10)],
            DICOMTags: tagged(2, "PAT-2", "S2", "20260120"),
          },
          {
            imageSetId: setId(3),
            versions: [version("1", 20, false)],
            DICOMTags: tagged(3, "PAT-1", "S3", "20260201"),
          },
          // No versions: no dates, so it sorts last either way.
          { imageSetId: setId(4), versions: [] },
        ],
      },
      {
        datastoreId: PLAIN,
        region: "us-east-1",
        imageSets: PLAIN_SETS.map((imageSetId, index) => ({
          imageSetId,
          versions: imageSetVersions(1 + (index % 3)),
        })),
      },
      { datastoreId: CREATING, region: "us-east-1", datastoreStatus: "CREATING" },
      { datastoreId: DELETING, region: "us-east-1", datastoreStatus: "DELETING" },
      { datastoreId: DELETED, region: "us-east-1", datastoreStatus: "DELETED" },
      ...STORES.slice(5).map((datastoreId) => ({ datastoreId, region: "us-east-1" })),
      { datastoreId: WEST, region: "us-west-2", imageSets: [{ imageSetId: setId(9) }] },
    ],
  },
};

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

const arnOf = (region: string, datastoreId: string) =>
  `arn:aws:medical-imaging:${region}:${ACCOUNT}:datastore/${datastoreId}`;

async function raw(
  path: string,
  init: { method?: string; body?: string } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(`${emulator.url}${path}`, {
    method: init.method ?? "GET",
    headers: {
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/us-east-1/medical-imaging/aws4_request, SignedHeaders=host, Signature=abc",
    },
    body: init.body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe("ListDatastores", () => {
  it("returns every DatastoreSummary member, given ones and generated ones", async () => {
    const out = await client.send(new ListDatastoresCommand({ maxResults: 2 }));
    expect(out.datastoreSummaries).toEqual([
      {
        datastoreId: SEARCHED,
        datastoreName: "radiology-prod",
        datastoreStatus: "ACTIVE",
        datastoreArn: arnOf("us-east-1", SEARCHED),
        createdAt: new Date("2025-06-01T08:00:00Z"),
        updatedAt: new Date("2025-07-01T08:00:00Z"),
      },
      {
        // Generated: a name from the id, ACTIVE, created with its oldest version.
        datastoreId: PLAIN,
        datastoreName: `datastore-${PLAIN.slice(0, 8)}`,
        datastoreStatus: "ACTIVE",
        datastoreArn: arnOf("us-east-1", PLAIN),
        createdAt: new Date("2026-03-01T12:00:00Z"),
        updatedAt: new Date("2026-03-01T12:00:00Z"),
      },
    ]);
    expect(out.nextToken).toEqual(expect.any(String));
  });

  it.each([1, 7, 50, undefined])(
    "paginates the region's 60 datastores exactly once, in order, with page size %s",
    async (pageSize) => {
      const { items, pageCount } = await collect(
        paginateListDatastores({ client, pageSize }, {}),
        (page) => page.datastoreSummaries,
      );
      expect(items.map((store) => store.datastoreId)).toEqual(STORES);
      expect(pageCount).toBe(Math.ceil(60 / (pageSize ?? 50)));
    },
  );

  it.each([
    ["ACTIVE", STORES.filter((id) => ![CREATING, DELETING, DELETED].includes(id))],
    ["CREATING", [CREATING]],
    ["DELETED", [DELETED]],
    ["CREATE_FAILED", []],
  ] as const)("filters by datastoreStatus %s", async (datastoreStatus, expected) => {
    const { items } = await collect(
      paginateListDatastores({ client }, { datastoreStatus }),
      (page) => page.datastoreSummaries,
    );
    expect(items.map((store) => store.datastoreId)).toEqual(expected);
    expect(items.every((store) => store.datastoreStatus === datastoreStatus)).toBe(true);
  });

  it("lists the caller's region only", async () => {
    const west = medicalImagingClient(emulator, { region: "us-west-2" });
    try {
      const out = await west.send(new ListDatastoresCommand({}));
      expect(out.datastoreSummaries?.map((store) => store.datastoreId)).toEqual([WEST]);
      expect(out.datastoreSummaries?.[0]?.datastoreArn).toBe(arnOf("us-west-2", WEST));
      const none = medicalImagingClient(emulator, { region: "eu-west-1" });
      const empty = await none.send(new ListDatastoresCommand({}));
      none.destroy();
      expect(empty.datastoreSummaries).toEqual([]);
      expect(empty.nextToken).toBeUndefined();
    } finally {
      west.destroy();
    }
  });

  it.each([
    ["maxResults 0", { maxResults: 0 }, "maxResults"],
    ["maxResults 51", { maxResults: 51 }, "maxResults"],
    ["an unknown status", { datastoreStatus: "READY" as never }, "datastoreStatus"],
    ["an empty nextToken", { nextToken: "" }, "nextToken"],
    ["an 8193-character nextToken", { nextToken: "x".repeat(8193) }, "nextToken"],
  ])("rejects %s with ValidationException 400", async (_, input, member) => {
    const error = await caught(client.send(new ListDatastoresCommand(input)));
    expect(error.name).toBe("ValidationException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain(`'${member}'`);
  });

  it("rejects a token of another status filter and a non-integer maxResults on the wire", async () => {
    const first = await client.send(new ListDatastoresCommand({ maxResults: 1 }));
    const error = await caught(
      client.send(
        new ListDatastoresCommand({ datastoreStatus: "ACTIVE", nextToken: first.nextToken }),
      ),
    );
    expect([error.name, error.message]).toEqual([
      "ValidationException",
      expect.stringMatching(/other parameters/),
    ]);
    const wire = await raw("/datastore?maxResults=ten");
    expect(wire.status).toBe(400);
    expect(wire.headers.get("x-amzn-errortype")).toBe("ValidationException");
    expect(wire.body.message).toMatch(/'maxResults'/);
  });

  it("serves GET /datastore only: other methods are unknown operations", async () => {
    const out = await raw("/datastore", { method: "POST", body: "{}" });
    expect(out.status).toBe(404);
    expect(out.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
  });

  it("answers injected throttling with ThrottlingException 429", async () => {
    const throttled = await startEmulator({ fixture, faults: { throttleRate: 1 } });
    const mi = medicalImagingClient(throttled);
    try {
      const error = await caught(mi.send(new ListDatastoresCommand({})));
      expect([error.name, error.$metadata.httpStatusCode]).toEqual(["ThrottlingException", 429]);
    } finally {
      mi.destroy();
      await throttled.close();
    }
  });
});

const searchIds = async (searchCriteria?: SearchCriteria, datastoreId = SEARCHED) => {
  const out = await client.send(new SearchImageSetsCommand({ datastoreId, searchCriteria }));
  return (out.imageSetsMetadataSummaries ?? []).map((summary) => summary.imageSetId);
};

describe("SearchImageSets", () => {
  it("returns every ImageSetsMetadataSummary member, newest update first by default", async () => {
    const out = await client.send(new SearchImageSetsCommand({ datastoreId: SEARCHED }));
    expect(out.imageSetsMetadataSummaries?.map((summary) => summary.imageSetId)).toEqual([
      setId(1),
      setId(3),
      setId(2),
      setId(4),
    ]);
    expect(out.imageSetsMetadataSummaries?.[0]).toEqual({
      imageSetId: setId(1),
      version: 2,
      createdAt: new Date(at(30)),
      updatedAt: new Date(at(31)),
      lastAccessedAt: new Date("2026-03-05T00:00:00Z"),
      storageTier: "ARCHIVE_INSTANT_ACCESS",
      DICOMTags: tagged(1, "PAT-1", "S1", "20260110"),
      isPrimary: true,
    });
    expect(out.imageSetsMetadataSummaries?.[3]).toEqual({
      imageSetId: setId(4),
      storageTier: "FREQUENT_ACCESS",
      DICOMTags: expect.objectContaining({ DICOMPatientId: expect.any(String) }),
    });
    expect(out.sort).toBeUndefined();
    expect(out.nextToken).toBeUndefined();
  });

  it("generates DICOM tags that differ per image set when the fixture has none", async () => {
    const out = await client.send(new SearchImageSetsCommand({ datastoreId: PLAIN }));
    const patients = (out.imageSetsMetadataSummaries ?? []).map(
      (summary) => summary.DICOMTags?.DICOMStudyInstanceUID,
    );
    expect(new Set(patients).size).toBe(patients.length);
    for (const uid of patients) expect(uid).toMatch(/^\d+(\.\d+)+$/);
  });

  it.each([
    ["DICOMPatientId", { DICOMPatientId: "PAT-1" }, [setId(1), setId(3)]],
    ["DICOMStudyId", { DICOMStudyId: "S2" }, [setId(2)]],
    ["DICOMAccessionNumber", { DICOMAccessionNumber: "A3" }, [setId(3)]],
    ["DICOMStudyInstanceUID", { DICOMStudyInstanceUID: "1.2.840.113619.2.1" }, [setId(1)]],
    ["DICOMSeriesInstanceUID", { DICOMSeriesInstanceUID: "1.2.840.113619.2.2.1" }, [setId(2)]],
    ["isPrimary", { isPrimary: true }, [setId(1)]],
    ["an unknown patient", { DICOMPatientId: "nobody" }, []],
  ])("filters by %s with EQUAL", async (_, value, expected) => {
    expect(await searchIds({ filters: [{ operator: "EQUAL", values: [value] }] })).toEqual(
      expected,
    );
  });

  it.each([
    [
      "updatedAt",
      { updatedAt: new Date(at(11)) },
      { updatedAt: new Date(at(21)) },
      [setId(3), setId(2)],
    ],
    ["createdAt", { createdAt: new Date(at(25)) }, { createdAt: new Date(at(60)) }, [setId(1)]],
    [
      "DICOMStudyDateAndTime",
      { DICOMStudyDateAndTime: { DICOMStudyDate: "20260115" } },
      { DICOMStudyDateAndTime: { DICOMStudyDate: "20260201" } },
      [setId(3), setId(2)],
    ],
  ])("filters by a %s range with BETWEEN, bounds included", async (_, lower, upper, expected) => {
    expect(await searchIds({ filters: [{ operator: "BETWEEN", values: [lower, upper] }] })).toEqual(
      expected,
    );
  });

  it("combines two filters and sorts as asked, echoing the sort", async () => {
    const sort = { sortField: "createdAt", sortOrder: "ASC" } as const;
    const out = await client.send(
      new SearchImageSetsCommand({
        datastoreId: SEARCHED,
        searchCriteria: {
          filters: [
            { operator: "EQUAL", values: [{ DICOMPatientId: "PAT-1" }] },
            {
              operator: "BETWEEN",
              values: [{ createdAt: new Date(at(0)) }, { createdAt: new Date(at(59)) }],
            },
          ],
          sort,
        },
      }),
    );
    expect(out.imageSetsMetadataSummaries?.map((summary) => summary.imageSetId)).toEqual([
      setId(3),
      setId(1),
    ]);
    expect(out.sort).toEqual(sort);
    expect(
      await searchIds({ sort: { sortField: "DICOMStudyDateAndTime", sortOrder: "DESC" } }),
    ).toEqual([setId(3), setId(2), setId(1), setId(4)]);
  });

  it.each([1, 7, 50, undefined])(
    "paginates 57 image sets exactly once with page size %s",
    async (pageSize) => {
      const { items, pageCount } = await collect(
        paginateSearchImageSets({ client, pageSize }, { datastoreId: PLAIN }),
        (page) => page.imageSetsMetadataSummaries,
      );
      expect(new Set(items.map((item) => item.imageSetId))).toEqual(new Set(PLAIN_SETS));
      expect(items).toHaveLength(57);
      expect(pageCount).toBe(Math.ceil(57 / (pageSize ?? 50)));
      const updated = items.map((item) => item.updatedAt?.getTime() ?? 0);
      expect(updated).toEqual([...updated].sort((a, b) => b - a));
    },
  );

  it("binds its tokens to the search criteria", async () => {
    const first = await client.send(
      new SearchImageSetsCommand({ datastoreId: PLAIN, maxResults: 5 }),
    );
    const error = await caught(
      client.send(
        new SearchImageSetsCommand({
          datastoreId: PLAIN,
          nextToken: first.nextToken,
          searchCriteria: { sort: { sortField: "createdAt", sortOrder: "ASC" } },
        }),
      ),
    );
    expect([error.name, error.message]).toEqual([
      "ValidationException",
      expect.stringMatching(/other parameters/),
    ]);
  });

  it.each([
    [
      "an unknown datastore",
      healthImagingId(77, "d"),
      "us-east-1",
      "ResourceNotFoundException",
      404,
    ],
    ["a DELETED datastore", DELETED, "us-east-1", "ResourceNotFoundException", 404],
    ["a datastore of another region", WEST, "us-east-1", "ResourceNotFoundException", 404],
    ["a CREATING datastore", CREATING, "us-east-1", "ConflictException", 409],
    ["a DELETING datastore", DELETING, "us-east-1", "ConflictException", 409],
  ])("answers %s with its documented error", async (_, datastoreId, region, name, status) => {
    const mi = medicalImagingClient(emulator, { region });
    try {
      const error = await caught(mi.send(new SearchImageSetsCommand({ datastoreId })));
      expect([error.name, error.$metadata.httpStatusCode]).toEqual([name, status]);
    } finally {
      mi.destroy();
    }
  });

  const value = (v: Record<string, unknown>) => v as never;
  it.each([
    ["a malformed datastore id", { datastoreId: "STORE" }, "datastoreId"],
    ["maxResults 0", { maxResults: 0 }, "maxResults"],
    ["maxResults 51", { maxResults: 51 }, "maxResults"],
    ["an empty nextToken", { nextToken: "" }, "nextToken"],
    ["an empty filter list", { searchCriteria: { filters: [] } }, "searchCriteria.filters"],
    [
      "three filters",
      {
        searchCriteria: {
          filters: Array.from({ length: 3 }, () => ({
            operator: "EQUAL",
            values: [{ DICOMPatientId: "PAT-1" }],
          })),
        },
      },
      "searchCriteria.filters",
    ],
    [
      "an unknown operator",
      { searchCriteria: { filters: [{ operator: "LIKE", values: [{ DICOMPatientId: "x" }] }] } },
      "operator",
    ],
    [
      "a filter without values",
      { searchCriteria: { filters: [{ operator: "EQUAL", values: [] }] } },
      "searchCriteria.filters.1.member.values",
    ],
    [
      "EQUAL with two values",
      {
        searchCriteria: {
          filters: [
            { operator: "EQUAL", values: [{ DICOMPatientId: "a" }, { DICOMPatientId: "b" }] },
          ],
        },
      },
      "searchCriteria.filters.1.member.values",
    ],
    [
      "BETWEEN with one value",
      {
        searchCriteria: {
          filters: [{ operator: "BETWEEN", values: [{ updatedAt: new Date(at(0)) }] }],
        },
      },
      "searchCriteria.filters.1.member.values",
    ],
    [
      "BETWEEN over a patient id",
      {
        searchCriteria: {
          filters: [
            { operator: "BETWEEN", values: [{ DICOMPatientId: "a" }, { DICOMPatientId: "b" }] },
          ],
        },
      },
      "searchCriteria.filters.1.member.values",
    ],
    [
      "BETWEEN with mixed members",
      {
        searchCriteria: {
          filters: [
            {
              operator: "BETWEEN",
              values: [{ updatedAt: new Date(at(0)) }, { createdAt: new Date(at(9)) }],
            },
          ],
        },
      },
      "searchCriteria.filters.1.member.values",
    ],
    [
      "BETWEEN with the bounds swapped",
      {
        searchCriteria: {
          filters: [
            {
              operator: "BETWEEN",
              values: [{ updatedAt: new Date(at(9)) }, { updatedAt: new Date(at(0)) }],
            },
          ],
        },
      },
      "searchCriteria.filters.1.member.values",
    ],
    [
      "a 513-character patient id",
      {
        searchCriteria: {
          filters: [{ operator: "EQUAL", values: [{ DICOMPatientId: "x".repeat(513) }] }],
        },
      },
      "DICOMPatientId",
    ],
    [
      "a study instance UID without digits or dots",
      {
        searchCriteria: {
          filters: [{ operator: "EQUAL", values: [{ DICOMStudyInstanceUID: "abc" }] }],
        },
      },
      "DICOMStudyInstanceUID",
    ],
    [
      "a 37-character study date",
      {
        searchCriteria: {
          filters: [
            {
              operator: "EQUAL",
              values: [{ DICOMStudyDateAndTime: { DICOMStudyDate: "2".repeat(37) } }],
            },
          ],
        },
      },
      "DICOMStudyDate",
    ],
    [
      "a value with two union members",
      {
        searchCriteria: {
          filters: [
            {
              operator: "EQUAL",
              values: [value({ DICOMPatientId: "a", DICOMStudyId: "b" })],
            },
          ],
        },
      },
      "searchCriteria.filters.1.member.values.1.member",
    ],
    [
      "a sort without its order",
      { searchCriteria: { sort: value({ sortField: "updatedAt" }) } },
      "sortOrder",
    ],
    [
      "an unknown sort field",
      { searchCriteria: { sort: value({ sortField: "name", sortOrder: "ASC" }) } },
      "sortField",
    ],
  ])("rejects %s with ValidationException 400", async (_, input, member) => {
    const error = await caught(
      client.send(new SearchImageSetsCommand({ datastoreId: SEARCHED, ...input } as never)),
    );
    expect(error.name).toBe("ValidationException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain(`${member}'`);
  });

  describe("on the wire", () => {
    const path = `/datastore/${SEARCHED}/searchImageSets`;

    it("reads the criteria from the body and maxResults from the query, and writes epoch seconds", async () => {
      const out = await raw(`${path}?maxResults=1`, {
        method: "POST",
        body: JSON.stringify({
          filters: [{ operator: "EQUAL", values: [{ DICOMStudyId: "S3" }] }],
        }),
      });
      expect(out.status).toBe(200);
      expect(out.body.imageSetsMetadataSummaries).toEqual([
        expect.objectContaining({
          imageSetId: setId(3),
          createdAt: Date.parse(at(20)) / 1000,
          updatedAt: Date.parse(at(21)) / 1000,
        }),
      ]);
    });

    it.each([
      ["a body that is not JSON", "{", /not valid JSON/],
      [
        "a timestamp written as text",
        JSON.stringify({ filters: [{ operator: "EQUAL", values: [{ createdAt: "2026-01-01" }] }] }),
        /'.*createdAt'.*epoch seconds/,
      ],
    ])("rejects %s with ValidationException 400", async (_, body, message) => {
      const out = await raw(path, { method: "POST", body });
      expect(out.status).toBe(400);
      expect(out.headers.get("x-amzn-errortype")).toBe("ValidationException");
      expect(out.body.message).toMatch(message);
    });

    it("answers a call without a SigV4 header with AccessDeniedException 403", async () => {
      const response = await fetch(`${emulator.url}${path}`, { method: "POST", body: "{}" });
      expect(response.status).toBe(403);
      expect(response.headers.get("x-amzn-errortype")).toBe("AccessDeniedException");
    });

    it("answers injected server faults with InternalServerException 500", async () => {
      const faulty = await startEmulator({ fixture, faults: { errorRate: 1 } });
      const mi = medicalImagingClient(faulty);
      try {
        const error = await caught(mi.send(new SearchImageSetsCommand({ datastoreId: SEARCHED })));
        expect([error.name, error.$metadata.httpStatusCode]).toEqual([
          "InternalServerException",
          500,
        ]);
      } finally {
        mi.destroy();
        await faulty.close();
      }
    });

    it("answers GET with UnknownOperationException 404", async () => {
      const out = await raw(path);
      expect(out.status).toBe(404);
      expect(out.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    });
  });

  it("is recorded with its criteria", async () => {
    emulator.resetCalls();
    await searchIds({ filters: [{ operator: "EQUAL", values: [{ DICOMStudyId: "S1" }] }] });
    expect(emulator.calls).toEqual([
      expect.objectContaining({
        service: "medical-imaging",
        operation: "SearchImageSets",
        status: 200,
        input: {
          datastoreId: SEARCHED,
          searchCriteria: { filters: [{ operator: "EQUAL", values: [{ DICOMStudyId: "S1" }] }] },
        },
      }),
    ]);
  });
});

describe("image set operations on a datastore that is not ACTIVE", () => {
  it.each([
    [
      "ListImageSetVersions",
      new ListImageSetVersionsCommand({ datastoreId: DELETING, imageSetId: setId(1) }),
    ],
    ["GetImageSet", new GetImageSetCommand({ datastoreId: CREATING, imageSetId: setId(1) })],
  ])("%s answers ConflictException 409 naming the status", async (_, command) => {
    const error = await caught(client.send(command as never));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(["ConflictException", 409]);
    expect(error.message).toMatch(/DELETING|CREATING/);
  });
});
