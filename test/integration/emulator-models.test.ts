// The emulator holds requests to the constraints of the current AWS models (src/aws/generated),
// with the models' semantics: through the real SDK clients over HTTP.

import { type AppStreamClient, DescribeImagesCommand } from "@aws-sdk/client-appstream";
import { type ImagebuilderClient, ListImagePackagesCommand } from "@aws-sdk/client-imagebuilder";
import {
  GetImageSetCommand,
  ListImageSetVersionsCommand,
  type MedicalImagingClient,
  SearchImageSetsCommand,
} from "@aws-sdk/client-medical-imaging";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import {
  appStreamClient,
  caught,
  healthImagingId,
  imageBuilderClient,
  imageSetVersions,
  medicalImagingClient,
} from "../helpers/emulator-clients.js";

const STORE = healthImagingId(1, "d");
const SET = healthImagingId(1, "b");
const IMAGE = "arn:aws:imagebuilder:us-east-1:123456789012:image/x/1.0.0/1";

let emulator: RunningEmulator;
let medicalImaging: MedicalImagingClient;
let appStream: AppStreamClient;
let imageBuilder: ImagebuilderClient;
beforeAll(async () => {
  emulator = await startEmulator({
    fixture: {
      imageBuilder: { images: [{ arn: IMAGE, packages: [] }] },
      medicalImaging: {
        datastores: [
          {
            datastoreId: STORE,
            region: "us-east-1",
            imageSets: [{ imageSetId: SET, versions: imageSetVersions(2) }],
          },
        ],
      },
    },
  });
  medicalImaging = medicalImagingClient(emulator);
  appStream = appStreamClient(emulator);
  imageBuilder = imageBuilderClient(emulator);
});
afterAll(async () => {
  for (const client of [medicalImaging, appStream, imageBuilder]) client?.destroy();
  await emulator?.close();
});

const studyDate = (DICOMStudyDate: string, DICOMStudyTime?: string) =>
  new SearchImageSetsCommand({
    datastoreId: STORE,
    searchCriteria: {
      filters: [
        {
          operator: "EQUAL",
          values: [{ DICOMStudyDateAndTime: { DICOMStudyDate, DICOMStudyTime } }],
        },
      ],
    },
  });

describe("SearchImageSets' DICOMStudyDateAndTime", () => {
  it("takes a study date of 36 characters and a study time of 56, as the model does", async () => {
    const out = await medicalImaging.send(studyDate("2".repeat(36), "1".repeat(56)));
    expect(out.imageSetsMetadataSummaries).toEqual([]);
  });

  it.each([
    ["a 37-character study date", "2".repeat(37), undefined, "DICOMStudyDate", "between 0 and 36"],
    ["a 57-character study time", "20260301", "1".repeat(57), "DICOMStudyTime", "between 0 and 56"],
  ])("refuses %s with ValidationException", async (_, date, time, member, rule) => {
    const error = await caught(medicalImaging.send(studyDate(date, time)));
    expect(error.name).toBe("ValidationException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain(
      `'searchCriteria.filters.1.member.values.1.member.DICOMStudyDateAndTime.${member}'`,
    );
    expect(error.message).toContain(`Member must have length ${rule}`);
  });
});

describe("HealthImaging identifier patterns (unanchored in the model)", () => {
  it("match anywhere in the value: a longer id passes validation and is not found", async () => {
    const error = await caught(
      medicalImaging.send(
        new ListImageSetVersionsCommand({ datastoreId: `x${STORE}`, imageSetId: SET }),
      ),
    );
    expect([error.name, error.$metadata.httpStatusCode]).toEqual([
      "ResourceNotFoundException",
      404,
    ]);
    // Without 32 lower-case letters and digits in a row, the pattern [0-9a-z]{32} fails.
    const malformed = await caught(
      medicalImaging.send(
        new ListImageSetVersionsCommand({ datastoreId: STORE.toUpperCase(), imageSetId: SET }),
      ),
    );
    expect(malformed.name).toBe("ValidationException");
    expect(malformed.message).toContain(
      "'datastoreId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-z]{32}",
    );
  });

  it("take a version with digits anywhere (\\d+), and find none for -1", async () => {
    const error = await caught(
      medicalImaging.send(
        new GetImageSetCommand({ datastoreId: STORE, imageSetId: SET, versionId: "-1" }),
      ),
    );
    expect(error.name).toBe("ResourceNotFoundException");
    const found = await medicalImaging.send(
      new GetImageSetCommand({ datastoreId: STORE, imageSetId: SET, versionId: "2" }),
    );
    expect(found.versionId).toBe("2");
  });

  it("leave a non-ASCII nextToken to the token check (\\p{ASCII}{0,8192} matches anything)", async () => {
    const error = await caught(
      medicalImaging.send(
        new ListImageSetVersionsCommand({
          datastoreId: STORE,
          imageSetId: SET,
          nextToken: "pagé",
        }),
      ),
    );
    expect(error.name).toBe("ValidationException");
    expect(error.message).not.toContain("regular expression");
    expect(error.message).toMatch(/nextToken/);
  });
});

describe("AppStream's Arn pattern", () => {
  it("allows a backslash in the resource part, as the model does", async () => {
    const arn = "arn:aws:appstream:us-east-1:123456789012:image/with\\backslash";
    const error = await caught(appStream.send(new DescribeImagesCommand({ Arns: [arn] })));
    expect(error.name).toBe("ResourceNotFoundException");
    expect(error.message).toContain(arn);
  });

  it("still refuses what the pattern does not allow, quoting the model's pattern", async () => {
    const error = await caught(
      appStream.send(
        new DescribeImagesCommand({ Arns: ["arn:aws:appstream:us-east-1:1:image/x y"] }),
      ),
    );
    expect(error.name).toBe("ValidationException");
    expect(error.message).toContain("'Arns.1.member'");
    expect(error.message).toContain("[A-Za-z0-9:_/+=,@.\\\\-]{0,1023}$");
  });
});

describe("lengths", () => {
  it("count Unicode code points, as Smithy does, not UTF-16 units", async () => {
    const withToken = (codePoints: number) =>
      caught(
        imageBuilder.send(
          new ListImagePackagesCommand({
            imageBuildVersionArn: IMAGE,
            nextToken: "😀".repeat(codePoints),
          }),
        ),
      );
    // 65535 code points, 131070 UTF-16 units: within PaginationToken's 1..65535.
    expect((await withToken(65535)).name).toBe("InvalidPaginationTokenException");
    const tooLong = await withToken(65536);
    expect(tooLong.name).toBe("InvalidRequestException");
    expect(tooLong.message).toContain("between 1 and 65535");
  });
});
