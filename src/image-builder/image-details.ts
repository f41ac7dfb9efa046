// The parts of Image Builder's Image and ImagePipeline shapes beyond their own members: what a
// build produced (AMIs, container images), what it was made with (recipes, infrastructure and
// distribution configuration, tests, scanning, workflows, logging) and tags. Typed as the SDK
// types them; every enumeration follows the forward-compatible rule of `awsEnum`.

import {
  type AdditionalInstanceConfiguration,
  type Ami,
  type AmiDistributionConfiguration,
  type ComponentConfiguration,
  type ComponentParameter,
  type Container,
  type ContainerDistributionConfiguration,
  type ContainerRecipe,
  ContainerRepositoryService,
  ContainerType,
  DiskImageFormat,
  type Distribution,
  type DistributionConfiguration,
  type EbsInstanceBlockDeviceSpecification,
  EbsVolumeType,
  type EcrConfiguration,
  type FastLaunchConfiguration,
  type FastLaunchLaunchTemplateSpecification,
  type ImageLoggingConfiguration,
  type ImageRecipe,
  type ImageScanningConfiguration,
  type ImageScanState,
  ImageScanStatus,
  type ImageState,
  type ImageTestsConfiguration,
  type InfrastructureConfiguration,
  type InstanceBlockDeviceMapping,
  type InstanceConfiguration,
  type InstanceMetadataOptions,
  type LaunchPermissionConfiguration,
  type LaunchTemplateConfiguration,
  OnWorkflowFailure,
  type OutputResources,
  type PipelineLoggingConfiguration,
  type Placement,
  type S3ExportConfiguration,
  type S3Logs,
  type SsmParameterConfiguration,
  type TargetContainerRepository,
  TenancyType,
  type WorkflowConfiguration,
  type WorkflowParameter,
} from "@aws-sdk/client-imagebuilder";
import { builder } from "../graph/builder.js";
import { awsEnum } from "../graph/enums.js";
import { parseDateTime } from "../graph/scalars.js";
import {
  ImageBuilderPlatformEnum,
  ImageBuildOutputTypeEnum,
  ImageBuildStatusEnum,
} from "./image-enums.js";

// ---------------------------------------------------------------------------------------------
// Enumerations

const ImageScanStatusEnum = awsEnum(ImageScanStatus, {
  name: "ImageScanStatus",
  description: "Where the vulnerability scan of a build's output stands.",
  values: {
    PENDING: "The scan has not started.",
    SCANNING: "Amazon Inspector is scanning the output.",
    COLLECTING: "The findings are being collected.",
    COMPLETED: "The scan finished and its findings were collected.",
    ABANDONED: "The scan was abandoned.",
    FAILED: "The scan failed.",
    TIMED_OUT: "The scan took too long and was stopped.",
  },
});

const ContainerTypeEnum = awsEnum(ContainerType, {
  name: "ContainerType",
  description: "The kind of container image a container recipe builds.",
  values: { DOCKER: "A Docker container image." },
});

const ContainerRepositoryServiceEnum = awsEnum(ContainerRepositoryService, {
  name: "ContainerRepositoryService",
  description: "The service that hosts a container repository.",
  values: { ECR: "Amazon Elastic Container Registry." },
});

const EbsVolumeTypeEnum = awsEnum(EbsVolumeType, {
  name: "EbsVolumeType",
  description: "An EBS volume type.",
  values: {
    gp2: "General Purpose SSD (gp2).",
    gp3: "General Purpose SSD (gp3).",
    io1: "Provisioned IOPS SSD (io1).",
    io2: "Provisioned IOPS SSD (io2).",
    sc1: "Cold HDD.",
    st1: "Throughput Optimized HDD.",
    standard: "Magnetic.",
  },
});

const TenancyTypeEnum = awsEnum(TenancyType, {
  name: "InstanceTenancy",
  description: "Where build and test instances run: shared, dedicated hardware or a host.",
  values: {
    default: "Shared hardware.",
    dedicated: "Single-tenant hardware.",
    host: "A Dedicated Host.",
  },
});

const DiskImageFormatEnum = awsEnum(DiskImageFormat, {
  name: "DiskImageFormat",
  description: "The disk image format an AMI is exported to S3 in.",
  values: { RAW: "Raw disk image.", VHD: "Virtual Hard Disk.", VMDK: "VMware disk." },
});

const OnWorkflowFailureEnum = awsEnum(OnWorkflowFailure, {
  name: "OnWorkflowFailure",
  description: "What a build does when one of its workflows fails.",
  values: {
    ABORT: "Stop the build.",
    CONTINUE: "Carry on with the other workflows.",
  },
});

// ---------------------------------------------------------------------------------------------
// Shared small shapes

/** A tag, from the `key: value` map AWS sends. */
export interface ResourceTag {
  key: string;
  value: string;
}

export const ResourceTagType = builder.objectRef<ResourceTag>("ImageBuilderTag").implement({
  description: "One tag of an Image Builder resource.",
  fields: (t) => ({
    key: t.exposeString("key", { description: "The tag's key." }),
    value: t.exposeString("value", { description: "The tag's value (may be empty)." }),
  }),
});

/** A tag map as a list, in the order AWS sent it; no tags is an empty list. */
export const tagList = (tags: Record<string, string> | undefined): ResourceTag[] =>
  Object.entries(tags ?? {}).map(([key, value]) => ({ key, value }));

export const ImageBuildStateType = builder.objectRef<ImageState>("ImageBuildState").implement({
  description: "Where a build (or one of its AMIs) stands, and why when it failed.",
  fields: (t) => ({
    status: t.expose("status", {
      type: ImageBuildStatusEnum,
      nullable: true,
      description: "The status.",
    }),
    reason: t.exposeString("reason", {
      nullable: true,
      description: "Why it has this status, e.g. the failure message.",
    }),
  }),
});

const ParameterType = builder
  .objectRef<ComponentParameter | WorkflowParameter>("ImageBuilderParameter")
  .implement({
    description: "A named parameter a component or workflow is run with.",
    fields: (t) => ({
      name: t.string({ description: "The parameter's name.", resolve: (p) => p.name ?? "" }),
      value: t.stringList({
        description: "Its values.",
        resolve: (p) => p.value ?? [],
      }),
    }),
  });

const ComponentConfigurationType = builder
  .objectRef<ComponentConfiguration>("ImageBuilderComponentConfiguration")
  .implement({
    description: "A component a recipe runs, by version ARN, with its parameters.",
    fields: (t) => ({
      componentArn: t.string({
        description:
          "The component's ARN; its version part may use x wildcards (the newest matching version).",
        resolve: (c) => c.componentArn ?? "",
      }),
      parameters: t.field({
        type: [ParameterType],
        description: "The parameters the component runs with.",
        resolve: (c) => c.parameters ?? [],
      }),
    }),
  });

const EbsType = builder.objectRef<EbsInstanceBlockDeviceSpecification>("EbsBlockDevice").implement({
  description: "An EBS volume of a build or test instance.",
  fields: (t) => ({
    encrypted: t.exposeBoolean("encrypted", {
      nullable: true,
      description: "Whether it is encrypted.",
    }),
    deleteOnTermination: t.exposeBoolean("deleteOnTermination", {
      nullable: true,
      description: "Whether it is deleted with the instance.",
    }),
    iops: t.exposeInt("iops", { nullable: true, description: "Provisioned IOPS." }),
    kmsKeyId: t.exposeString("kmsKeyId", {
      nullable: true,
      description: "The KMS key that encrypts it.",
    }),
    snapshotId: t.exposeString("snapshotId", {
      nullable: true,
      description: "The snapshot it starts from.",
    }),
    volumeSize: t.exposeInt("volumeSize", { nullable: true, description: "Size in GiB." }),
    volumeType: t.expose("volumeType", {
      type: EbsVolumeTypeEnum,
      nullable: true,
      description: "The volume type.",
    }),
    throughput: t.exposeInt("throughput", {
      nullable: true,
      description: "Throughput in MiB/s (gp3).",
    }),
  }),
});

const BlockDeviceMappingType = builder
  .objectRef<InstanceBlockDeviceMapping>("BlockDeviceMapping")
  .implement({
    description: "A block device of a build or test instance.",
    fields: (t) => ({
      deviceName: t.exposeString("deviceName", {
        nullable: true,
        description: "The device name, e.g. /dev/xvda.",
      }),
      ebs: t.expose("ebs", {
        type: EbsType,
        nullable: true,
        description: "The EBS volume, if it is one.",
      }),
      virtualName: t.exposeString("virtualName", {
        nullable: true,
        description: "The instance store volume, e.g. ephemeral0.",
      }),
      noDevice: t.exposeString("noDevice", {
        nullable: true,
        description: "Set to suppress the device the parent image maps here.",
      }),
    }),
  });

const ContainerRepositoryType = builder
  .objectRef<TargetContainerRepository>("ContainerRepository")
  .implement({
    description: "A container repository images are pushed to.",
    fields: (t) => ({
      service: t.expose("service", {
        type: ContainerRepositoryServiceEnum,
        nullable: true,
        description: "The registry service.",
      }),
      repositoryName: t.exposeString("repositoryName", {
        nullable: true,
        description: "The repository's name.",
      }),
    }),
  });

const dateField = <Shape extends { dateCreated?: string; dateUpdated?: string }>(
  member: "dateCreated" | "dateUpdated",
  description: string,
) => ({
  type: "DateTime" as const,
  nullable: true as const,
  description,
  resolve: (shape: Shape) => parseDateTime(shape[member]),
});

// ---------------------------------------------------------------------------------------------
// Recipes

const AdditionalInstanceConfigurationType = builder
  .objectRef<AdditionalInstanceConfiguration>("AdditionalInstanceConfiguration")
  .implement({
    description: "How the build instance is prepared beyond the recipe's components.",
    fields: (t) => ({
      uninstallSystemsManagerAgentAfterBuild: t.boolean({
        nullable: true,
        description:
          "Whether the Systems Manager agent is removed from the image after the build (`systemsManagerAgent.uninstallAfterBuild`).",
        resolve: (c) => c.systemsManagerAgent?.uninstallAfterBuild,
      }),
      userDataOverride: t.exposeString("userDataOverride", {
        nullable: true,
        description: "User data that replaces Image Builder's own, base64-encoded.",
      }),
    }),
  });

/** What AMI and container recipes have in common, so one selection can read either. */
const ImageBuilderRecipeInterface = builder
  .interfaceRef<ImageRecipe | ContainerRecipe>("ImageBuilderRecipe")
  .implement({
    description:
      "An Image Builder recipe, for AMIs or containers: what a build starts from and the components it runs.",
    // A container recipe's ARN names its kind: arn:aws:imagebuilder:<region>:<account>:container-recipe/…
    resolveType: (recipe) =>
      recipe.arn?.includes(":container-recipe/") ? "ContainerRecipe" : "ImageRecipe",
    fields: (t) => ({
      arn: t.exposeString("arn", { nullable: true, description: "The recipe's ARN." }),
      name: t.exposeString("name", { nullable: true, description: "The recipe's name." }),
      description: t.exposeString("description", {
        nullable: true,
        description: "What it is for.",
      }),
      platform: t.expose("platform", {
        type: ImageBuilderPlatformEnum,
        nullable: true,
        description: "The operating system platform.",
      }),
      owner: t.exposeString("owner", { nullable: true, description: "The owning account." }),
      version: t.exposeString("version", {
        nullable: true,
        description: "The recipe's semantic version.",
      }),
      components: t.field({
        type: [ComponentConfigurationType],
        description: "The components it runs, in order, with their versions and parameters.",
        resolve: (recipe) => recipe.components ?? [],
      }),
      dateCreated: t.field(
        dateField<ImageRecipe | ContainerRecipe>("dateCreated", "When the recipe was created."),
      ),
      tags: t.field({
        type: [ResourceTagType],
        description: "The recipe's tags.",
        resolve: (recipe) => tagList(recipe.tags),
      }),
      workingDirectory: t.exposeString("workingDirectory", {
        nullable: true,
        description: "The working directory of the build and test workflows.",
      }),
    }),
  });

export const ImageRecipeType = builder.objectRef<ImageRecipe>("ImageRecipe").implement({
  description: "The recipe of an AMI build: the parent image, components and volumes.",
  interfaces: [ImageBuilderRecipeInterface],
  fields: (t) => ({
    type: t.expose("type", {
      type: ImageBuildOutputTypeEnum,
      nullable: true,
      description: "What the recipe builds.",
    }),
    parentImage: t.exposeString("parentImage", {
      nullable: true,
      description: "The base image: an Image Builder image ARN or an AMI id.",
    }),
    blockDeviceMappings: t.field({
      type: [BlockDeviceMappingType],
      description: "The volumes of the build and test instances.",
      resolve: (recipe) => recipe.blockDeviceMappings ?? [],
    }),
    additionalInstanceConfiguration: t.expose("additionalInstanceConfiguration", {
      type: AdditionalInstanceConfigurationType,
      nullable: true,
      description: "Systems Manager agent and user data settings of the build instance.",
    }),
    amiTags: t.field({
      type: [ResourceTagType],
      description: "Tags put on the AMIs the recipe produces.",
      resolve: (recipe) => tagList(recipe.amiTags),
    }),
  }),
});

const InstanceConfigurationType = builder
  .objectRef<InstanceConfiguration>("ContainerInstanceConfiguration")
  .implement({
    description: "The instance a container image is built on.",
    fields: (t) => ({
      image: t.exposeString("image", {
        nullable: true,
        description: "The AMI of the build instance; the ECS-optimized AMI when absent.",
      }),
      blockDeviceMappings: t.field({
        type: [BlockDeviceMappingType],
        description: "The build instance's volumes.",
        resolve: (c) => c.blockDeviceMappings ?? [],
      }),
    }),
  });

export const ContainerRecipeType = builder.objectRef<ContainerRecipe>("ContainerRecipe").implement({
  description: "The recipe of a container build: the parent image, components and Dockerfile.",
  interfaces: [ImageBuilderRecipeInterface],
  fields: (t) => ({
    containerType: t.expose("containerType", {
      type: ContainerTypeEnum,
      nullable: true,
      description: "The kind of container image.",
    }),
    instanceConfiguration: t.expose("instanceConfiguration", {
      type: InstanceConfigurationType,
      nullable: true,
      description: "The instance the image is built on.",
    }),
    dockerfileTemplateData: t.exposeString("dockerfileTemplateData", {
      nullable: true,
      description: "The Dockerfile template the image is built from.",
    }),
    kmsKeyId: t.exposeString("kmsKeyId", {
      nullable: true,
      description: "The KMS key of the image.",
    }),
    encrypted: t.exposeBoolean("encrypted", {
      nullable: true,
      description: "Whether the image is encrypted.",
    }),
    parentImage: t.exposeString("parentImage", {
      nullable: true,
      description: "The base image, e.g. amazonlinux:2023 or an Image Builder image ARN.",
    }),
    targetRepository: t.expose("targetRepository", {
      type: ContainerRepositoryType,
      nullable: true,
      description: "The repository the image is pushed to.",
    }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Infrastructure configuration

const S3LogsType = builder.objectRef<S3Logs>("S3Logs").implement({
  description: "Where build logs go in S3.",
  fields: (t) => ({
    s3BucketName: t.exposeString("s3BucketName", { nullable: true, description: "The bucket." }),
    s3KeyPrefix: t.exposeString("s3KeyPrefix", { nullable: true, description: "The key prefix." }),
  }),
});

const InstanceMetadataOptionsType = builder
  .objectRef<InstanceMetadataOptions>("InstanceMetadataOptions")
  .implement({
    description: "Instance metadata service settings of build and test instances.",
    fields: (t) => ({
      httpTokens: t.exposeString("httpTokens", {
        nullable: true,
        description: "required (IMDSv2 only) or optional.",
      }),
      httpPutResponseHopLimit: t.exposeInt("httpPutResponseHopLimit", {
        nullable: true,
        description: "How many network hops a metadata response may travel.",
      }),
    }),
  });

const PlacementType = builder.objectRef<Placement>("InstancePlacement").implement({
  description: "Where build and test instances are placed.",
  fields: (t) => ({
    availabilityZone: t.exposeString("availabilityZone", {
      nullable: true,
      description: "The Availability Zone.",
    }),
    tenancy: t.expose("tenancy", {
      type: TenancyTypeEnum,
      nullable: true,
      description: "The tenancy.",
    }),
    hostId: t.exposeString("hostId", { nullable: true, description: "The Dedicated Host." }),
    hostResourceGroupArn: t.exposeString("hostResourceGroupArn", {
      nullable: true,
      description: "The host resource group.",
    }),
  }),
});

export const InfrastructureConfigurationType = builder
  .objectRef<InfrastructureConfiguration>("InfrastructureConfiguration")
  .implement({
    description: "Where a build's instances run: instance types, profile, network, logging.",
    fields: (t) => ({
      arn: t.exposeString("arn", { nullable: true, description: "The configuration's ARN." }),
      name: t.exposeString("name", { nullable: true, description: "Its name." }),
      description: t.exposeString("description", {
        nullable: true,
        description: "What it is for.",
      }),
      instanceTypes: t.stringList({
        description: "The instance types builds may use.",
        resolve: (c) => c.instanceTypes ?? [],
      }),
      instanceProfileName: t.exposeString("instanceProfileName", {
        nullable: true,
        description: "The instance profile of build and test instances.",
      }),
      securityGroupIds: t.stringList({
        description: "The security groups of the instances.",
        resolve: (c) => c.securityGroupIds ?? [],
      }),
      subnetId: t.exposeString("subnetId", { nullable: true, description: "The subnet." }),
      s3Logs: t.field({
        type: S3LogsType,
        nullable: true,
        description: "Where build logs go (Image Builder's `logging.s3Logs`).",
        resolve: (c) => c.logging?.s3Logs,
      }),
      keyPair: t.exposeString("keyPair", { nullable: true, description: "The EC2 key pair." }),
      terminateInstanceOnFailure: t.exposeBoolean("terminateInstanceOnFailure", {
        nullable: true,
        description: "Whether a failed build's instance is terminated (false keeps it to debug).",
      }),
      snsTopicArn: t.exposeString("snsTopicArn", {
        nullable: true,
        description: "The SNS topic build notifications go to.",
      }),
      dateCreated: t.field(
        dateField<InfrastructureConfiguration>("dateCreated", "When it was created."),
      ),
      dateUpdated: t.field(
        dateField<InfrastructureConfiguration>("dateUpdated", "When it last changed."),
      ),
      resourceTags: t.field({
        type: [ResourceTagType],
        description: "Tags put on the instances and other resources the build creates.",
        resolve: (c) => tagList(c.resourceTags),
      }),
      instanceMetadataOptions: t.expose("instanceMetadataOptions", {
        type: InstanceMetadataOptionsType,
        nullable: true,
        description: "Instance metadata service settings.",
      }),
      tags: t.field({
        type: [ResourceTagType],
        description: "The configuration's tags.",
        resolve: (c) => tagList(c.tags),
      }),
      placement: t.expose("placement", {
        type: PlacementType,
        nullable: true,
        description: "Where the instances are placed.",
      }),
    }),
  });

// ---------------------------------------------------------------------------------------------
// Distribution configuration

const LaunchPermissionType = builder
  .objectRef<LaunchPermissionConfiguration>("LaunchPermissionConfiguration")
  .implement({
    description: "Who may launch the distributed AMIs.",
    fields: (t) => ({
      userIds: t.stringList({ description: "Accounts.", resolve: (c) => c.userIds ?? [] }),
      userGroups: t.stringList({
        description: "Groups, e.g. all.",
        resolve: (c) => c.userGroups ?? [],
      }),
      organizationArns: t.stringList({
        description: "Organizations.",
        resolve: (c) => c.organizationArns ?? [],
      }),
      organizationalUnitArns: t.stringList({
        description: "Organizational units.",
        resolve: (c) => c.organizationalUnitArns ?? [],
      }),
    }),
  });

const AmiDistributionType = builder
  .objectRef<AmiDistributionConfiguration>("AmiDistributionConfiguration")
  .implement({
    description: "How the AMI is distributed to one region: its name, accounts, tags and key.",
    fields: (t) => ({
      name: t.exposeString("name", {
        nullable: true,
        description: "The AMI name template, e.g. web {{ imagebuilder:buildDate }}.",
      }),
      description: t.exposeString("description", {
        nullable: true,
        description: "The AMI's description.",
      }),
      targetAccountIds: t.stringList({
        description: "Accounts that receive a copy of the AMI.",
        resolve: (c) => c.targetAccountIds ?? [],
      }),
      amiTags: t.field({
        type: [ResourceTagType],
        description: "Tags put on the AMIs.",
        resolve: (c) => tagList(c.amiTags),
      }),
      kmsKeyId: t.exposeString("kmsKeyId", {
        nullable: true,
        description: "The KMS key of the copies.",
      }),
      launchPermission: t.expose("launchPermission", {
        type: LaunchPermissionType,
        nullable: true,
        description: "Who may launch the AMIs.",
      }),
    }),
  });

const ContainerDistributionType = builder
  .objectRef<ContainerDistributionConfiguration>("ContainerDistributionConfiguration")
  .implement({
    description: "How a container image is distributed to one region.",
    fields: (t) => ({
      description: t.exposeString("description", {
        nullable: true,
        description: "Its description.",
      }),
      containerTags: t.stringList({
        description: "The tags the image gets.",
        resolve: (c) => c.containerTags ?? [],
      }),
      targetRepository: t.expose("targetRepository", {
        type: ContainerRepositoryType,
        nullable: true,
        description: "The repository it is pushed to.",
      }),
    }),
  });

const LaunchTemplateConfigurationType = builder
  .objectRef<LaunchTemplateConfiguration>("LaunchTemplateConfiguration")
  .implement({
    description: "A launch template the new AMI is written into.",
    fields: (t) => ({
      launchTemplateId: t.exposeString("launchTemplateId", {
        nullable: true,
        description: "The launch template.",
      }),
      accountId: t.exposeString("accountId", {
        nullable: true,
        description: "The account it is in.",
      }),
      setDefaultVersion: t.exposeBoolean("setDefaultVersion", {
        nullable: true,
        description: "Whether the new version becomes the template's default.",
      }),
    }),
  });

const S3ExportConfigurationType = builder
  .objectRef<S3ExportConfiguration>("S3ExportConfiguration")
  .implement({
    description: "An export of the AMI's disk image to S3.",
    fields: (t) => ({
      roleName: t.exposeString("roleName", {
        nullable: true,
        description: "The role that exports it.",
      }),
      diskImageFormat: t.expose("diskImageFormat", {
        type: DiskImageFormatEnum,
        nullable: true,
        description: "The disk image format.",
      }),
      s3Bucket: t.exposeString("s3Bucket", { nullable: true, description: "The bucket." }),
      s3Prefix: t.exposeString("s3Prefix", { nullable: true, description: "The key prefix." }),
    }),
  });

const FastLaunchTemplateType = builder
  .objectRef<FastLaunchLaunchTemplateSpecification>("FastLaunchLaunchTemplate")
  .implement({
    description: "The launch template Windows fast launch pre-provisions snapshots with.",
    fields: (t) => ({
      launchTemplateId: t.exposeString("launchTemplateId", {
        nullable: true,
        description: "Its id.",
      }),
      launchTemplateName: t.exposeString("launchTemplateName", {
        nullable: true,
        description: "Its name.",
      }),
      launchTemplateVersion: t.exposeString("launchTemplateVersion", {
        nullable: true,
        description: "Its version.",
      }),
    }),
  });

const FastLaunchConfigurationType = builder
  .objectRef<FastLaunchConfiguration>("FastLaunchConfiguration")
  .implement({
    description: "Windows fast launch for the distributed AMI in one account.",
    fields: (t) => ({
      enabled: t.exposeBoolean("enabled", { nullable: true, description: "Whether it is on." }),
      targetResourceCount: t.int({
        nullable: true,
        description:
          "Pre-provisioned snapshots to keep (`snapshotConfiguration.targetResourceCount`).",
        resolve: (c) => c.snapshotConfiguration?.targetResourceCount,
      }),
      maxParallelLaunches: t.exposeInt("maxParallelLaunches", {
        nullable: true,
        description: "Instances launched at once to make snapshots.",
      }),
      launchTemplate: t.expose("launchTemplate", {
        type: FastLaunchTemplateType,
        nullable: true,
        description: "The launch template used.",
      }),
      accountId: t.exposeString("accountId", { nullable: true, description: "The account." }),
    }),
  });

const SsmParameterConfigurationType = builder
  .objectRef<SsmParameterConfiguration>("SsmParameterConfiguration")
  .implement({
    description: "A Systems Manager parameter the new AMI id is written to.",
    fields: (t) => ({
      amiAccountId: t.exposeString("amiAccountId", {
        nullable: true,
        description: "The account whose AMI id is written.",
      }),
      parameterName: t.exposeString("parameterName", {
        nullable: true,
        description: "The parameter.",
      }),
      // A string, not an enum: AWS's values (aws:ec2:image, text) are not GraphQL names.
      dataType: t.exposeString("dataType", {
        nullable: true,
        description: "The parameter's data type as AWS names it: aws:ec2:image or text.",
      }),
    }),
  });

const DistributionType = builder.objectRef<Distribution>("ImageDistribution").implement({
  description: "Where and how a build's output goes in one region.",
  fields: (t) => ({
    region: t.string({ description: "The target region.", resolve: (d) => d.region ?? "" }),
    amiDistributionConfiguration: t.expose("amiDistributionConfiguration", {
      type: AmiDistributionType,
      nullable: true,
      description: "The AMI's name, accounts, tags and key there (AMI builds).",
    }),
    containerDistributionConfiguration: t.expose("containerDistributionConfiguration", {
      type: ContainerDistributionType,
      nullable: true,
      description: "The repository and tags there (container builds).",
    }),
    licenseConfigurationArns: t.stringList({
      description: "License Manager configurations attached to the AMI.",
      resolve: (d) => d.licenseConfigurationArns ?? [],
    }),
    launchTemplateConfigurations: t.field({
      type: [LaunchTemplateConfigurationType],
      description: "Launch templates updated with the new AMI.",
      resolve: (d) => d.launchTemplateConfigurations ?? [],
    }),
    s3ExportConfiguration: t.expose("s3ExportConfiguration", {
      type: S3ExportConfigurationType,
      nullable: true,
      description: "An export of the disk image to S3.",
    }),
    fastLaunchConfigurations: t.field({
      type: [FastLaunchConfigurationType],
      description: "Windows fast launch settings.",
      resolve: (d) => d.fastLaunchConfigurations ?? [],
    }),
    ssmParameterConfigurations: t.field({
      type: [SsmParameterConfigurationType],
      description: "Systems Manager parameters that receive the AMI id.",
      resolve: (d) => d.ssmParameterConfigurations ?? [],
    }),
  }),
});

export const DistributionConfigurationType = builder
  .objectRef<DistributionConfiguration>("DistributionConfiguration")
  .implement({
    description: "Where a build's output is distributed: regions, accounts, names and tags.",
    fields: (t) => ({
      arn: t.exposeString("arn", { nullable: true, description: "The configuration's ARN." }),
      name: t.exposeString("name", { nullable: true, description: "Its name." }),
      description: t.exposeString("description", {
        nullable: true,
        description: "What it is for.",
      }),
      distributions: t.field({
        type: [DistributionType],
        description: "One entry per target region.",
        resolve: (c) => c.distributions ?? [],
      }),
      timeoutMinutes: t.exposeInt("timeoutMinutes", {
        nullable: true,
        description: "How long distribution may take before it fails.",
      }),
      dateCreated: t.field(
        dateField<DistributionConfiguration>("dateCreated", "When it was created."),
      ),
      dateUpdated: t.field(
        dateField<DistributionConfiguration>("dateUpdated", "When it last changed."),
      ),
      tags: t.field({
        type: [ResourceTagType],
        description: "The configuration's tags.",
        resolve: (c) => tagList(c.tags),
      }),
    }),
  });

// ---------------------------------------------------------------------------------------------
// Tests, scanning, workflows, logging

export const ImageTestsConfigurationType = builder
  .objectRef<ImageTestsConfiguration>("ImageTestsConfiguration")
  .implement({
    description: "Whether builds run their test workflows, and for how long at most.",
    fields: (t) => ({
      imageTestsEnabled: t.exposeBoolean("imageTestsEnabled", {
        nullable: true,
        description: "Whether tests run.",
      }),
      timeoutMinutes: t.exposeInt("timeoutMinutes", {
        nullable: true,
        description: "How long tests may run before the build fails.",
      }),
    }),
  });

const EcrConfigurationType = builder
  .objectRef<EcrConfiguration>("EcrScanningConfiguration")
  .implement({
    description: "Where container images are scanned in ECR.",
    fields: (t) => ({
      repositoryName: t.exposeString("repositoryName", {
        nullable: true,
        description: "The repository scanned images are pushed to.",
      }),
      containerTags: t.stringList({
        description: "Tags that mark images to scan.",
        resolve: (c) => c.containerTags ?? [],
      }),
    }),
  });

export const ImageScanningConfigurationType = builder
  .objectRef<ImageScanningConfiguration>("ImageScanningConfiguration")
  .implement({
    description: "Whether Amazon Inspector scans the build's output for vulnerabilities.",
    fields: (t) => ({
      imageScanningEnabled: t.exposeBoolean("imageScanningEnabled", {
        nullable: true,
        description: "Whether scanning is on.",
      }),
      ecrConfiguration: t.expose("ecrConfiguration", {
        type: EcrConfigurationType,
        nullable: true,
        description: "ECR settings for container scans.",
      }),
    }),
  });

export const ImageScanStateType = builder.objectRef<ImageScanState>("ImageScanState").implement({
  description: "Where the vulnerability scan of the build's output stands.",
  fields: (t) => ({
    status: t.expose("status", {
      type: ImageScanStatusEnum,
      nullable: true,
      description: "The scan's status.",
    }),
    reason: t.exposeString("reason", { nullable: true, description: "Why it has this status." }),
  }),
});

export const WorkflowConfigurationType = builder
  .objectRef<WorkflowConfiguration>("WorkflowConfiguration")
  .implement({
    description: "A workflow a build runs, with its parameters and failure behaviour.",
    fields: (t) => ({
      workflowArn: t.string({
        description: "The workflow's version ARN (x wildcards allowed).",
        resolve: (w) => w.workflowArn ?? "",
      }),
      parameters: t.field({
        type: [ParameterType],
        description: "The parameters it runs with.",
        resolve: (w) => w.parameters ?? [],
      }),
      parallelGroup: t.exposeString("parallelGroup", {
        nullable: true,
        description: "The test group it runs in parallel with.",
      }),
      onFailure: t.expose("onFailure", {
        type: OnWorkflowFailureEnum,
        nullable: true,
        description: "What the build does when it fails.",
      }),
    }),
  });

export const ImageLoggingConfigurationType = builder
  .objectRef<ImageLoggingConfiguration>("ImageLoggingConfiguration")
  .implement({
    description: "Where a build's logs go in CloudWatch Logs.",
    fields: (t) => ({
      logGroupName: t.exposeString("logGroupName", {
        nullable: true,
        description: "The log group, /aws/imagebuilder/<image name> by default.",
      }),
    }),
  });

export const PipelineLoggingConfigurationType = builder
  .objectRef<PipelineLoggingConfiguration>("PipelineLoggingConfiguration")
  .implement({
    description: "Where a pipeline's and its builds' logs go in CloudWatch Logs.",
    fields: (t) => ({
      imageLogGroupName: t.exposeString("imageLogGroupName", {
        nullable: true,
        description: "The log group of its builds.",
      }),
      pipelineLogGroupName: t.exposeString("pipelineLogGroupName", {
        nullable: true,
        description: "The log group of the pipeline's own runs.",
      }),
    }),
  });

// ---------------------------------------------------------------------------------------------
// Output resources

const AmiType = builder.objectRef<Ami>("ImageBuildAmi").implement({
  description: "An AMI a build produced, in one region and account.",
  fields: (t) => ({
    region: t.exposeString("region", { nullable: true, description: "The AMI's region." }),
    image: t.exposeString("image", {
      nullable: true,
      description: "The AMI id, e.g. ami-0123456789abcdef0.",
    }),
    name: t.exposeString("name", { nullable: true, description: "The AMI's name." }),
    description: t.exposeString("description", {
      nullable: true,
      description: "The AMI's description.",
    }),
    state: t.expose("state", {
      type: ImageBuildStateType,
      nullable: true,
      description: "Whether the AMI is available there.",
    }),
    accountId: t.exposeString("accountId", {
      nullable: true,
      description: "The account it is in.",
    }),
  }),
});

const ContainerType_ = builder.objectRef<Container>("ImageBuildContainer").implement({
  description: "The container images a build pushed to one region.",
  fields: (t) => ({
    region: t.exposeString("region", { nullable: true, description: "The registry's region." }),
    imageUris: t.stringList({
      description:
        "The images' URIs, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0.0-1.",
      resolve: (c) => c.imageUris ?? [],
    }),
  }),
});

export const OutputResourcesType = builder
  .objectRef<OutputResources>("ImageBuildOutputResources")
  .implement({
    description:
      "What a build produced: AMIs for AMI builds, container images for container builds; empty until it is AVAILABLE, and for builds that failed or were cancelled.",
    fields: (t) => ({
      amis: t.field({
        type: [AmiType],
        description: "One AMI per distribution region and account.",
        resolve: (resources) => resources.amis ?? [],
      }),
      containers: t.field({
        type: [ContainerType_],
        description: "The container images, per region.",
        resolve: (resources) => resources.containers ?? [],
      }),
    }),
  });
