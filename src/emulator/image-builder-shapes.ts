// The optional members of Image Builder's `Image` and `ImagePipeline` shapes a fixture may carry
// (recipes, configurations, output resources, tags, workflows, logging…), as zod schemas checked
// against the SDK's own types, so a drift from the AWS shapes fails to compile.

import {
  BuildType,
  type ContainerRecipe,
  ContainerRepositoryService,
  ContainerType,
  DiskImageFormat,
  type DistributionConfiguration,
  EbsVolumeType,
  type ImageRecipe,
  ImageScanStatus,
  ImageSource,
  ImageStatus,
  ImageType,
  type InfrastructureConfiguration,
  OnWorkflowFailure,
  type OutputResources,
  PipelineExecutionStartCondition,
  PipelineStatus,
  Platform,
  SsmParameterDataType,
  TenancyType,
  type WorkflowConfiguration,
} from "@aws-sdk/client-imagebuilder";
import { z } from "zod";
import { IMAGE_BUILDER_ARN, patternText } from "./constraints.js";

const timestamp = z.iso.datetime({
  offset: true,
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not an ISO 8601 timestamp such as 2026-03-01T12:00:00Z`,
});

const text = (min: number, max: number) =>
  z
    .string()
    .min(min, { error: `must be at least ${min} characters long` })
    .max(max, { error: `must be at most ${max} characters long` });

const matching = (pattern: RegExp) =>
  z.string().regex(pattern, {
    error: (issue) => `${JSON.stringify(issue.input)} does not match ${patternText(pattern)}`,
  });

const imageBuilderArn = matching(IMAGE_BUILDER_ARN);
/** A region name as ARNs and SigV4 credential scopes write it, e.g. `us-gov-west-1`. */
const region = matching(/^[a-z]{2,}(?:-[a-z]+)+-[0-9]+$/);
const tags = z
  .record(text(1, 128), text(0, 256))
  .refine((map) => Object.keys(map).length >= 1 && Object.keys(map).length <= 50, {
    error: "must have 1 to 50 tags",
  });
const parameters = z.array(z.strictObject({ name: text(1, 256), value: z.array(z.string()) }));

const components = z.array(
  z.strictObject({ componentArn: imageBuilderArn, parameters: parameters.optional() }),
);

const blockDeviceMappings = z.array(
  z.strictObject({
    deviceName: text(1, 1024).optional(),
    ebs: z
      .strictObject({
        encrypted: z.boolean().optional(),
        deleteOnTermination: z.boolean().optional(),
        iops: z.number().int().min(100).max(64000).optional(),
        kmsKeyId: text(1, 1024).optional(),
        snapshotId: text(1, 1024).optional(),
        volumeSize: z.number().int().min(1).max(16384).optional(),
        volumeType: z.enum(EbsVolumeType).optional(),
        throughput: z.number().int().min(125).max(1000).optional(),
      })
      .optional(),
    virtualName: text(1, 1024).optional(),
    noDevice: z.string().optional(),
  }),
);

const targetRepository = z.strictObject({
  service: z.enum(ContainerRepositoryService),
  repositoryName: text(1, 1024),
});

export const imageRecipeSchema = z.strictObject({
  arn: imageBuilderArn.optional(),
  type: z.enum(ImageType).optional(),
  name: text(1, 128).optional(),
  description: text(1, 1024).optional(),
  platform: z.enum(Platform).optional(),
  owner: text(1, 1024).optional(),
  version: text(1, 128).optional(),
  components: components.optional(),
  parentImage: text(1, 1024).optional(),
  blockDeviceMappings: blockDeviceMappings.optional(),
  dateCreated: timestamp.optional(),
  tags: tags.optional(),
  workingDirectory: text(1, 1024).optional(),
  additionalInstanceConfiguration: z
    .strictObject({
      systemsManagerAgent: z
        .strictObject({ uninstallAfterBuild: z.boolean().optional() })
        .optional(),
      userDataOverride: text(1, 21847).optional(),
    })
    .optional(),
  amiTags: tags.optional(),
}) satisfies z.ZodType<ImageRecipe>;

export const containerRecipeSchema = z.strictObject({
  arn: imageBuilderArn.optional(),
  containerType: z.enum(ContainerType).optional(),
  name: text(1, 128).optional(),
  description: text(1, 1024).optional(),
  platform: z.enum(Platform).optional(),
  owner: text(1, 1024).optional(),
  version: text(1, 128).optional(),
  components: components.optional(),
  instanceConfiguration: z
    .strictObject({
      image: text(1, 1024).optional(),
      blockDeviceMappings: blockDeviceMappings.optional(),
    })
    .optional(),
  dockerfileTemplateData: z.string().optional(),
  kmsKeyId: text(1, 1024).optional(),
  encrypted: z.boolean().optional(),
  parentImage: text(1, 1024).optional(),
  dateCreated: timestamp.optional(),
  tags: tags.optional(),
  workingDirectory: text(1, 1024).optional(),
  targetRepository: targetRepository.optional(),
}) satisfies z.ZodType<ContainerRecipe>;

export const infrastructureConfigurationSchema = z.strictObject({
  arn: imageBuilderArn.optional(),
  name: text(1, 128).optional(),
  description: text(1, 1024).optional(),
  instanceTypes: z.array(z.string()).optional(),
  instanceProfileName: text(1, 256).optional(),
  securityGroupIds: z.array(z.string()).optional(),
  subnetId: text(1, 1024).optional(),
  logging: z
    .strictObject({
      s3Logs: z
        .strictObject({
          s3BucketName: text(1, 1024).optional(),
          s3KeyPrefix: text(1, 1024).optional(),
        })
        .optional(),
    })
    .optional(),
  keyPair: text(1, 1024).optional(),
  terminateInstanceOnFailure: z.boolean().optional(),
  snsTopicArn: z.string().optional(),
  dateCreated: timestamp.optional(),
  dateUpdated: timestamp.optional(),
  resourceTags: tags.optional(),
  instanceMetadataOptions: z
    .strictObject({
      httpTokens: z.enum(["optional", "required"]).optional(),
      httpPutResponseHopLimit: z.number().int().min(1).max(64).optional(),
    })
    .optional(),
  tags: tags.optional(),
  placement: z
    .strictObject({
      availabilityZone: text(1, 1024).optional(),
      tenancy: z.enum(TenancyType).optional(),
      hostId: text(1, 1024).optional(),
      hostResourceGroupArn: text(1, 1024).optional(),
    })
    .optional(),
}) satisfies z.ZodType<InfrastructureConfiguration>;

const distribution = z.strictObject({
  region: region,
  amiDistributionConfiguration: z
    .strictObject({
      name: text(1, 127).optional(),
      description: text(1, 1024).optional(),
      targetAccountIds: z
        .array(matching(/^[0-9]{12}$/))
        .min(1)
        .max(1536)
        .optional(),
      amiTags: tags.optional(),
      kmsKeyId: text(1, 1024).optional(),
      launchPermission: z
        .strictObject({
          userIds: z.array(matching(/^[0-9]{12}$/)).optional(),
          userGroups: z.array(text(1, 1024)).optional(),
          organizationArns: z.array(z.string()).optional(),
          organizationalUnitArns: z.array(z.string()).optional(),
        })
        .optional(),
    })
    .optional(),
  containerDistributionConfiguration: z
    .strictObject({
      description: text(1, 1024).optional(),
      containerTags: z.array(text(1, 1024)).optional(),
      targetRepository,
    })
    .optional(),
  licenseConfigurationArns: z.array(z.string()).optional(),
  launchTemplateConfigurations: z
    .array(
      z.strictObject({
        launchTemplateId: matching(/^lt-[a-z0-9-_]{17}$/),
        accountId: matching(/^[0-9]{12}$/).optional(),
        setDefaultVersion: z.boolean().optional(),
      }),
    )
    .optional(),
  s3ExportConfiguration: z
    .strictObject({
      roleName: text(1, 1024),
      diskImageFormat: z.enum(DiskImageFormat),
      s3Bucket: text(1, 1024),
      s3Prefix: text(1, 1024).optional(),
    })
    .optional(),
  fastLaunchConfigurations: z
    .array(
      z.strictObject({
        enabled: z.boolean(),
        snapshotConfiguration: z
          .strictObject({ targetResourceCount: z.number().int().min(1).optional() })
          .optional(),
        maxParallelLaunches: z.number().int().min(1).optional(),
        launchTemplate: z
          .strictObject({
            launchTemplateId: z.string().optional(),
            launchTemplateName: z.string().optional(),
            launchTemplateVersion: z.string().optional(),
          })
          .optional(),
        accountId: matching(/^[0-9]{12}$/).optional(),
      }),
    )
    .optional(),
  ssmParameterConfigurations: z
    .array(
      z.strictObject({
        amiAccountId: matching(/^[0-9]{12}$/).optional(),
        parameterName: text(1, 1011),
        dataType: z.enum(SsmParameterDataType).optional(),
      }),
    )
    .optional(),
});

export const distributionConfigurationSchema = z.strictObject({
  arn: imageBuilderArn.optional(),
  name: text(1, 128).optional(),
  description: text(1, 1024).optional(),
  distributions: z.array(distribution).optional(),
  timeoutMinutes: z.number().int().min(30).max(720),
  dateCreated: timestamp.optional(),
  dateUpdated: timestamp.optional(),
  tags: tags.optional(),
}) satisfies z.ZodType<DistributionConfiguration>;

const imageState = z.strictObject({
  status: z.enum(ImageStatus).optional(),
  reason: text(1, 1024).optional(),
});

export const outputResourcesSchema = z.strictObject({
  amis: z
    .array(
      z.strictObject({
        region: region.optional(),
        image: text(1, 1024).optional(),
        name: text(1, 1024).optional(),
        description: text(1, 1024).optional(),
        state: imageState.optional(),
        accountId: text(1, 1024).optional(),
      }),
    )
    .optional(),
  containers: z
    .array(
      z.strictObject({
        region: region.optional(),
        imageUris: z.array(text(1, 1024)).optional(),
      }),
    )
    .optional(),
}) satisfies z.ZodType<OutputResources>;

const imageTestsConfiguration = z.strictObject({
  imageTestsEnabled: z.boolean().optional(),
  timeoutMinutes: z.number().int().min(60).max(1440).optional(),
});

const imageScanningConfiguration = z.strictObject({
  imageScanningEnabled: z.boolean().optional(),
  ecrConfiguration: z
    .strictObject({
      repositoryName: text(1, 1024).optional(),
      containerTags: z.array(text(1, 1024)).optional(),
    })
    .optional(),
});

const workflows = z.array(
  z.strictObject({
    workflowArn: matching(
      /^arn:aws(?:-[a-z]+)*:imagebuilder:[a-z]{2,}(?:-[a-z]+)+-[0-9]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):workflow\/(build|test|distribution)\/[a-z0-9-_]+\/(?:(?:([0-9]+|x)\.([0-9]+|x)\.([0-9]+|x))|(?:[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+))$/,
    ),
    parameters: parameters.optional(),
    parallelGroup: matching(/^[A-Za-z0-9][A-Za-z0-9-_+#]{0,99}$/).optional(),
    onFailure: z.enum(OnWorkflowFailure).optional(),
  }),
) satisfies z.ZodType<WorkflowConfiguration[]>;

const executionRole = text(1, 2048).regex(
  /^(?:arn:aws(?:-[a-z]+)*:iam::[0-9]{12}:role\/)?[a-zA-Z_0-9+=,.@\-_/]+$/,
  { error: (issue) => `${JSON.stringify(issue.input)} is not an IAM role name or ARN` },
);
const logGroupName = matching(/^[a-zA-Z0-9\-_/.]{1,512}$/);

/** The members of GetImage's `Image` a fixture image may carry beyond its ARN and packages. */
export const fixtureImageMembers = {
  type: z.enum(ImageType).optional(),
  platform: z.enum(Platform).optional(),
  osVersion: text(1, 1024).optional(),
  state: imageState.optional(),
  dateCreated: timestamp.optional(),
  buildType: z.enum(BuildType).optional(),
  imageSource: z.enum(ImageSource).optional(),
  enhancedImageMetadataEnabled: z.boolean().optional(),
  imageRecipe: imageRecipeSchema.optional(),
  containerRecipe: containerRecipeSchema.optional(),
  infrastructureConfiguration: infrastructureConfigurationSchema.optional(),
  distributionConfiguration: distributionConfigurationSchema.optional(),
  imageTestsConfiguration: imageTestsConfiguration.optional(),
  outputResources: outputResourcesSchema.optional(),
  tags: tags.optional(),
  scanState: z
    .strictObject({
      status: z.enum(ImageScanStatus).optional(),
      reason: text(1, 1024).optional(),
    })
    .optional(),
  imageScanningConfiguration: imageScanningConfiguration.optional(),
  deprecationTime: timestamp.optional(),
  lifecycleExecutionId: matching(
    /^lce-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  ).optional(),
  executionRole: executionRole.optional(),
  workflows: workflows.optional(),
  loggingConfiguration: z.strictObject({ logGroupName: logGroupName.optional() }).optional(),
};

/** The ImagePipeline members a fixture pipeline may carry beyond its ARN, image and version. */
export const fixturePipelineMembers = {
  description: text(1, 1024).optional(),
  platform: z.enum(Platform).optional(),
  status: z.enum(PipelineStatus).optional(),
  schedule: z
    .strictObject({
      scheduleExpression: text(1, 1024).optional(),
      timezone: text(3, 100).optional(),
      pipelineExecutionStartCondition: z.enum(PipelineExecutionStartCondition).optional(),
      autoDisablePolicy: z
        .strictObject({ failureCount: z.number().int().min(1).max(10) })
        .optional(),
    })
    .optional(),
  imageRecipeArn: imageBuilderArn.optional(),
  containerRecipeArn: imageBuilderArn.optional(),
  infrastructureConfigurationArn: imageBuilderArn.optional(),
  distributionConfigurationArn: imageBuilderArn.optional(),
  enhancedImageMetadataEnabled: z.boolean().optional(),
  imageTestsConfiguration: imageTestsConfiguration.optional(),
  imageScanningConfiguration: imageScanningConfiguration.optional(),
  tags: tags.optional(),
  imageTags: tags.optional(),
  executionRole: executionRole.optional(),
  workflows: workflows.optional(),
  loggingConfiguration: z
    .strictObject({
      imageLogGroupName: logGroupName.optional(),
      pipelineLogGroupName: logGroupName.optional(),
    })
    .optional(),
  dateCreated: timestamp.optional(),
  dateUpdated: timestamp.optional(),
  dateLastRun: timestamp.optional(),
  dateNextRun: timestamp.optional(),
  consecutiveFailures: z.number().int().min(0).optional(),
};
