import {
  type AppStreamClient,
  DescribeImagesCommand,
  paginateDescribeImages,
} from "@aws-sdk/client-appstream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { appStreamClient, appStreamImages, caught, collect } from "../helpers/emulator-clients.js";

const VISIBILITIES = ["PUBLIC", "PRIVATE", "SHARED"] as const;
const visibility = (i: number) => VISIBILITIES[i % 3] ?? "PUBLIC";
const EAST = appStreamImages(60, "us-east-1", visibility);
const EU = appStreamImages(3, "eu-west-1").map((image) => ({
  ...image,
  Name: `eu-${image.Name}`,
  Arn: image.Arn.replace("image/", "image/eu-"),
}));

type FixtureImage = NonNullable<NonNullable<Fixture["appStream"]>["images"]>[number];
type FixtureApplication = NonNullable<FixtureImage["Applications"]>[number];
type FixtureImageError = NonNullable<FixtureImage["ImageErrors"]>[number];

const APPLICATION = {
  Name: "notepad",
  DisplayName: "Notepad",
  IconURL: "https://example.com/notepad.png",
  LaunchPath: "C:\\Windows\\notepad.exe",
  LaunchParameters: "/A",
  Enabled: true,
  Metadata: { team: "docs" },
  WorkingDirectory: "C:\\",
  Description: "Text editor",
  Arn: "arn:aws:appstream:us-east-1:123456789012:application/notepad",
  AppBlockArn: "arn:aws:appstream:us-east-1:123456789012:app-block/tools",
  IconS3Location: { S3Bucket: "icons.example", S3Key: "notepad.png" },
  Platforms: ["WINDOWS_SERVER_2022"],
  InstanceFamilies: ["GENERAL_PURPOSE"],
  CreatedTime: "2026-02-01T10:00:00.250Z",
} satisfies FixtureApplication;

const IMAGE_ERROR = {
  ErrorCode: "INTERNAL_SERVICE_ERROR",
  ErrorMessage: "copy failed",
  ErrorTimestamp: "2026-02-01T09:30:00Z",
} satisfies FixtureImageError;

const DETAILED = {
  region: "us-east-1",
  Name: "Detailed-Image",
  Arn: "arn:aws:appstream:us-east-1:123456789012:image/Detailed-Image",
  BaseImageArn: "arn:aws:appstream:us-east-1::image/AppStream-WinServer2019-01-01-2026",
  DisplayName: "Detailed image",
  State: "FAILED",
  Visibility: "PRIVATE",
  ImageBuilderSupported: true,
  ImageBuilderName: "builder-1",
  Platform: "WINDOWS_SERVER_2022",
  Description: "Every member set",
  StateChangeReason: { Code: "IMAGE_COPY_FAILURE", Message: "copy failed" },
  Applications: [APPLICATION],
  CreatedTime: "2026-02-01T09:00:00Z",
  PublicBaseImageReleasedDate: "2026-01-01T00:00:00Z",
  AppstreamAgentVersion: "10-20-2025",
  ImagePermissions: { allowFleet: true, allowImageBuilder: false },
  ImageErrors: [IMAGE_ERROR],
  LatestAppstreamAgentVersion: "FALSE",
  SupportedInstanceFamilies: ["GENERAL_PURPOSE", "GRAPHICS_G4"],
  DynamicAppProvidersEnabled: "DISABLED",
  ImageSharedWithOthers: "TRUE",
  ManagedSoftwareIncluded: false,
  ImageType: "CUSTOM",
} satisfies FixtureImage;

const fixture: Fixture = { appStream: { images: [...EAST, DETAILED, ...EU] } };
const ALL_EAST_NAMES = [...EAST.map((image) => image.Name), DETAILED.Name];

let emulator: RunningEmulator;
let client: AppStreamClient;

beforeAll(async () => {
  emulator = await startEmulator({ fixture });
  client = appStreamClient(emulator);
});

afterAll(async () => {
  client?.destroy();
  await emulator?.close();
});

describe("DescribeImages", () => {
  it("returns a default page of 25 with a next token", async () => {
    const out = await client.send(new DescribeImagesCommand({}));
    expect(out.Images?.map((image) => image.Name)).toEqual(ALL_EAST_NAMES.slice(0, 25));
    expect(out.NextToken).toEqual(expect.any(String));
    expect(out.Images?.[0]?.CreatedTime).toEqual(new Date("2026-01-01T00:00:00Z"));
  });

  it("treats MaxResults 0 like an absent MaxResults", async () => {
    const out = await client.send(new DescribeImagesCommand({ MaxResults: 0 }));
    expect(out.Images).toHaveLength(25);
  });

  it("returns every image member, timestamps as dates, without the fixture-only region", async () => {
    const out = await client.send(new DescribeImagesCommand({ Names: [DETAILED.Name] }));
    const { region: _region, ...shape } = DETAILED;
    expect(out.Images).toEqual([
      {
        ...shape,
        CreatedTime: new Date(DETAILED.CreatedTime),
        PublicBaseImageReleasedDate: new Date(DETAILED.PublicBaseImageReleasedDate),
        Applications: [{ ...APPLICATION, CreatedTime: new Date(APPLICATION.CreatedTime) }],
        ImageErrors: [{ ...IMAGE_ERROR, ErrorTimestamp: new Date(IMAGE_ERROR.ErrorTimestamp) }],
      },
    ]);
  });

  it.each([1, 7, 25, undefined])(
    "paginates all 61 images of the region exactly once with page size %s",
    async (pageSize) => {
      const { items, pageCount } = await collect(
        paginateDescribeImages({ client, pageSize }, {}),
        (page) => page.Images,
      );
      expect(items.map((image) => image.Name)).toEqual(ALL_EAST_NAMES);
      expect(pageCount).toBe(Math.ceil(61 / (pageSize ?? 25)));
    },
  );

  it.each(VISIBILITIES)("filters on Visibility with Type %s, across pages", async (type) => {
    const { items } = await collect(
      paginateDescribeImages({ client, pageSize: 3 }, { Type: type }),
      (page) => page.Images,
    );
    const wanted = [...EAST, DETAILED].filter((image) => image.Visibility === type);
    expect(items.map((image) => image.Name)).toEqual(wanted.map((image) => image.Name));
    expect(items.every((image) => image.Visibility === type)).toBe(true);
  });

  it("returns requested names in fixture order, each once", async () => {
    const names = ["image-010", "image-002", "image-010", "image-041"];
    const out = await client.send(new DescribeImagesCommand({ Names: names }));
    expect(out.Images?.map((image) => image.Name)).toEqual(["image-002", "image-010", "image-041"]);
  });

  it("returns requested ARNs in fixture order and paginates them", async () => {
    const arns = [EAST[30]?.Arn, EAST[3]?.Arn, DETAILED.Arn, EAST[12]?.Arn].map(String);
    const { items, pageCount } = await collect(
      paginateDescribeImages({ client, pageSize: 2 }, { Arns: arns }),
      (page) => page.Images,
    );
    expect(items.map((image) => image.Name)).toEqual([
      "image-003",
      "image-012",
      "image-030",
      "Detailed-Image",
    ]);
    expect(pageCount).toBe(2);
  });

  it("combines Names with a Type filter", async () => {
    const out = await client.send(
      new DescribeImagesCommand({ Names: ["image-000", "image-001"], Type: "PRIVATE" }),
    );
    expect(out.Images?.map((image) => image.Name)).toEqual(["image-001"]);
  });

  it("rejects Names together with Arns as InvalidParameterCombinationException 400", async () => {
    const error = await caught(
      client.send(
        new DescribeImagesCommand({ Names: ["image-000"], Arns: [String(EAST[0]?.Arn)] }),
      ),
    );
    expect(error.name).toBe("InvalidParameterCombinationException");
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  // awsJson1_1 without a modelled status: HTTP 400, the error told apart by its name alone.
  it("lists every missing name in a ResourceNotFoundException 400", async () => {
    const error = await caught(
      client.send(new DescribeImagesCommand({ Names: ["image-000", "ghost-1", "ghost-2"] })),
    );
    expect(error.name).toBe("ResourceNotFoundException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain("ghost-1");
    expect(error.message).toContain("ghost-2");
    expect(error.message).not.toContain("image-000");
  });

  it("lists every missing ARN in a ResourceNotFoundException 400", async () => {
    const ghost = "arn:aws:appstream:us-east-1::image/ghost";
    const error = await caught(client.send(new DescribeImagesCommand({ Arns: [ghost] })));
    expect(error.name).toBe("ResourceNotFoundException");
    expect(error.message).toContain(ghost);
  });

  it("does not find images of another region", async () => {
    const error = await caught(
      client.send(new DescribeImagesCommand({ Names: [String(EU[0]?.Name), "image-000"] })),
    );
    expect(error.name).toBe("ResourceNotFoundException");
    expect(error.message).toContain(String(EU[0]?.Name));
    const byArn = await caught(
      client.send(new DescribeImagesCommand({ Arns: [String(EU[1]?.Arn)] })),
    );
    expect(byArn.name).toBe("ResourceNotFoundException");

    const eu = appStreamClient(emulator, { region: "eu-west-1" });
    try {
      const out = await eu.send(new DescribeImagesCommand({}));
      expect(out.Images?.map((image) => image.Arn)).toEqual(EU.map((image) => image.Arn));
      expect(out.NextToken).toBeUndefined();
    } finally {
      eu.destroy();
    }
  });

  it("answers a region without images with an empty page", async () => {
    const empty = appStreamClient(emulator, { region: "ap-south-1" });
    try {
      const out = await empty.send(new DescribeImagesCommand({}));
      expect(out.Images).toEqual([]);
      expect(out.NextToken).toBeUndefined();
    } finally {
      empty.destroy();
    }
  });

  it.each([
    ["MaxResults 26", { MaxResults: 26 }, "MaxResults"],
    ["MaxResults -1", { MaxResults: -1 }, "MaxResults"],
    ["a malformed ARN", { Arns: ["not-an-arn"] }, "Arns.1.member"],
    ["an empty name", { Names: [""] }, "Names.1.member"],
    ["an unknown Type", { Type: "FRIENDS" as "PUBLIC" }, "Type"],
    ["an empty NextToken", { NextToken: "" }, "NextToken"],
    ["a NextToken it never issued", { NextToken: "garbage" }, "NextToken"],
  ])("rejects %s with ValidationException 400", async (_, input, member) => {
    const error = await caught(client.send(new DescribeImagesCommand(input)));
    expect(error.name).toBe("ValidationException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain(member);
  });

  it.each([
    ["another Type", { Type: "PUBLIC" as const }, { Type: "PRIVATE" as const }],
    ["other Names", { Names: ["image-001", "image-002"] }, { Names: ["image-001", "image-003"] }],
    ["Names instead of no filter", {}, { Names: ["image-001", "image-002"] }],
  ])("rejects a token reused with %s", async (_, issuedFor, reusedWith) => {
    const first = await client.send(new DescribeImagesCommand({ ...issuedFor, MaxResults: 1 }));
    expect(first.NextToken).toBeDefined();
    const error = await caught(
      client.send(new DescribeImagesCommand({ ...reusedWith, NextToken: first.NextToken })),
    );
    expect(error.name).toBe("ValidationException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/other parameters/);
  });

  it("accepts a token with the same Names in another order", async () => {
    const first = await client.send(
      new DescribeImagesCommand({ Names: ["image-001", "image-002"], MaxResults: 1 }),
    );
    const second = await client.send(
      new DescribeImagesCommand({ Names: ["image-002", "image-001"], NextToken: first.NextToken }),
    );
    expect(second.Images?.map((image) => image.Name)).toEqual(["image-002"]);
  });

  it("rejects a token used from another region", async () => {
    const first = await client.send(new DescribeImagesCommand({ MaxResults: 1 }));
    const eu = appStreamClient(emulator, { region: "eu-west-1" });
    try {
      const error = await caught(
        eu.send(new DescribeImagesCommand({ NextToken: first.NextToken })),
      );
      expect(error.name).toBe("ValidationException");
    } finally {
      eu.destroy();
    }
  });
});

describe("DescribeImages with emptyTrailingPage and tokenTtlMs", () => {
  it("ends an exactly-full last page with an empty page", async () => {
    const trailing = await startEmulator({ fixture, emptyTrailingPage: true });
    const trailingClient = appStreamClient(trailing);
    try {
      // 20 SHARED images in us-east-1, pages of 10: 10, 10, then an empty page.
      const pages: number[] = [];
      const names: string[] = [];
      for await (const page of paginateDescribeImages(
        { client: trailingClient, pageSize: 10 },
        { Type: "SHARED" },
      )) {
        pages.push(page.Images?.length ?? -1);
        names.push(...(page.Images ?? []).map((image) => image.Name ?? ""));
      }
      expect(pages).toEqual([10, 10, 0]);
      expect(names).toEqual(
        EAST.filter((image) => image.Visibility === "SHARED").map((i) => i.Name),
      );
    } finally {
      trailingClient.destroy();
      await trailing.close();
    }
  });

  it("rejects an expired token", async () => {
    const expiring = await startEmulator({ fixture, tokenTtlMs: 1 });
    const expiringClient = appStreamClient(expiring);
    try {
      const first = await expiringClient.send(new DescribeImagesCommand({ MaxResults: 5 }));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const error = await caught(
        expiringClient.send(new DescribeImagesCommand({ NextToken: first.NextToken })),
      );
      expect(error.name).toBe("ValidationException");
      expect(error.message).toMatch(/expired/);
    } finally {
      expiringClient.destroy();
      await expiring.close();
    }
  });
});
