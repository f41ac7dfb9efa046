import {
  type ImageSetProperties,
  ImageSetState,
  ImageSetWorkflowStatus,
} from "@aws-sdk/client-medical-imaging";
import { pageArgs, patterned, regionArg, regionOrDefault } from "../graph/arguments.js";
import { builder } from "../graph/builder.js";
import { resolveTokenConnection } from "../graph/connections.js";
import { gatewayError } from "../graph/errors.js";

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

export const ImageSetVersionType = builder.objectRef<ImageSetVersion>("ImageSetVersion").implement({
  description: "One version of a HealthImaging image set and its properties.",
  fields: (t) => ({
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

builder.queryFields((t) => ({
  imageSetVersions: t.field({
    type: ImageSetVersionConnection,
    description: "The versions of a HealthImaging image set (ListImageSetVersions).",
    args: {
      datastoreId: t.arg.string({
        required: true,
        description: `The data store identifier: ${STORE_ID_FORM}.`,
        validate: patterned(STORE_ID, STORE_ID_FORM),
      }),
      imageSetId: t.arg.string({
        required: true,
        description: `The image set identifier: ${STORE_ID_FORM}.`,
        validate: patterned(STORE_ID, STORE_ID_FORM),
      }),
      region: regionArg(t.arg),
      ...pageArgs(t.arg),
    },
    resolve: (_root, { datastoreId, imageSetId, region, ...args }, context) => {
      const callRegion = regionOrDefault(region, context);
      return resolveTokenConnection({
        ...args,
        binding: `Query.imageSetVersions|${callRegion}|${datastoreId}|${imageSetId}`,
        codec: context.cursors,
        limits: context.paging,
        identify: (version: ImageSetVersion) => version.versionId,
        fetchPage: async (nextToken) => {
          const page = await context.loaders.medicalImaging.imageSetVersionsPage.load({
            region: callRegion,
            datastoreId,
            imageSetId,
            nextToken,
          });
          return {
            items: (page.imageSetPropertiesList ?? []).map((properties) =>
              toImageSetVersion(properties, { datastoreId, imageSetId, region: callRegion }),
            ),
            nextToken: page.nextToken,
          };
        },
      });
    },
  }),
}));
