import {
  type ImageSetProperties,
  ImageSetState,
  ImageSetWorkflowStatus,
} from "@aws-sdk/client-medical-imaging";
import { REGION_PATTERN } from "../config.js";
import type { GatewayContext } from "../context.js";
import { pageArgs, patterned, regionArg, regionOrDefault } from "../graph/arguments.js";
import { builder } from "../graph/builder.js";
import {
  type ConnectionArgs,
  connectionArgs,
  resolveTokenConnection,
} from "../graph/connections.js";
import { gatewayError, nullIfNotFound } from "../graph/errors.js";
import { compositeId, invalidId, parseCompositeId, refetchable } from "../graph/nodes.js";

const STORE_ID = /^[0-9a-z]{32}$/;
const STORE_ID_FORM = "32 lowercase letters or digits";

/** A version of an image set, with the data store it was listed from. */
export interface ImageSetVersion
  extends Omit<ImageSetProperties, "imageSetId" | "versionId" | "imageSetState"> {
  datastoreId: string;
  region: string;
  // Required by the HealthImaging model, though the SDK types them as possibly undefined.
  imageSetId: string;
  versionId: string;
  imageSetState: ImageSetState;
}

function toImageSetVersion(
  properties: ImageSetProperties,
  location: { datastoreId: string; imageSetId: string; region: string },
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

const ImageSetStateEnum = builder.enumType(ImageSetState, {
  name: "ImageSetState",
  description: "Whether an image set version is usable, locked by a running operation, or deleted.",
});

const ImageSetWorkflowStatusEnum = builder.enumType(ImageSetWorkflowStatus, {
  name: "ImageSetWorkflowStatus",
  description: "The last operation's progress on an image set version.",
});

const ImageSetOverridesType = builder
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
  datastoreId: string;
  imageSetId: string;
}

export const ImageSetType = builder.objectRef<ImageSetRef>("ImageSet");
export const ImageSetVersionType = builder.objectRef<ImageSetVersion>("ImageSetVersion");

builder.node(ImageSetVersionType, {
  id: {
    resolve: (version) =>
      compositeId(version.region, version.datastoreId, version.imageSetId, version.versionId),
  },
  description: "One version of a HealthImaging image set and its properties.",
  fields: (t) => ({
    imageSet: t.field({
      type: ImageSetType,
      description: "The image set this is a version of.",
      resolve: ({ region, datastoreId, imageSetId }) => ({ region, datastoreId, imageSetId }),
    }),
    datastoreId: t.exposeString("datastoreId", {
      description: "The data store holding the image set.",
    }),
    imageSetId: t.exposeString("imageSetId", { description: "The image set's identifier." }),
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
  const page = await context.loaders.medicalImaging.imageSetVersionsPage.load({
    ...imageSet,
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
    binding: `${field}|${imageSet.region}|${imageSet.datastoreId}|${imageSet.imageSetId}`,
    codec: context.cursors,
    limits: context.paging,
    identify: (version: ImageSetVersion) => version.versionId,
    fetchPage: (nextToken) => imageSetVersionsPage(imageSet, nextToken, context),
  });
}

builder.node(ImageSetType, {
  id: {
    resolve: (imageSet) => compositeId(imageSet.region, imageSet.datastoreId, imageSet.imageSetId),
  },
  description: "A HealthImaging image set: DICOM image data that is versioned as it changes.",
  fields: (t) => ({
    datastoreId: t.exposeString("datastoreId", { description: "The data store holding it." }),
    imageSetId: t.exposeString("imageSetId", { description: "The image set's identifier." }),
    region: t.exposeString("region", { description: "The region of its data store." }),
    versions: t.field({
      type: ImageSetVersionConnection,
      description: "The image set's versions (ListImageSetVersions).",
      args: pageArgs(t.arg),
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

function imageSetFromRawId(rawId: string, parts: number): [ImageSetRef, string[]] {
  const [region = "", datastoreId = "", imageSetId = "", ...rest] = parseCompositeId(rawId, parts);
  if (!REGION_PATTERN.test(region) || !STORE_ID.test(datastoreId) || !STORE_ID.test(imageSetId)) {
    throw invalidId("it does not hold a region, data store and image set");
  }
  return [{ region, datastoreId, imageSetId }, rest];
}

refetchable("ImageSet", (rawId, context) =>
  nullIfNotFound(existingImageSet(imageSetFromRawId(rawId, 3)[0], context)),
);

refetchable("ImageSetVersion", async (rawId, context) => {
  const [imageSet, [versionId = ""]] = imageSetFromRawId(rawId, 4);
  if (!/^\d+$/.test(versionId)) throw invalidId("its version is not a number");
  const response = await nullIfNotFound(
    context.loaders.medicalImaging.imageSetVersion.load({ ...imageSet, versionId }),
  );
  if (!response) return null;
  // GetImageSet spells the workflow status in lower camel case, ListImageSetVersions does not.
  const { imageSetWorkflowStatus, imageSetArn, lastAccessedAt, storageTier, ...properties } =
    response;
  return toImageSetVersion(
    { ...properties, ImageSetWorkflowStatus: imageSetWorkflowStatus },
    imageSet,
  );
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
      description: "The versions of a HealthImaging image set (ListImageSetVersions).",
      args: {
        datastoreId: storeIdArg("data store"),
        imageSetId: storeIdArg("image set"),
        region: regionArg(t.arg),
        ...pageArgs(t.arg),
      },
      resolve: (_root, { datastoreId, imageSetId, region, ...args }, context, info) =>
        resolveImageSetVersions(
          "Query.imageSetVersions",
          { region: regionOrDefault(region, context), datastoreId, imageSetId },
          connectionArgs(args, info),
          context,
        ),
    }),
    imageSet: t.field({
      type: ImageSetType,
      nullable: true,
      description: "A HealthImaging image set; null with a NOT_FOUND error when it does not exist.",
      args: {
        datastoreId: storeIdArg("data store"),
        imageSetId: storeIdArg("image set"),
        region: regionArg(t.arg),
      },
      resolve: (_root, { datastoreId, imageSetId, region }, context) =>
        existingImageSet(
          { region: regionOrDefault(region, context), datastoreId, imageSetId },
          context,
        ),
    }),
  };
});

builder.asEntity(ImageSetType, {
  key: builder.selection<{ datastoreId: string; imageSetId: string }>("datastoreId imageSetId"),
  // The key carries no region: references resolve in the gateway's configured region.
  resolveReference: ({ datastoreId, imageSetId }, context) =>
    STORE_ID.test(datastoreId) && STORE_ID.test(imageSetId)
      ? nullIfNotFound(
          existingImageSet(
            { region: context.clients.defaultRegion, datastoreId, imageSetId },
            context,
          ),
        )
      : null,
});
