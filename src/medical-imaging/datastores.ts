// HealthImaging from the top: data stores (ListDatastores), their image sets (SearchImageSets)
// and each image set's details of its latest version (GetImageSet), loaded only when selected.

import {
  DatastoreStatus,
  type DatastoreSummary,
  type DICOMTags,
  type GetImageSetResponse,
  type SearchCriteria,
  type SearchFilter,
  StorageTier,
} from "@aws-sdk/client-medical-imaging";
import stringify from "safe-stable-stringify";
import { z } from "zod";
import { parseArn } from "../aws/arn.js";
import { medicalImagingModel } from "../aws/generated/medical-imaging.js";
import { codePointLength, memberShape } from "../aws/model.js";
import { PageWalk, walkAllPages } from "../aws/page-walk.js";
import { REGION_PATTERN } from "../config.js";
import type { GatewayContext } from "../context.js";
import { awsCost, REFETCHED } from "../cost/fields.js";
import { pageArgs, regionArg, regionOrDefault } from "../graph/arguments.js";
import { builder } from "../graph/builder.js";
import { connectionArgs, resolveTokenConnection } from "../graph/connections.js";
import { awsEnum } from "../graph/enums.js";
import { gatewayError, nullIfNotFound } from "../graph/errors.js";
import { resolvePartitionedList } from "../graph/merged-connections.js";
import {
  accountIdPart,
  compositeId,
  invalidId,
  parseCompositeIdWithAccount,
  refetchable,
} from "../graph/nodes.js";
import { accountNamed, callAccount, partitionArgs, referenceAccount } from "../graph/partitions.js";
import { PAGE_CAP } from "./client.js";
import {
  ImageSetOverridesType,
  type ImageSetRef,
  ImageSetStateEnum,
  ImageSetType,
  ImageSetVersionType,
  ImageSetWorkflowStatusEnum,
  STORE_ID,
  versionFromGetImageSet,
} from "./types.js";

/** A data store: its identity, and its summary when ListDatastores already gave it. */
export interface DatastoreRef {
  region: string;
  /** The configured account it lives in; absent: the home account. */
  account?: string;
  datastoreId: string;
  summary?: DatastoreSummary;
}

const DatastoreStatusEnum = awsEnum(DatastoreStatus, {
  name: "DatastoreStatus",
  description: "Where a HealthImaging data store is in its life cycle.",
  values: {
    ACTIVE: "Ready: image sets can be imported, searched and read.",
    CREATE_FAILED: "Creating the data store failed.",
    CREATING: "Being created.",
    DELETED: "Deleted.",
    DELETING: "Being deleted.",
  },
});

const StorageTierEnum = awsEnum(StorageTier, {
  name: "StorageTier",
  description: "The storage tier an image set's data is kept in.",
  values: {
    ARCHIVE_INSTANT_ACCESS:
      "Lower-cost storage for image sets read rarely, still available in milliseconds.",
    FREQUENT_ACCESS: "Storage for image sets that are read regularly.",
  },
});

/** The DICOM tags SearchImageSets returns, with the DICOM attribute each one holds. */
const DICOM_TEXT_TAGS = {
  dicomPatientId: ["DICOMPatientId", "The patient's identifier, Patient ID (0010,0020)."],
  dicomPatientName: ["DICOMPatientName", "The patient's name, Patient's Name (0010,0010)."],
  dicomPatientBirthDate: [
    "DICOMPatientBirthDate",
    "The patient's birth date as DICOM writes it (YYYYMMDD), (0010,0030).",
  ],
  dicomPatientSex: ["DICOMPatientSex", "The patient's sex, Patient's Sex (0010,0040)."],
  dicomStudyInstanceUid: ["DICOMStudyInstanceUID", "The Study Instance UID (0020,000D)."],
  dicomStudyId: ["DICOMStudyId", "The Study ID (0020,0010)."],
  dicomStudyDescription: ["DICOMStudyDescription", "The Study Description (0008,1030)."],
  dicomAccessionNumber: ["DICOMAccessionNumber", "The study's Accession Number (0008,0050)."],
  dicomSeriesInstanceUid: ["DICOMSeriesInstanceUID", "The Series Instance UID (0020,000E)."],
  dicomSeriesModality: ["DICOMSeriesModality", "The series' Modality (0008,0060), e.g. CT or MR."],
  dicomSeriesBodyPart: ["DICOMSeriesBodyPart", "The series' Body Part Examined (0018,0015)."],
  dicomStudyDate: ["DICOMStudyDate", "The Study Date (0008,0020), as DICOM writes it (YYYYMMDD)."],
  dicomStudyTime: [
    "DICOMStudyTime",
    "The Study Time (0008,0030), as DICOM writes it (HHMMSS.FFFFFF).",
  ],
} as const;

const DICOM_COUNT_TAGS = {
  dicomNumberOfStudyRelatedSeries: [
    "DICOMNumberOfStudyRelatedSeries",
    "How many series the study has (0020,1206).",
  ],
  dicomNumberOfStudyRelatedInstances: [
    "DICOMNumberOfStudyRelatedInstances",
    "How many instances the study has (0020,1208).",
  ],
  dicomSeriesNumber: ["DICOMSeriesNumber", "The series' Series Number (0020,0011)."],
} as const;

const DicomTagsType = builder.objectRef<DICOMTags>("DicomTags").implement({
  description:
    "The DICOM attributes of an image set's patient, study and series, as SearchImageSets returns them.",
  fields: (t) => ({
    ...Object.fromEntries(
      Object.entries(DICOM_TEXT_TAGS).map(([name, [member, description]]) => [
        name,
        t.exposeString(member, { nullable: true, description }),
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(DICOM_COUNT_TAGS).map(([name, [member, description]]) => [
        name,
        t.exposeInt(member, { nullable: true, description }),
      ]),
    ),
  }),
});

export const DatastoreType = builder.objectRef<DatastoreRef>("Datastore");

/** The region's data store with this id (ListDatastores pages, shared per request), or null. */
async function findDatastore(
  region: string,
  datastoreId: string,
  context: GatewayContext,
  account?: string,
): Promise<DatastoreSummary | null> {
  let found: DatastoreSummary | undefined;
  await walkAllPages(
    new PageWalk(
      { service: "medical-imaging", operation: "ListDatastores", region },
      context.paging.maxPagesPerWalk,
    ),
    (nextToken) =>
      context.loaders.medicalImaging.datastoresPage.load({ region, account, nextToken }),
    (page) => page.nextToken,
    (page) => {
      found = page.datastoreSummaries?.find((store) => store.datastoreId === datastoreId);
      return found !== undefined;
    },
  );
  return found ?? null;
}

/** The summary: a walk of the region's data stores, unless the store was found by one already. */
const DATASTORE_WALK = { sharedWalk: "medical-imaging.ListDatastores" };
const DATASTORE_DETAIL = awsCost.detail("medical-imaging.ListDatastores", DATASTORE_WALK, [
  "Query.datastores",
  REFETCHED,
]);

async function summaryOf(datastore: DatastoreRef, context: GatewayContext) {
  if (datastore.summary) return datastore.summary;
  const found = await findDatastore(
    datastore.region,
    datastore.datastoreId,
    context,
    datastore.account,
  );
  if (!found) {
    throw gatewayError(
      "NOT_FOUND",
      `No HealthImaging data store ${datastore.datastoreId} exists in ${datastore.region}.`,
    );
  }
  return found;
}

const DateTimeRangeInput = builder.inputType("DateTimeRange", {
  description:
    "A span of time, bounds included. Give `from`, `to` or both; a missing bound leaves that side open.",
  fields: (t) => ({
    from: t.field({ type: "DateTime", description: "The earliest time included." }),
    to: t.field({ type: "DateTime", description: "The latest time included." }),
  }),
});

interface Range {
  from?: Date | null;
  to?: Date | null;
}

interface ImageSetFilterArgs {
  createdAt?: Range | null;
  updatedAt?: Range | null;
  dicomPatientId?: string | null;
  dicomStudyId?: string | null;
}

// Open bounds are fixed instants, so a search's AWS page tokens stay valid across requests.
const EARLIEST = new Date(0);
const LATEST = new Date("9999-12-31T23:59:59Z");
/** SearchImageSets takes at most this many filters. */
const MAX_FILTERS = 2;

function rangeBounds(argument: string, range: Range): [Date, Date] {
  const from = range.from ?? EARLIEST;
  const to = range.to ?? LATEST;
  if (!range.from && !range.to) {
    throw gatewayError(
      "BAD_USER_INPUT",
      `Invalid argument ${argument}: give \`from\`, \`to\` or both.`,
      { argument },
    );
  }
  if (from > to) {
    throw gatewayError(
      "BAD_USER_INPUT",
      `Invalid argument ${argument}: \`from\` (${from.toISOString()}) is after \`to\` (${to.toISOString()}).`,
      { argument },
    );
  }
  return [from, to];
}

/** The SearchImageSets criteria for `Datastore.imageSets`' filter arguments; none: no criteria. */
function searchCriteria(args: ImageSetFilterArgs): SearchCriteria | undefined {
  const filters: SearchFilter[] = [];
  if (args.createdAt) {
    const [from, to] = rangeBounds("createdAt", args.createdAt);
    filters.push({ operator: "BETWEEN", values: [{ createdAt: from }, { createdAt: to }] });
  }
  if (args.updatedAt) {
    const [from, to] = rangeBounds("updatedAt", args.updatedAt);
    filters.push({ operator: "BETWEEN", values: [{ updatedAt: from }, { updatedAt: to }] });
  }
  if (args.dicomPatientId !== null && args.dicomPatientId !== undefined) {
    filters.push({ operator: "EQUAL", values: [{ DICOMPatientId: args.dicomPatientId }] });
  }
  if (args.dicomStudyId !== null && args.dicomStudyId !== undefined) {
    filters.push({ operator: "EQUAL", values: [{ DICOMStudyId: args.dicomStudyId }] });
  }
  if (filters.length > MAX_FILTERS) {
    throw gatewayError(
      "BAD_USER_INPUT",
      `Invalid arguments: HealthImaging searches with at most ${MAX_FILTERS} filters; give at most ${MAX_FILTERS} of createdAt, updatedAt, dicomPatientId and dicomStudyId.`,
      { argument: "createdAt" },
    );
  }
  return filters.length === 0 ? undefined : { filters };
}

const ImageSetConnection = builder.connectionObject(
  {
    type: ImageSetType,
    name: "ImageSetConnection",
    description:
      "Image sets of one data store, as SearchImageSets finds them: most recently updated first.",
  },
  { name: "ImageSetEdge" },
);

export const DatastoreConnection = builder.connectionObject(
  {
    type: DatastoreType,
    name: "DatastoreConnection",
    description:
      "Data stores in the order HealthImaging lists them; over several accounts and regions, account by account (configuration order), region by region (in the order `regions` names them).",
  },
  { name: "DatastoreEdge" },
);

/** A DICOM text a search matches exactly, as long as the model allows (SearchByAttributeValue). */
const searchTextMax =
  memberShape(medicalImagingModel, "SearchByAttributeValue", "DICOMPatientId").max ?? 0;
const dicomSearchText = z.string().refine((value) => codePointLength(value) <= searchTextMax, {
  error: `must be at most ${searchTextMax} characters long`,
});

builder.node(DatastoreType, {
  id: {
    resolve: (store, _args, context) =>
      compositeId(store.region, store.datastoreId, ...accountIdPart(store.account, context)),
  },
  description: "A HealthImaging data store: where image sets of one region are kept.",
  fields: (t) => ({
    datastoreId: t.exposeString("datastoreId", {
      description: "The data store's identifier, 32 lowercase letters or digits.",
    }),
    region: t.exposeString("region", { description: "The region the data store lives in." }),
    accountId: t.string({
      extensions: DATASTORE_DETAIL,
      nullable: true,
      description: "The AWS account that owns the data store (from its ARN).",
      resolve: async (store, _args, context) =>
        parseArn((await summaryOf(store, context)).datastoreArn ?? "")?.accountId || null,
    }),
    datastoreName: t.string({
      extensions: DATASTORE_DETAIL,
      description: "The data store's name.",
      resolve: async (store, _args, context) =>
        (await summaryOf(store, context)).datastoreName ?? "",
    }),
    datastoreStatus: t.field({
      extensions: DATASTORE_DETAIL,
      type: DatastoreStatusEnum,
      description: "Where the data store is in its life cycle; image sets are served while ACTIVE.",
      resolve: async (store, _args, context) =>
        (await summaryOf(store, context)).datastoreStatus ?? "ACTIVE",
    }),
    datastoreArn: t.string({
      extensions: DATASTORE_DETAIL,
      nullable: true,
      description: "The data store's ARN.",
      resolve: async (store, _args, context) => (await summaryOf(store, context)).datastoreArn,
    }),
    createdAt: t.field({
      extensions: DATASTORE_DETAIL,
      type: "DateTime",
      nullable: true,
      description: "When the data store was created.",
      resolve: async (store, _args, context) => (await summaryOf(store, context)).createdAt,
    }),
    updatedAt: t.field({
      extensions: DATASTORE_DETAIL,
      type: "DateTime",
      nullable: true,
      description: "When the data store was last updated.",
      resolve: async (store, _args, context) => (await summaryOf(store, context)).updatedAt,
    }),
    imageSets: t.field({
      type: ImageSetConnection,
      nullable: true,
      extensions: awsCost.connection(PAGE_CAP),
      description:
        "The data store's image sets (SearchImageSets), most recently updated first. The filter " +
        "arguments narrow the search; HealthImaging takes at most two of them at once.",
      args: {
        ...pageArgs(t.arg),
        createdAt: t.arg({
          type: DateTimeRangeInput,
          description: "Only image sets whose latest version was created in this span.",
        }),
        updatedAt: t.arg({
          type: DateTimeRangeInput,
          description: "Only image sets whose latest version was updated in this span.",
        }),
        dicomPatientId: t.arg.string({
          description: `Only image sets of this DICOM Patient ID (exact match, up to ${searchTextMax} characters).`,
          validate: dicomSearchText,
        }),
        dicomStudyId: t.arg.string({
          description: `Only image sets of this DICOM Study ID (exact match, up to ${searchTextMax} characters).`,
          validate: dicomSearchText,
        }),
      },
      resolve: (store, { first, after, ...filters }, context, info) => {
        const criteria = searchCriteria(filters);
        const { region, account, datastoreId } = store;
        return resolveTokenConnection({
          ...connectionArgs({ first, after }, info),
          binding: `Datastore.imageSets|${region}|${datastoreId}|${stringify(criteria) ?? ""}|${account ?? ""}`,
          call: { service: "medical-imaging", operation: "SearchImageSets", region, account },
          codec: context.cursors,
          limits: context.paging,
          identify: (imageSet: ImageSetRef) => imageSet.imageSetId,
          fetchPage: async (nextToken) => {
            const page = await context.loaders.medicalImaging.imageSetsSearchPage.load({
              region,
              account,
              datastoreId,
              searchCriteria: criteria,
              nextToken,
            });
            return {
              items: (page.imageSetsMetadataSummaries ?? []).map((summary) => ({
                region,
                account,
                datastoreId,
                imageSetId: summary.imageSetId ?? "",
                summary,
              })),
              nextToken: page.nextToken,
            };
          },
        });
      },
    }),
  }),
});

/** GetImageSet of the latest version, shared by every detail field; null when it has none. */
function latestOf(imageSet: ImageSetRef, context: GatewayContext) {
  const { region, account, datastoreId, imageSetId } = imageSet;
  return nullIfNotFound(
    context.loaders.medicalImaging.imageSetVersion.load({
      region,
      account,
      datastoreId,
      imageSetId,
    }),
  );
}

/** A detail SearchImageSets gives when it found the image set, GetImageSet otherwise. */
function searchedOrLatest<T>(
  fromSearch: (summary: NonNullable<ImageSetRef["summary"]>) => T | undefined,
  fromLatest: (latest: GetImageSetResponse) => T | undefined,
) {
  return async (imageSet: ImageSetRef, _args: object, context: GatewayContext) => {
    if (imageSet.summary) return fromSearch(imageSet.summary) ?? null;
    const latest = await latestOf(imageSet, context);
    return (latest && fromLatest(latest)) ?? null;
  };
}

/** A detail only GetImageSet gives. */
function fromLatest<T>(pick: (latest: GetImageSetResponse) => T | undefined) {
  return async (imageSet: ImageSetRef, _args: object, context: GatewayContext) => {
    const latest = await latestOf(imageSet, context);
    return (latest && pick(latest)) ?? null;
  };
}

/** GetImageSet of the latest version, whichever way the image set was reached. */
const LATEST_DETAIL = awsCost.detail("medical-imaging.GetImageSet", { calls: 1 });
/** The same read, unless the image set was found by a search, which brought these members. */
const SEARCHED_DETAIL = awsCost.detail("medical-imaging.GetImageSet", { calls: 1 }, [
  "Datastore.imageSets",
]);

const LATEST_NOTE = "of the image set's latest version (GetImageSet, read only when selected)";

builder.objectFields(ImageSetType, (t) => ({
  datastore: t.field({
    type: DatastoreType,
    description: "The data store holding the image set.",
    resolve: ({ region, account, datastoreId }) => ({ region, account, datastoreId }),
  }),
  latestVersionId: t.string({
    extensions: SEARCHED_DETAIL,
    nullable: true,
    description: "The identifier of the image set's latest version; null when it has none.",
    resolve: searchedOrLatest(
      (summary) => (summary.version === undefined ? undefined : String(summary.version)),
      (latest) => latest.versionId,
    ),
  }),
  latestVersion: t.field({
    extensions: LATEST_DETAIL,
    type: ImageSetVersionType,
    nullable: true,
    description: "The image set's latest version (GetImageSet); null when it has none.",
    resolve: async (imageSet, _args, context) => {
      const latest = await latestOf(imageSet, context);
      return latest && versionFromGetImageSet(latest, imageSet);
    },
  }),
  latestVersionState: t.field({
    extensions: LATEST_DETAIL,
    type: ImageSetStateEnum,
    nullable: true,
    description: `The state ${LATEST_NOTE}.`,
    resolve: fromLatest((latest) => latest.imageSetState),
  }),
  imageSetWorkflowStatus: t.field({
    extensions: LATEST_DETAIL,
    type: ImageSetWorkflowStatusEnum,
    nullable: true,
    description: `The status of the last operation ${LATEST_NOTE}.`,
    resolve: fromLatest((latest) => latest.imageSetWorkflowStatus),
  }),
  createdAt: t.field({
    extensions: SEARCHED_DETAIL,
    type: "DateTime",
    nullable: true,
    description: "When the image set's latest version was created.",
    resolve: searchedOrLatest(
      (summary) => summary.createdAt,
      (latest) => latest.createdAt,
    ),
  }),
  updatedAt: t.field({
    extensions: SEARCHED_DETAIL,
    type: "DateTime",
    nullable: true,
    description: "When the image set's latest version was last updated.",
    resolve: searchedOrLatest(
      (summary) => summary.updatedAt,
      (latest) => latest.updatedAt,
    ),
  }),
  deletedAt: t.field({
    extensions: LATEST_DETAIL,
    type: "DateTime",
    nullable: true,
    description: `When the latest version was deleted, for deleted ones; ${LATEST_NOTE}.`,
    resolve: fromLatest((latest) => latest.deletedAt),
  }),
  message: t.string({
    extensions: LATEST_DETAIL,
    nullable: true,
    description: `The error or status message ${LATEST_NOTE}.`,
    resolve: fromLatest((latest) => latest.message),
  }),
  imageSetArn: t.string({
    extensions: LATEST_DETAIL,
    nullable: true,
    description: "The image set's ARN (GetImageSet, read only when selected).",
    resolve: fromLatest((latest) => latest.imageSetArn),
  }),
  overrides: t.field({
    extensions: LATEST_DETAIL,
    type: ImageSetOverridesType,
    nullable: true,
    description: `Overrides applied when the latest version was made; ${LATEST_NOTE}.`,
    resolve: fromLatest((latest) => latest.overrides),
  }),
  isPrimary: t.boolean({
    extensions: SEARCHED_DETAIL,
    nullable: true,
    description: "Whether the image set's latest version is primary.",
    resolve: searchedOrLatest(
      (summary) => summary.isPrimary,
      (latest) => latest.isPrimary,
    ),
  }),
  storageTier: t.field({
    extensions: SEARCHED_DETAIL,
    type: StorageTierEnum,
    nullable: true,
    description: "The storage tier the image set's data is kept in.",
    resolve: searchedOrLatest(
      (summary) => summary.storageTier,
      (latest) => latest.storageTier,
    ),
  }),
  lastAccessedAt: t.field({
    extensions: SEARCHED_DETAIL,
    type: "DateTime",
    nullable: true,
    description: "When the image set was last accessed.",
    resolve: searchedOrLatest(
      (summary) => summary.lastAccessedAt,
      (latest) => latest.lastAccessedAt,
    ),
  }),
  dicomTags: t.field({
    type: DicomTagsType,
    nullable: true,
    description:
      "The DICOM tags of the image set's patient, study and series, as SearchImageSets returns " +
      "them: present when the image set was reached through `Datastore.imageSets`, null otherwise " +
      "(HealthImaging has no read of them by image set).",
    resolve: (imageSet) => imageSet.summary?.DICOMTags ?? null,
  }),
}));

builder.queryFields((t) => ({
  datastores: t.field({
    type: DatastoreConnection,
    nullable: true,
    extensions: awsCost.connection(PAGE_CAP, "medical-imaging"),
    description:
      "HealthImaging data stores (ListDatastores) of one region of the gateway's account, or of several accounts and regions merged into one list (`accounts`, `regions`).",
    args: {
      region: regionArg(t.arg),
      ...partitionArgs(t.arg),
      status: t.arg({
        type: DatastoreStatusEnum,
        description: "Only data stores in this status; every status when absent.",
      }),
      ...pageArgs(t.arg),
    },
    resolve: (
      _root,
      { region: regionArgument, accounts, regions, status, first, after },
      context,
      info,
    ) => {
      if (accounts || regions) {
        return resolvePartitionedList(
          {
            ...connectionArgs({ first, after }, info),
            service: "medical-imaging",
            operation: "ListDatastores",
            binding: `Query.datastores|${status ?? ""}`,
            where: { accounts, regions, region: regionArgument },
            identify: (store: DatastoreRef) => store.datastoreId,
            fetchPage: async (partition, nextToken) => {
              const account = callAccount(partition.account);
              const page = await context.loaders.medicalImaging.datastoresPage.load({
                region: partition.region,
                account,
                status: status ?? undefined,
                nextToken,
              });
              return {
                items: (page.datastoreSummaries ?? []).map((summary) => ({
                  region: partition.region,
                  account,
                  datastoreId: summary.datastoreId ?? "",
                  summary,
                })),
                nextToken: page.nextToken,
              };
            },
          },
          context,
          info,
        );
      }
      const region = regionOrDefault(regionArgument, context, "medical-imaging");
      return resolveTokenConnection({
        ...connectionArgs({ first, after }, info),
        binding: `Query.datastores|${region}|${status ?? ""}`,
        call: { service: "medical-imaging", operation: "ListDatastores", region },
        codec: context.cursors,
        limits: context.paging,
        identify: (store: DatastoreRef) => store.datastoreId,
        fetchPage: async (nextToken) => {
          const page = await context.loaders.medicalImaging.datastoresPage.load({
            region,
            status: status ?? undefined,
            nextToken,
          });
          return {
            items: (page.datastoreSummaries ?? []).map((summary) => ({
              region,
              datastoreId: summary.datastoreId ?? "",
              summary,
            })),
            nextToken: page.nextToken,
          };
        },
      });
    },
  }),
}));

/** A data store that exists, with its summary; null when the region has no such data store. */
async function existingDatastore(
  region: string,
  datastoreId: string,
  context: GatewayContext,
  account?: string,
): Promise<DatastoreRef | null> {
  if (!REGION_PATTERN.test(region) || !STORE_ID.test(datastoreId)) return null;
  const summary = await findDatastore(region, datastoreId, context, account);
  return summary && { region, account, datastoreId, summary };
}

// Found in the region's data stores, whose pages every look-up in the request shares.
refetchable("Datastore", DATASTORE_WALK, async (rawId, context) => {
  const { parts, accountId } = parseCompositeIdWithAccount(rawId, 2);
  const [region = "", datastoreId = ""] = parts;
  if (!REGION_PATTERN.test(region) || !STORE_ID.test(datastoreId)) {
    throw invalidId("it does not hold a region and a data store");
  }
  return existingDatastore(region, datastoreId, context, await accountNamed(accountId, context));
});

builder.asEntity(DatastoreType, {
  // The region is part of the key: a data store id alone does not say where to look. The account
  // too, for a data store of another account than the gateway's own (references without it
  // resolve in the home account; see referenceAccount for an account that is not configured).
  key: [
    builder.selection<{ datastoreId: string; region: string; accountId?: string | null }>(
      "datastoreId region accountId",
    ),
    builder.selection<{ datastoreId: string; region: string }>("datastoreId region"),
  ],
  resolveReference: async (key, context) => {
    const account = await referenceAccount(key, context);
    return account === null
      ? null
      : existingDatastore(key.region, key.datastoreId, context, account);
  },
});
