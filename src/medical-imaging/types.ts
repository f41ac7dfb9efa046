import {
  type GetImageSetResponse,
  type ImageSetProperties,
  ImageSetState,
  type ImageSetsMetadataSummary,
  ImageSetWorkflowStatus,
} from "@aws-sdk/client-medical-imaging";
import { REGION_PATTERN } from "../config.js";
import type { GatewayContext } from "../context.js";
import { awsCost } from "../cost/fields.js";
import { pageArgs, patterned, regionArg, regionOrDefault } from "../graph/arguments.js";
import { builder } from "../graph/builder.js";
import {
  type ConnectionArgs,
  connectionArgs,
  resolveTokenConnection,
} from "../graph/connections.js";
import { referenceLocation } from "../graph/entities.js";
import { awsEnum } from "../graph/enums.js";
import { gatewayError, nullIfNotFound } from "../graph/errors.js";
import {
  accountIdPart,
  compositeId,
  invalidId,
  parseCompositeIdWithAccount,
  refetchable,
} from "../graph/nodes.js";
import { accountIdField, accountNamed } from "../graph/partitions.js";
import { PAGE_CAP } from "./client.js";

export const STORE_ID = /^[0-9a-z]{32}$/;
export const STORE_ID_FORM = "32 lowercase letters or digits";

/** A version of an image set, with the data store it was listed from. */
export interface ImageSetVersion
  extends Omit<ImageSetProperties, "imageSetId" | "versionId" | "imageSetState"> {
  datastoreId: string;
  region: string;
  /** The configured account it lives in; absent: the home account. */
  account?: string;
  // Required by the HealthImaging model, though the SDK types them as possibly undefined.
  imageSetId: string;
  versionId: string;
  imageSetState: ImageSetState;
}

function toImageSetVersion(
  properties: ImageSetProperties,
  location: { datastoreId: string; imageSetId: string; region: string; account?: string },
): ImageSetVersion {
  const { versionId, imageSetState } = properties;
  if (versionId === undefined || imageSetState === undefined) {
    throw gatewayError(
      "INTERNAL",
      "AWS HealthImaging returned an image set version without its required versionId or imageSetState.",
    );
  }
  return {
    ...properties,
    ...location,
    imageSetId: properties.imageSetId ?? location.imageSetId,
    versionId,
    imageSetState,
  };
}

/** A version from GetImageSet's answer, which spells the workflow status in lower camel case. */
export function versionFromGetImageSet(
  response: GetImageSetResponse,
  { region, account, datastoreId, imageSetId }: ImageSetRef,
): ImageSetVersion {
  const { imageSetWorkflowStatus, imageSetArn, lastAccessedAt, storageTier, ...properties } =
    response;
  return toImageSetVersion(
    { ...properties, ImageSetWorkflowStatus: imageSetWorkflowStatus },
    { region, account, datastoreId, imageSetId },
  );
}

export const ImageSetStateEnum = awsEnum(ImageSetState, {
  name: "ImageSetState",
  description: "Whether an image set version is usable, locked by a running operation, or deleted.",
  values: {
    ACTIVE: "The version is usable.",
    DELETED: "The version was deleted.",
    LOCKED: "An operation on the image set is running; it cannot be changed until it ends.",
  },
});

export const ImageSetWorkflowStatusEnum = awsEnum(ImageSetWorkflowStatus, {
  name: "ImageSetWorkflowStatus",
  description: "The last operation's progress on an image set version.",
  values: {
    COPIED: "Copied from another image set.",
    COPYING: "Being copied.",
    COPYING_WITH_READ_ONLY_ACCESS: "Being copied; it can be read but not changed meanwhile.",
    COPY_FAILED: "Copying failed.",
    CREATED: "Created.",
    DELETED: "Deleted.",
    DELETING: "Being deleted.",
    IMPORTED: "Imported from DICOM files.",
    IMPORTING: "Being imported.",
    IMPORT_FAILED: "Importing failed.",
    UPDATED: "Its metadata was updated.",
    UPDATE_FAILED: "Updating its metadata failed.",
    UPDATING: "Its metadata is being updated.",
  },
});

export const ImageSetOverridesType = builder
  .objectRef<NonNullable<ImageSetProperties["overrides"]>>("ImageSetOverrides")
  .implement({
    description: "Overrides that applied when the image set version was made.",
    fields: (t) => ({
      forced: t.exposeBoolean("forced", {
        nullable: true,
        description: "Whether the operation was forced past checks that would have stopped it.",
      }),
    }),
  });

/** An image set: what ListImageSetVersions needs to list its versions. */
export interface ImageSetRef {
  region: string;
  /** The configured account it lives in; absent: the home account. */
  account?: string;
  datastoreId: string;
  imageSetId: string;
  /** What SearchImageSets said of it, when it was found that way. */
  summary?: ImageSetsMetadataSummary;
}

export const ImageSetType = builder.objectRef<ImageSetRef>("ImageSet");
export const ImageSetVersionType = builder.objectRef<ImageSetVersion>("ImageSetVersion");

builder.node(ImageSetVersionType, {
  id: {
    resolve: (version, _args, context) =>
      compositeId(
        version.region,
        version.datastoreId,
        version.imageSetId,
        version.versionId,
        ...accountIdPart(version.account, context),
      ),
  },
  description: "One version of a HealthImaging image set and its properties.",
  fields: (t) => ({
    imageSet: t.field({
      type: ImageSetType,
      description: "The image set this is a version of.",
      resolve: ({ region, account, datastoreId, imageSetId }) => ({
        region,
        account,
        datastoreId,
        imageSetId,
      }),
    }),
    datastoreId: t.exposeString("datastoreId", {
      description: "The data store holding the image set.",
    }),
    imageSetId: t.exposeString("imageSetId", { description: "The image set's identifier." }),
    accountId: t.string(accountIdField("that holds the image set")),
    versionId: t.exposeString("versionId", {
      description: "The version's identifier, a decimal number counting from 1.",
    }),
    imageSetState: t.expose("imageSetState", {
      type: ImageSetStateEnum,
      description: "The image set's state in this version.",
    }),
    imageSetWorkflowStatus: t.expose("ImageSetWorkflowStatus", {
      type: ImageSetWorkflowStatusEnum,
      nullable: true,
      description: "The status of the last operation on this version.",
    }),
    createdAt: t.expose("createdAt", {
      type: "DateTime",
      nullable: true,
      description: "When the version was created.",
    }),
    updatedAt: t.expose("updatedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the version was last updated.",
    }),
    deletedAt: t.expose("deletedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the version was deleted, for deleted versions.",
    }),
    message: t.exposeString("message", {
      nullable: true,
      description: "The error or status message of the version's last operation.",
    }),
    overrides: t.expose("overrides", {
      type: ImageSetOverridesType,
      nullable: true,
      description: "Overrides applied when the version was made.",
    }),
    isPrimary: t.exposeBoolean("isPrimary", {
      nullable: true,
      description: "Whether this is the image set's primary version.",
    }),
  }),
});

export const ImageSetVersionConnection = builder.connectionObject(
  {
    type: ImageSetVersionType,
    name: "ImageSetVersionConnection",
    description: "Versions of one image set, in the order HealthImaging lists them.",
  },
  { name: "ImageSetVersionEdge" },
);

async function imageSetVersionsPage(
  imageSet: ImageSetRef,
  nextToken: string | undefined,
  context: GatewayContext,
) {
  const { region, account, datastoreId, imageSetId } = imageSet;
  const page = await context.loaders.medicalImaging.imageSetVersionsPage.load({
    region,
    account,
    datastoreId,
    imageSetId,
    nextToken,
  });
  return {
    items: (page.imageSetPropertiesList ?? []).map((properties) =>
      toImageSetVersion(properties, imageSet),
    ),
    nextToken: page.nextToken,
  };
}

function resolveImageSetVersions(
  field: string,
  imageSet: ImageSetRef,
  args: ConnectionArgs,
  context: GatewayContext,
) {
  return resolveTokenConnection({
    ...args,
    binding: `${field}|${imageSet.region}|${imageSet.datastoreId}|${imageSet.imageSetId}|${imageSet.account ?? ""}`,
    codec: context.cursors,
    limits: context.paging,
    call: {
      service: "medical-imaging",
      operation: "ListImageSetVersions",
      region: imageSet.region,
    },
    identify: (version: ImageSetVersion) => version.versionId,
    fetchPage: (nextToken) => imageSetVersionsPage(imageSet, nextToken, context),
  });
}

builder.node(ImageSetType, {
  id: {
    resolve: (imageSet, _args, context) =>
      compositeId(
        imageSet.region,
        imageSet.datastoreId,
        imageSet.imageSetId,
        ...accountIdPart(imageSet.account, context),
      ),
  },
  description: "A HealthImaging image set: DICOM image data that is versioned as it changes.",
  fields: (t) => ({
    datastoreId: t.exposeString("datastoreId", { description: "The data store holding it." }),
    imageSetId: t.exposeString("imageSetId", { description: "The image set's identifier." }),
    region: t.exposeString("region", { description: "The region of its data store." }),
    accountId: t.string(accountIdField("that holds the image set")),
    versions: t.field({
      type: ImageSetVersionConnection,
      nullable: true,
      description: "The image set's versions (ListImageSetVersions).",
      args: pageArgs(t.arg),
      extensions: awsCost.connection(PAGE_CAP),
      resolve: (imageSet, args, context, info) =>
        resolveImageSetVersions("ImageSet.versions", imageSet, connectionArgs(args, info), context),
    }),
  }),
});

/** An image set that exists, proven with its first page of versions; NOT_FOUND otherwise. */
async function existingImageSet(imageSet: ImageSetRef, context: GatewayContext) {
  await imageSetVersionsPage(imageSet, undefined, context);
  return imageSet;
}

async function imageSetFromRawId(
  rawId: string,
  parts: number,
  context: GatewayContext,
): Promise<[ImageSetRef, string[]]> {
  const all = parseCompositeIdWithAccount(rawId, parts);
  const [region = "", datastoreId = "", imageSetId = "", ...rest] = all.parts;
  if (!REGION_PATTERN.test(region) || !STORE_ID.test(datastoreId) || !STORE_ID.test(imageSetId)) {
    throw invalidId("it does not hold a region, data store and image set");
  }
  const account = await accountNamed(all.accountId, context);
  return [{ region, account, datastoreId, imageSetId }, rest];
}

refetchable("ImageSet", { calls: 1 }, async (rawId, context) =>
  nullIfNotFound(existingImageSet((await imageSetFromRawId(rawId, 3, context))[0], context)),
);

refetchable("ImageSetVersion", { calls: 1 }, async (rawId, context) => {
  const [imageSet, [versionId = ""]] = await imageSetFromRawId(rawId, 4, context);
  if (!/^\d+$/.test(versionId)) throw invalidId("its version is not a number");
  const response = await nullIfNotFound(
    context.loaders.medicalImaging.imageSetVersion.load({ ...imageSet, versionId }),
  );
  return response && versionFromGetImageSet(response, imageSet);
});

builder.queryFields((t) => {
  const storeIdArg = (what: string) =>
    t.arg.string({
      required: true,
      description: `The ${what} identifier: ${STORE_ID_FORM}.`,
      validate: patterned(STORE_ID, STORE_ID_FORM),
    });
  return {
    imageSetVersions: t.field({
      type: ImageSetVersionConnection,
      nullable: true,
      description: "The versions of a HealthImaging image set (ListImageSetVersions).",
      extensions: awsCost.connection(PAGE_CAP),
      args: {
        datastoreId: storeIdArg("data store"),
        imageSetId: storeIdArg("image set"),
        region: regionArg(t.arg),
        ...pageArgs(t.arg),
      },
      resolve: (_root, { datastoreId, imageSetId, region, ...args }, context, info) =>
        resolveImageSetVersions(
          "Query.imageSetVersions",
          { region: regionOrDefault(region, context, "medical-imaging"), datastoreId, imageSetId },
          connectionArgs(args, info),
          context,
        ),
    }),
    imageSet: t.field({
      type: ImageSetType,
      nullable: true,
      description: "A HealthImaging image set; null with a NOT_FOUND error when it does not exist.",
      extensions: awsCost.lookUp(),
      args: {
        datastoreId: storeIdArg("data store"),
        imageSetId: storeIdArg("image set"),
        region: regionArg(t.arg),
      },
      resolve: (_root, { datastoreId, imageSetId, region }, context) =>
        existingImageSet(
          { region: regionOrDefault(region, context, "medical-imaging"), datastoreId, imageSetId },
          context,
        ),
    }),
  };
});

/**
 * Image sets live in a region of an account. A reference that names them resolves there (see
 * referenceAccount for an account that is not configured); one from before the account joined
 * the key resolves in the home account, and one from before the region did
 * (`datastoreId imageSetId` alone) in AWS_REGION.
 */
builder.asEntity(ImageSetType, {
  key: [
    builder.selection<{
      datastoreId: string;
      imageSetId: string;
      region: string;
      accountId?: string | null;
    }>("datastoreId imageSetId region accountId"),
    builder.selection<{ datastoreId: string; imageSetId: string; region: string }>(
      "datastoreId imageSetId region",
    ),
    builder.selection<{ datastoreId: string; imageSetId: string }>("datastoreId imageSetId"),
  ],
  resolveReference: async (key, context) => {
    const { datastoreId, imageSetId } = key;
    if (!STORE_ID.test(datastoreId) || !STORE_ID.test(imageSetId)) return null;
    const where = await referenceLocation(key, context);
    return (
      where && nullIfNotFound(existingImageSet({ ...where, datastoreId, imageSetId }, context))
    );
  },
});
