import {
  type Application,
  DynamicAppProvidersEnabled,
  FleetErrorCode,
  type Image,
  ImageSharedWithOthers,
  ImageState,
  ImageStateChangeReasonCode,
  ImageType,
  LatestAppstreamAgentVersion,
  PlatformType,
  type ResourceError,
  VisibilityType,
} from "@aws-sdk/client-appstream";
import { z } from "zod";
import { hasRegion, parseArn } from "../aws/arn.js";
import type { GatewayContext } from "../context.js";
import { awsCost } from "../cost/fields.js";
import { pageArgs, regionArg, regionOrDefault } from "../graph/arguments.js";
import { builder } from "../graph/builder.js";
import { connectionArgs, resolveTokenConnection } from "../graph/connections.js";
import { awsEnum } from "../graph/enums.js";
import { gatewayError, nullIfNotFound } from "../graph/errors.js";
import { resolvePartitionedList } from "../graph/merged-connections.js";
import { invalidId, refetchable } from "../graph/nodes.js";
import {
  accountArg,
  accountArgument,
  accountNamed,
  callAccount,
  partitionArgs,
} from "../graph/partitions.js";
import { PAGE_CAP } from "./client.js";

/**
 * Single-image look-ups made together become DescribeImages calls of up to PAGE_CAP keys; a
 * batch with an unknown key is halved until it stands alone (see the image loader).
 */
const IMAGE_BATCH = { batch: { group: "appstream.DescribeImages", size: PAGE_CAP } };
const IMAGE_LOOK_UP = awsCost.lookUp(IMAGE_BATCH);

const ARN =
  /^arn:aws(?:-cn|-iso-b|-iso|-us-gov)?:[A-Za-z0-9][A-Za-z0-9_/.-]{0,62}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.\\-]{0,1023}$/;
const ARN_FORM = "arn:aws:appstream:<region>:<account id, empty for AWS images>:image/<name>";
/** The documented ARN pattern, with a region that can pick an endpoint. */
const isImageArn = (arn: string) => ARN.test(arn) && hasRegion(arn);
const arnSchema = z.string().refine(isImageArn, `must be an ARN of the form ${ARN_FORM}`);
const nameSchema = z.string().min(1, "must not be empty");

export const VisibilityEnum = awsEnum(VisibilityType, {
  name: "AppStreamImageVisibility",
  description:
    "Who can see an image: PUBLIC images come from AWS, PRIVATE ones are the account's own, SHARED ones another account shared with it.",
  values: {
    PRIVATE: "The account's own image.",
    PUBLIC: "An image AWS provides to every account.",
    SHARED: "An image another account shared with this one.",
  },
});
const ImageStateEnum = awsEnum(ImageState, {
  name: "AppStreamImageState",
  description:
    "An image's lifecycle state: PENDING while it is made, AVAILABLE when it can be used, FAILED otherwise.",
  values: {
    AVAILABLE: "Ready: fleets and image builders can use it.",
    COPYING: "Being copied to another region.",
    CREATING: "Being created from an image builder.",
    DELETING: "Being deleted.",
    FAILED: "Creation, copy or import failed; see the state change reason.",
    IMPORTING: "Being imported from an EC2 AMI.",
    PENDING: "Waiting to be created.",
    VALIDATING: "Being checked before it becomes available.",
  },
});
const PlatformEnum = awsEnum(PlatformType, {
  name: "AppStreamPlatform",
  description: "An operating system platform.",
  values: {
    AMAZON_LINUX2: "Amazon Linux 2.",
    RHEL8: "Red Hat Enterprise Linux 8.",
    ROCKY_LINUX8: "Rocky Linux 8.",
    UBUNTU_PRO_2404: "Ubuntu Pro 24.04 LTS.",
    WINDOWS: "Windows (the original Windows Server platform).",
    WINDOWS_SERVER_2016: "Windows Server 2016.",
    WINDOWS_SERVER_2019: "Windows Server 2019.",
    WINDOWS_SERVER_2022: "Windows Server 2022.",
    WINDOWS_SERVER_2025: "Windows Server 2025.",
  },
});
const StateChangeReasonCodeEnum = awsEnum(ImageStateChangeReasonCode, {
  name: "AppStreamImageStateChangeReasonCode",
  description: "Why an image last changed state.",
  values: {
    IMAGE_BUILDER_NOT_AVAILABLE:
      "The image builder the image was being made from was not available.",
    IMAGE_COPY_FAILURE: "Copying the image to another region failed.",
    IMAGE_IMPORT_FAILURE: "Importing the image failed.",
    IMAGE_UPDATE_FAILURE: "Updating the image (for example its agent) failed.",
    INTERNAL_ERROR: "An error inside AppStream 2.0.",
  },
});
const FleetErrorCodeEnum = awsEnum(FleetErrorCode, {
  name: "AppStreamFleetErrorCode",
  description: "The error that stopped an image from being created.",
  values: {
    DOMAIN_JOIN_ERROR_ACCESS_DENIED:
      "Joining the Active Directory domain was refused: access denied.",
    DOMAIN_JOIN_ERROR_DS_MACHINE_ACCOUNT_QUOTA_EXCEEDED:
      "The directory allows no more computer accounts.",
    DOMAIN_JOIN_ERROR_FILE_NOT_FOUND: "Joining the domain failed: a file or path was not found.",
    DOMAIN_JOIN_ERROR_INVALID_PARAMETER: "Joining the domain failed: a parameter was invalid.",
    DOMAIN_JOIN_ERROR_LOGON_FAILURE:
      "Joining the domain failed: the service account could not log on.",
    DOMAIN_JOIN_ERROR_MORE_DATA: "Joining the domain failed: more data was available than fit.",
    DOMAIN_JOIN_ERROR_NOT_SUPPORTED: "Joining the domain is not supported in this configuration.",
    DOMAIN_JOIN_ERROR_NO_SUCH_DOMAIN: "The domain does not exist or cannot be reached.",
    DOMAIN_JOIN_INTERNAL_SERVICE_ERROR: "Joining the domain failed inside AppStream 2.0.",
    DOMAIN_JOIN_NERR_INVALID_WORKGROUP_NAME:
      "Joining the domain failed: the workgroup name is invalid.",
    DOMAIN_JOIN_NERR_PASSWORD_EXPIRED:
      "Joining the domain failed: the service account's password expired.",
    DOMAIN_JOIN_NERR_WORKSTATION_NOT_STARTED:
      "Joining the domain failed: the Workstation service was not started.",
    FLEET_INSTANCE_PROVISIONING_FAILURE: "Instances could not be provisioned.",
    FLEET_STOPPED: "The fleet was stopped.",
    IAM_SERVICE_ROLE_IS_MISSING: "The AppStream 2.0 service role is missing.",
    IAM_SERVICE_ROLE_MISSING_DESCRIBE_SECURITY_GROUPS_ACTION:
      "The service role may not call ec2:DescribeSecurityGroups.",
    IAM_SERVICE_ROLE_MISSING_DESCRIBE_SUBNET_ACTION:
      "The service role may not call ec2:DescribeSubnets.",
    IAM_SERVICE_ROLE_MISSING_ENI_CREATE_ACTION:
      "The service role may not create network interfaces.",
    IAM_SERVICE_ROLE_MISSING_ENI_DELETE_ACTION:
      "The service role may not delete network interfaces.",
    IAM_SERVICE_ROLE_MISSING_ENI_DESCRIBE_ACTION:
      "The service role may not describe network interfaces.",
    IGW_NOT_ATTACHED: "The VPC has no internet gateway attached.",
    IMAGE_NOT_FOUND: "The image was not found.",
    INTERNAL_SERVICE_ERROR: "An error inside AppStream 2.0.",
    INVALID_SUBNET_CONFIGURATION: "The subnet configuration is invalid.",
    MACHINE_ROLE_IS_MISSING: "The IAM role for the instances is missing.",
    NETWORK_INTERFACE_LIMIT_EXCEEDED: "The account's network interface limit was reached.",
    SECURITY_GROUPS_NOT_FOUND: "A security group was not found.",
    STS_DISABLED_IN_REGION: "AWS STS is disabled in the region.",
    SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES: "The subnet has too few free IP addresses.",
    SUBNET_NOT_FOUND: "A subnet was not found.",
    VALIDATION_ERROR: "A request parameter was invalid.",
  },
});
const LatestAgentVersionEnum = awsEnum(LatestAppstreamAgentVersion, {
  name: "AppStreamLatestAgentVersion",
  description:
    "Whether instances launched from the image always use the latest AppStream 2.0 agent.",
  values: {
    FALSE: "Instances use the agent version the image was created with.",
    TRUE: "Instances always use the latest agent.",
  },
});
const DynamicAppProvidersEnum = awsEnum(DynamicAppProvidersEnabled, {
  name: "AppStreamDynamicAppProvidersEnabled",
  description: "Whether the image can use dynamic application providers.",
  values: {
    DISABLED: "Dynamic application providers cannot be used.",
    ENABLED: "Dynamic application providers can be used.",
  },
});
const ImageSharedEnum = awsEnum(ImageSharedWithOthers, {
  name: "AppStreamImageSharedWithOthers",
  description: "Whether the image is shared with other accounts.",
  values: {
    FALSE: "Not shared with other accounts.",
    TRUE: "Shared with at least one other account.",
  },
});
const ImageTypeEnum = awsEnum(ImageType, {
  name: "AppStreamImageType",
  description:
    "Where the image comes from: NATIVE AWS images, CUSTOM images, or bring-your-own-license (BYOL).",
  values: {
    BYOL: "Made from the customer's own licensed image (bring your own license).",
    CUSTOM: "Made by the customer from an image builder.",
    NATIVE: "Provided by AWS.",
  },
});

const StateChangeReasonType = builder
  .objectRef<NonNullable<Image["StateChangeReason"]>>("AppStreamImageStateChangeReason")
  .implement({
    description: "Why an image last changed state.",
    fields: (t) => ({
      code: t.expose("Code", {
        type: StateChangeReasonCodeEnum,
        nullable: true,
        description: "The reason code.",
      }),
      message: t.exposeString("Message", { nullable: true, description: "The reason, in words." }),
    }),
  });

const ImagePermissionsType = builder
  .objectRef<NonNullable<Image["ImagePermissions"]>>("AppStreamImagePermissions")
  .implement({
    description: "What an account the image is shared with may do with it.",
    fields: (t) => ({
      allowFleet: t.exposeBoolean("allowFleet", {
        nullable: true,
        description: "Whether the image can back a fleet.",
      }),
      allowImageBuilder: t.exposeBoolean("allowImageBuilder", {
        nullable: true,
        description: "Whether the image can back an image builder.",
      }),
    }),
  });

const ResourceErrorType = builder.objectRef<ResourceError>("AppStreamResourceError").implement({
  description: "An error that occurred while the image was created.",
  fields: (t) => ({
    errorCode: t.expose("ErrorCode", {
      type: FleetErrorCodeEnum,
      nullable: true,
      description: "The error code.",
    }),
    errorMessage: t.exposeString("ErrorMessage", {
      nullable: true,
      description: "The error message.",
    }),
    errorTimestamp: t.expose("ErrorTimestamp", {
      type: "DateTime",
      nullable: true,
      description: "When the error occurred.",
    }),
  }),
});

const MetadataEntryType = builder
  .objectRef<{ key: string; value: string }>("AppStreamMetadataEntry")
  .implement({
    description: "One attribute describing an application.",
    fields: (t) => ({
      key: t.exposeString("key", { description: "The attribute's name." }),
      value: t.exposeString("value", { description: "The attribute's value." }),
    }),
  });

const S3LocationType = builder
  .objectRef<NonNullable<Application["IconS3Location"]>>("AppStreamS3Location")
  .implement({
    description: "An object in Amazon S3.",
    fields: (t) => ({
      s3Bucket: t.exposeString("S3Bucket", { nullable: true, description: "The bucket." }),
      s3Key: t.exposeString("S3Key", { nullable: true, description: "The object key." }),
    }),
  });

const ApplicationType = builder.objectRef<Application>("AppStreamApplication").implement({
  description: "An application in the image's application catalog.",
  fields: (t) => ({
    name: t.exposeString("Name", { nullable: true, description: "The application's name." }),
    displayName: t.exposeString("DisplayName", {
      nullable: true,
      description: "The name shown to users.",
    }),
    iconUrl: t.exposeString("IconURL", {
      nullable: true,
      description: "URL of the application's icon; it may stop working after a while.",
    }),
    launchPath: t.exposeString("LaunchPath", {
      nullable: true,
      description: "Path of the executable on the instance.",
    }),
    launchParameters: t.exposeString("LaunchParameters", {
      nullable: true,
      description: "Arguments passed to the application at launch.",
    }),
    enabled: t.exposeBoolean("Enabled", {
      nullable: true,
      description:
        "Whether the application is enabled; a faulty one can be disabled after image creation.",
    }),
    metadata: t.field({
      type: [MetadataEntryType],
      description: "Additional attributes describing the application.",
      resolve: (application) =>
        Object.entries(application.Metadata ?? {}).map(([key, value]) => ({ key, value })),
    }),
    workingDirectory: t.exposeString("WorkingDirectory", {
      nullable: true,
      description: "The working directory the application starts in.",
    }),
    description: t.exposeString("Description", {
      nullable: true,
      description: "The application's description.",
    }),
    arn: t.exposeString("Arn", { nullable: true, description: "The application's ARN." }),
    appBlockArn: t.exposeString("AppBlockArn", {
      nullable: true,
      description: "ARN of the app block the application belongs to.",
    }),
    iconS3Location: t.expose("IconS3Location", {
      type: S3LocationType,
      nullable: true,
      description: "Where the application's icon is stored in S3.",
    }),
    platforms: t.field({
      type: [PlatformEnum],
      description: "Platforms the application runs on.",
      resolve: (application) => application.Platforms ?? [],
    }),
    instanceFamilies: t.stringList({
      description: "Instance families the application supports.",
      resolve: (application) => application.InstanceFamilies ?? [],
    }),
    createdTime: t.expose("CreatedTime", {
      type: "DateTime",
      nullable: true,
      description: "When the application was created within its app block.",
    }),
  }),
});

export const AppStreamImageType = builder.objectRef<Image>("AppStreamImage");

builder.node(AppStreamImageType, {
  // AppStream gives every image an ARN; the name is only a fallback for a malformed answer.
  id: { resolve: (image) => image.Arn ?? image.Name ?? "" },
  description: "An AppStream 2.0 image: the software and settings that fleet instances start from.",
  fields: (t) => ({
    name: t.string({ description: "The image's name.", resolve: (image) => image.Name ?? "" }),
    // Non-null like every other Node's `arn`, so one selection can ask for it across types.
    arn: t.string({ description: "The image's ARN.", resolve: (image) => image.Arn ?? "" }),
    accountId: t.string({
      nullable: true,
      description:
        "The AWS account that owns the image (from its ARN); null for AWS's public images.",
      resolve: (image) => parseArn(image.Arn ?? "")?.accountId || null,
    }),
    region: t.string({
      description: "The region the image lives in (from its ARN).",
      resolve: (image) => parseArn(image.Arn ?? "")?.region ?? "",
    }),
    baseImageArn: t.exposeString("BaseImageArn", {
      nullable: true,
      description: "ARN of the image this one was made from.",
    }),
    baseImage: t.field({
      type: AppStreamImageType,
      nullable: true,
      description:
        "The image this one was made from, looked up in the account its ARN names; null with a NOT_FOUND error when it is not visible there.",
      extensions: IMAGE_LOOK_UP,
      resolve: (image, _args, context) =>
        image.BaseImageArn ? imageByArn(image.BaseImageArn, undefined, context) : null,
    }),
    displayName: t.exposeString("DisplayName", {
      nullable: true,
      description: "The name shown to users.",
    }),
    state: t.expose("State", {
      type: ImageStateEnum,
      nullable: true,
      description: "The image's state.",
    }),
    visibility: t.expose("Visibility", {
      type: VisibilityEnum,
      nullable: true,
      description: "Whether the image is public, private, or shared with this account.",
    }),
    imageBuilderSupported: t.exposeBoolean("ImageBuilderSupported", {
      nullable: true,
      description: "Whether an image builder can be launched from this image.",
    }),
    imageBuilderName: t.exposeString("ImageBuilderName", {
      nullable: true,
      description: "The image builder that made this private image; null for shared images.",
    }),
    platform: t.expose("Platform", {
      type: PlatformEnum,
      nullable: true,
      description: "The image's operating system platform.",
    }),
    description: t.exposeString("Description", {
      nullable: true,
      description: "The description shown to users.",
    }),
    stateChangeReason: t.expose("StateChangeReason", {
      type: StateChangeReasonType,
      nullable: true,
      description: "Why the image last changed state.",
    }),
    applications: t.field({
      type: [ApplicationType],
      description: "The applications in the image.",
      resolve: (image) => image.Applications ?? [],
    }),
    createdTime: t.expose("CreatedTime", {
      type: "DateTime",
      nullable: true,
      description: "When the image was created.",
    }),
    publicBaseImageReleasedDate: t.expose("PublicBaseImageReleasedDate", {
      type: "DateTime",
      nullable: true,
      description:
        "Release date of the public base image; for private images, of the base image they were made from.",
    }),
    appstreamAgentVersion: t.exposeString("AppstreamAgentVersion", {
      nullable: true,
      description: "Version of the AppStream 2.0 agent that instances launched from the image use.",
    }),
    imagePermissions: t.expose("ImagePermissions", {
      type: ImagePermissionsType,
      nullable: true,
      description: "What the accounts the image is shared with may do with it.",
    }),
    imageErrors: t.field({
      type: [ResourceErrorType],
      description: "Errors that occurred while the image was created.",
      resolve: (image) => image.ImageErrors ?? [],
    }),
    latestAppstreamAgentVersion: t.expose("LatestAppstreamAgentVersion", {
      type: LatestAgentVersionEnum,
      nullable: true,
      description: "Whether instances launched from the image always use the latest agent.",
    }),
    supportedInstanceFamilies: t.stringList({
      description: "Instance families the image can run on, e.g. GENERAL_PURPOSE or GRAPHICS_G4.",
      resolve: (image) => image.SupportedInstanceFamilies ?? [],
    }),
    dynamicAppProvidersEnabled: t.expose("DynamicAppProvidersEnabled", {
      type: DynamicAppProvidersEnum,
      nullable: true,
      description: "Whether dynamic application providers are enabled for the image.",
    }),
    imageSharedWithOthers: t.expose("ImageSharedWithOthers", {
      type: ImageSharedEnum,
      nullable: true,
      description: "Whether the image is shared with other accounts.",
    }),
    managedSoftwareIncluded: t.exposeBoolean("ManagedSoftwareIncluded", {
      nullable: true,
      description: "Whether the image includes license-included software AWS manages.",
    }),
    imageType: t.expose("ImageType", {
      type: ImageTypeEnum,
      nullable: true,
      description: "Where the image comes from: native, custom, or bring-your-own-license.",
    }),
  }),
});

export const AppStreamImageConnection = builder.connectionObject(
  {
    type: AppStreamImageType,
    name: "AppStreamImageConnection",
    description:
      "AppStream images in the order DescribeImages returns them; over several accounts and regions, account by account (configuration order), region by region (in the order `regions` names them).",
  },
  { name: "AppStreamImageEdge" },
);

refetchable("AppStreamImage", IMAGE_BATCH, (arn, context) => {
  if (!isImageArn(arn)) throw invalidId("it does not hold an AppStream image ARN");
  return nullIfNotFound(imageByArn(arn, undefined, context));
});

/**
 * An image by ARN through the batching loader, in the account the ARN names (home for AWS's
 * public images, whose ARNs name none, and for accounts not configured); its region is the
 * ARN's unless one is given.
 */
async function imageByArn(arn: string, region: string | null | undefined, context: GatewayContext) {
  const parsed = parseArn(arn);
  const callRegion = region ?? (parsed?.region || context.clients.defaultRegion);
  const account = await accountNamed(parsed?.accountId, context);
  return context.loaders.appStream.image.load({
    region: callRegion,
    account,
    by: "arn",
    value: arn,
  });
}

/**
 * The configured account (as calls name it) whose images a list of ARNs names: the one account
 * of the ARNs that name one (AWS's public images name none); several cannot share a call.
 */
async function accountOfArns(
  arns: readonly string[],
  context: GatewayContext,
): Promise<string | undefined> {
  const accounts = new Set(arns.map((arn) => parseArn(arn)?.accountId).filter(Boolean));
  if (accounts.size > 1) {
    throw gatewayError(
      "BAD_USER_INPUT",
      `Invalid argument arns: the ARNs are in several accounts (${[...accounts].join(", ")}); DescribeImages answers for one account, so list them with \`accounts\` and \`regions\`, or query each account separately.`,
      { argument: "arns" },
    );
  }
  return accountNamed([...accounts][0], context);
}

/** The one region a list of ARNs lives in, or the default; several regions cannot share a call. */
function regionOfArns(arns: readonly string[], fallback: string): string {
  const regions = new Set(arns.map((arn) => parseArn(arn)?.region).filter(Boolean));
  if (regions.size > 1) {
    throw gatewayError(
      "BAD_USER_INPUT",
      `Invalid argument arns: the ARNs are in several regions (${[...regions].join(", ")}); DescribeImages answers for one region, so query each region separately.`,
      { argument: "arns" },
    );
  }
  return [...regions][0] ?? fallback;
}

builder.queryFields((t) => ({
  appStreamImages: t.field({
    type: AppStreamImageConnection,
    nullable: true,
    description:
      "AppStream 2.0 images visible to the gateway's account in one region, or to several accounts and regions merged into one list (`accounts`, `regions`; AWS's public images then appear once per account and region), optionally filtered by visibility, names or ARNs (DescribeImages).",
    extensions: awsCost.connection(PAGE_CAP, "appstream"),
    args: {
      type: t.arg({
        type: VisibilityEnum,
        description: "Only images of this visibility.",
      }),
      names: t.arg.stringList({
        description: "Only the images with these names. Cannot be combined with arns.",
        validate: z.array(nameSchema),
      }),
      arns: t.arg.stringList({
        description: `Only the images with these ARNs (${ARN_FORM}). Cannot be combined with names.`,
        validate: z.array(arnSchema),
      }),
      region: regionArg(t.arg),
      ...partitionArgs(t.arg),
      ...pageArgs(t.arg),
    },
    resolve: async (
      _root,
      { type, names, arns, region, accounts, regions, ...args },
      context,
      info,
    ) => {
      if (names?.length && arns?.length) {
        throw gatewayError(
          "BAD_USER_INPUT",
          "Invalid arguments names and arns: DescribeImages takes either names or ARNs, not both.",
          { argument: "names" },
        );
      }
      if (accounts || regions) {
        const filter = {
          type: type ?? undefined,
          names: names?.length ? names : undefined,
          arns: arns?.length ? arns : undefined,
        };
        return resolvePartitionedList(
          {
            ...connectionArgs(args, info),
            service: "appstream",
            operation: "DescribeImages",
            binding: `Query.appStreamImages|${JSON.stringify(filter)}`,
            where: { accounts, regions, region },
            identify: (image: Image) => image.Arn ?? image.Name ?? "",
            fetchPage: async (partition, nextToken) => {
              const page = await context.loaders.appStream.imagesPage.load({
                ...filter,
                region: partition.region,
                account: callAccount(partition.account),
                nextToken,
              });
              return { items: page.Images ?? [], nextToken: page.NextToken };
            },
          },
          context,
          info,
        );
      }
      const callRegion = region
        ? regionOrDefault(region, context, "appstream")
        : regionOfArns(arns ?? [], context.clients.defaultRegion);
      // Private images by ARN are read in the account that owns them, with its role.
      const account = await accountOfArns(arns ?? [], context);
      const filter = {
        region: callRegion,
        account,
        type: type ?? undefined,
        names: names?.length ? names : undefined,
        arns: arns?.length ? arns : undefined,
      };
      return resolveTokenConnection({
        ...connectionArgs(args, info),
        binding: `Query.appStreamImages|${JSON.stringify(filter)}`,
        codec: context.cursors,
        limits: context.paging,
        call: { service: "appstream", operation: "DescribeImages", region: callRegion, account },
        identify: (image: Image) => image.Arn ?? image.Name ?? "",
        fetchPage: async (nextToken) => {
          const page = await context.loaders.appStream.imagesPage.load({ ...filter, nextToken });
          return { items: page.Images ?? [], nextToken: page.NextToken };
        },
      });
    },
  }),
  appStreamImage: t.field({
    type: AppStreamImageType,
    nullable: true,
    description:
      "One AppStream 2.0 image by ARN or by name (give exactly one); null with a NOT_FOUND error when it does not exist. By ARN it is looked up in the account the ARN names, by name in `account`.",
    extensions: IMAGE_LOOK_UP,
    args: {
      arn: t.arg.string({
        description: `The image's ARN: ${ARN_FORM}. Its region is used unless region is given.`,
        validate: arnSchema,
      }),
      name: t.arg.string({ description: "The image's name.", validate: nameSchema }),
      account: accountArg(t.arg),
      region: regionArg(t.arg),
    },
    resolve: (_root, { arn, name, account, region }, context) => {
      if (Boolean(arn) === Boolean(name)) {
        throw gatewayError(
          "BAD_USER_INPUT",
          "Invalid arguments: give exactly one of arn or name.",
          { argument: arn ? "name" : "arn" },
        );
      }
      if (arn) {
        if (account) {
          throw gatewayError(
            "BAD_USER_INPUT",
            "Invalid arguments arn and account: an ARN names its account; give account only with name.",
            { argument: "account" },
          );
        }
        return imageByArn(arn, region && regionOrDefault(region, context, "appstream"), context);
      }
      return context.loaders.appStream.image.load({
        region: regionOrDefault(region, context, "appstream"),
        account: accountArgument(context.clients, account),
        by: "name",
        value: name as string,
      });
    },
  }),
}));

builder.asEntity(AppStreamImageType, {
  key: builder.selection<{ arn: string }>("arn"),
  // Through the batching loader: a batch of references costs ceil(n / 25) DescribeImages calls.
  resolveReference: ({ arn }, context) =>
    isImageArn(arn) ? nullIfNotFound(imageByArn(arn, undefined, context)) : null,
});
