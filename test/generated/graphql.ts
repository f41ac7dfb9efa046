/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** An image's lifecycle state: PENDING while it is made, AVAILABLE when it can be used, FAILED otherwise. */
export type AppStreamImageState =
  /** Ready: fleets and image builders can use it. */
  | 'AVAILABLE'
  /** Being copied to another region. */
  | 'COPYING'
  /** Being created from an image builder. */
  | 'CREATING'
  /** Being deleted. */
  | 'DELETING'
  /** Creation, copy or import failed; see the state change reason. */
  | 'FAILED'
  /** Being imported from an EC2 AMI. */
  | 'IMPORTING'
  /** Waiting to be created. */
  | 'PENDING'
  /** Being checked before it becomes available. */
  | 'VALIDATING';

/** Why an image last changed state. */
export type AppStreamImageStateChangeReasonCode =
  /** The image builder the image was being made from was not available. */
  | 'IMAGE_BUILDER_NOT_AVAILABLE'
  /** Copying the image to another region failed. */
  | 'IMAGE_COPY_FAILURE'
  /** Importing the image failed. */
  | 'IMAGE_IMPORT_FAILURE'
  /** Updating the image (for example its agent) failed. */
  | 'IMAGE_UPDATE_FAILURE'
  /** An error inside AppStream 2.0. */
  | 'INTERNAL_ERROR';

/** Who can see an image: PUBLIC images come from AWS, PRIVATE ones are the account's own, SHARED ones another account shared with it. */
export type AppStreamImageVisibility =
  /** The account's own image. */
  | 'PRIVATE'
  /** An image AWS provides to every account. */
  | 'PUBLIC'
  /** An image another account shared with this one. */
  | 'SHARED';

/** An operating system platform. */
export type AppStreamPlatform =
  /** Amazon Linux 2. */
  | 'AMAZON_LINUX2'
  /** Red Hat Enterprise Linux 8. */
  | 'RHEL8'
  /** Rocky Linux 8. */
  | 'ROCKY_LINUX8'
  /** Ubuntu Pro 24.04 LTS. */
  | 'UBUNTU_PRO_2404'
  /** Windows (the original Windows Server platform). */
  | 'WINDOWS'
  /** Windows Server 2016. */
  | 'WINDOWS_SERVER_2016'
  /** Windows Server 2019. */
  | 'WINDOWS_SERVER_2019'
  /** Windows Server 2022. */
  | 'WINDOWS_SERVER_2022'
  /** Windows Server 2025. */
  | 'WINDOWS_SERVER_2025';

/** Where a HealthImaging data store is in its life cycle. */
export type DatastoreStatus =
  /** Ready: image sets can be imported, searched and read. */
  | 'ACTIVE'
  /** Creating the data store failed. */
  | 'CREATE_FAILED'
  /** Being created. */
  | 'CREATING'
  /** Deleted. */
  | 'DELETED'
  /** Being deleted. */
  | 'DELETING';

/** A span of time, bounds included. Give `from`, `to` or both; a missing bound leaves that side open. */
export type DateTimeRange = {
  /** The earliest time included. */
  from?: string | null | undefined;
  /** The latest time included. */
  to?: string | null | undefined;
};

/** What a build produces. */
export type ImageBuildOutputType =
  /** An Amazon Machine Image. */
  | 'AMI'
  /** A container image. */
  | 'DOCKER';

/** Where an image build version stands, from PENDING to AVAILABLE or FAILED. */
export type ImageBuildStatus =
  /** Built and ready to use. */
  | 'AVAILABLE'
  /** The build instance is running the recipe's build components. */
  | 'BUILDING'
  /** The build was cancelled. */
  | 'CANCELLED'
  /** Image Builder is setting the build up. */
  | 'CREATING'
  /** The image was deleted. */
  | 'DELETED'
  /** Still usable, but marked as superseded. */
  | 'DEPRECATED'
  /** The image was disabled and cannot be used to launch instances. */
  | 'DISABLED'
  /** The output is being copied to the distribution regions and accounts. */
  | 'DISTRIBUTING'
  /** The build failed; the state's reason says why. */
  | 'FAILED'
  /** The output is being registered with integrated services. */
  | 'INTEGRATING'
  /** Waiting to start. */
  | 'PENDING'
  /** The test instance is running the recipe's tests. */
  | 'TESTING';

/** What started a build. */
export type ImageBuildType =
  /** A VM import created the image. */
  | 'IMPORT'
  /** An ISO disk import created the image. */
  | 'IMPORT_ISO'
  /** The pipeline's schedule, or an EventBridge rule. */
  | 'SCHEDULED'
  /** Someone started the pipeline by hand. */
  | 'USER_INITIATED';

/** The operating system family an Image Builder image or pipeline is for. */
export type ImageBuilderPlatform =
  /** Linux. */
  | 'Linux'
  /** Microsoft Windows. */
  | 'Windows'
  /** Apple macOS. */
  | 'macOS';

/** When a scheduled pipeline actually builds. */
export type ImagePipelineStartCondition =
  /** When the schedule matches and the base image or a component has a newer matching version (the default). */
  | 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE'
  /** Every time the schedule expression matches. */
  | 'EXPRESSION_MATCH_ONLY';

/** Whether a pipeline runs on its schedule. */
export type ImagePipelineStatus =
  /** The pipeline does not run on its schedule. */
  | 'DISABLED'
  /** The pipeline runs on its schedule and can be started by hand. */
  | 'ENABLED';

/** Whether an image set version is usable, locked by a running operation, or deleted. */
export type ImageSetState =
  /** The version is usable. */
  | 'ACTIVE'
  /** The version was deleted. */
  | 'DELETED'
  /** An operation on the image set is running; it cannot be changed until it ends. */
  | 'LOCKED';

/** The last operation's progress on an image set version. */
export type ImageSetWorkflowStatus =
  /** Copied from another image set. */
  | 'COPIED'
  /** Being copied. */
  | 'COPYING'
  /** Being copied; it can be read but not changed meanwhile. */
  | 'COPYING_WITH_READ_ONLY_ACCESS'
  /** Copying failed. */
  | 'COPY_FAILED'
  /** Created. */
  | 'CREATED'
  /** Deleted. */
  | 'DELETED'
  /** Being deleted. */
  | 'DELETING'
  /** Imported from DICOM files. */
  | 'IMPORTED'
  /** Being imported. */
  | 'IMPORTING'
  /** Importing failed. */
  | 'IMPORT_FAILED'
  /** Its metadata was updated. */
  | 'UPDATED'
  /** Updating its metadata failed. */
  | 'UPDATE_FAILED'
  /** Its metadata is being updated. */
  | 'UPDATING';

/** Starts an image pipeline by hand. */
export type StartImagePipelineExecutionInput = {
  /** Any string of the client's, echoed back in the payload (Relay convention). */
  clientMutationId?: string | number | null | undefined;
  /** Idempotency token of 1 to 64 characters. Repeating a request with the same token and pipeline returns the first result instead of starting another build; a UUID is generated when absent. */
  clientToken?: string | null | undefined;
  /** The pipeline to run: arn:aws:imagebuilder:<region>:<account id>:image-pipeline/<name>. Its region is the region called. */
  imagePipelineArn: string;
};

/** The storage tier an image set's data is kept in. */
export type StorageTier =
  /** Lower-cost storage for image sets read rarely, still available in milliseconds. */
  | 'ARCHIVE_INSTANT_ACCESS'
  /** Storage for image sets that are read regularly. */
  | 'FREQUENT_ACCESS';

/** Where a whole workflow run stands. */
export type WorkflowExecutionStatus =
  /** The run was cancelled. */
  | 'CANCELLED'
  /** Every step finished. */
  | 'COMPLETED'
  /** A step failed. */
  | 'FAILED'
  /** Not started yet. */
  | 'PENDING'
  /** A step failed and the rollback finished. */
  | 'ROLLBACK_COMPLETED'
  /** A step failed and completed steps are being rolled back. */
  | 'ROLLBACK_IN_PROGRESS'
  /** Steps are running. */
  | 'RUNNING'
  /** Not run. */
  | 'SKIPPED';

/** Where the rollback of a workflow step stands, when the workflow failed. */
export type WorkflowStepExecutionRollbackStatus =
  /** The rollback finished. */
  | 'COMPLETED'
  /** The rollback failed. */
  | 'FAILED'
  /** The rollback is running. */
  | 'RUNNING'
  /** No rollback was needed or it was skipped. */
  | 'SKIPPED';

/** Where a workflow step's run stands. */
export type WorkflowStepExecutionStatus =
  /** The step was cancelled. */
  | 'CANCELLED'
  /** The step finished successfully. */
  | 'COMPLETED'
  /** The step failed. */
  | 'FAILED'
  /** The step has not started yet. */
  | 'PENDING'
  /** The step is running. */
  | 'RUNNING'
  /** The step was skipped. */
  | 'SKIPPED';

/** The stage of a build a workflow runs. */
export type WorkflowType =
  /** Builds the image. */
  | 'BUILD'
  /** Distributes the image. */
  | 'DISTRIBUTION'
  /** Tests the image. */
  | 'TEST';

export type AppStreamImagesQueryVariables = Exact<{
  type?: AppStreamImageVisibility | null | undefined;
  names?: Array<string> | string | null | undefined;
  arns?: Array<string> | string | null | undefined;
  region?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AppStreamImagesQuery = { appStreamImages: { edges: Array<{ cursor: string, node: { id: string, name: string, arn: string, displayName: string | null, visibility: AppStreamImageVisibility | null, platform: AppStreamPlatform | null, state: AppStreamImageState | null, createdTime: string | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } | null };

export type AppStreamImageQueryVariables = Exact<{
  name?: string | null | undefined;
  arn?: string | null | undefined;
  region?: string | null | undefined;
}>;


export type AppStreamImageQuery = { appStreamImage: { id: string, name: string, arn: string, displayName: string | null, description: string | null, visibility: AppStreamImageVisibility | null, platform: AppStreamPlatform | null, state: AppStreamImageState | null, createdTime: string | null, supportedInstanceFamilies: Array<string>, stateChangeReason: { code: AppStreamImageStateChangeReasonCode | null, message: string | null } | null, imagePermissions: { allowFleet: boolean | null, allowImageBuilder: boolean | null } | null, applications: Array<{ name: string | null, displayName: string | null, launchPath: string | null, enabled: boolean | null, platforms: Array<AppStreamPlatform | null>, metadata: Array<{ key: string, value: string }> }>, baseImage: { name: string, arn: string, platform: AppStreamPlatform | null } | null } | null };

export type PageInfoFieldsFragment = { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null };

export type ImagePackagesQueryVariables = Exact<{
  imageBuildVersionArn: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ImagePackagesQuery = { imagePackages: { edges: Array<{ cursor: string, node: { id: string, packageName: string | null, packageVersion: string | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } | null };

export type ImageBuildVersionQueryVariables = Exact<{
  arn: string;
  packagesFirst?: number | null | undefined;
}>;


export type ImageBuildVersionQuery = { imageBuildVersion: { id: string, arn: string, region: string, accountId: string | null, name: string, version: string, buildNumber: number, packages: { edges: Array<{ node: { packageName: string | null, packageVersion: string | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } | null } | null };

export type WorkflowStepExecutionsQueryVariables = Exact<{
  workflowExecutionId: string;
  region?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WorkflowStepExecutionsQuery = { workflowStepExecutions: { workflowExecutionId: string | null, workflowBuildVersionArn: string | null, message: string | null, imageBuildVersion: { arn: string, buildNumber: number } | null, edges: Array<{ cursor: string, node: { stepExecutionId: string | null, name: string, description: string | null, action: string | null, status: WorkflowStepExecutionStatus | null, rollbackStatus: WorkflowStepExecutionRollbackStatus | null, message: string | null, inputs: string | null, outputs: string | null, startTime: string | null, endTime: string | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } | null };

export type WorkflowExecutionQueryVariables = Exact<{
  workflowExecutionId: string;
  stepsFirst?: number | null | undefined;
}>;


export type WorkflowExecutionQuery = { workflowExecution: { id: string, workflowExecutionId: string, region: string, steps: { edges: Array<{ node: { name: string, status: WorkflowStepExecutionStatus | null } }> } | null } | null };

export type StartImagePipelineExecutionMutationVariables = Exact<{
  input: StartImagePipelineExecutionInput;
}>;


export type StartImagePipelineExecutionMutation = { startImagePipelineExecution: { clientMutationId: string | null, clientToken: string, requestId: string | null, imageBuildVersion: { arn: string, name: string, version: string, buildNumber: number, packages: { edges: Array<{ node: { packageName: string | null } }> } | null } | null } };

export type ImagePipelinesQueryVariables = Exact<{
  region?: string | null | undefined;
  first?: number | null | undefined;
  buildsFirst?: number | null | undefined;
}>;


export type ImagePipelinesQuery = { imagePipelines: { edges: Array<{ node: { id: string, arn: string, name: string, pipelineStatus: ImagePipelineStatus | null, osPlatform: ImageBuilderPlatform | null, dateCreated: string | null, lastRunStatus: ImageBuildStatus | null, schedule: { scheduleExpression: string | null, timezone: string | null, pipelineExecutionStartCondition: ImagePipelineStartCondition | null } | null, builds: { edges: Array<{ node: { arn: string, buildNumber: number, outputType: ImageBuildOutputType | null, buildType: ImageBuildType | null, dateCreated: string | null, buildState: { status: ImageBuildStatus | null, reason: string | null } | null, workflowExecutions: { edges: Array<{ node: { workflowExecutionId: string, executionStatus: WorkflowExecutionStatus | null, workflowType: WorkflowType | null, totalStepCount: number | null, imageBuildVersion: { arn: string } } }> } | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } | null };

export type ImageSetVersionsQueryVariables = Exact<{
  datastoreId: string;
  imageSetId: string;
  region?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ImageSetVersionsQuery = { imageSetVersions: { edges: Array<{ cursor: string, node: { id: string, datastoreId: string, imageSetId: string, versionId: string, imageSetState: ImageSetState | null, imageSetWorkflowStatus: ImageSetWorkflowStatus | null, createdAt: string | null, updatedAt: string | null, message: string | null, overrides: { forced: boolean | null } | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } | null };

export type ImageSetQueryVariables = Exact<{
  datastoreId: string;
  imageSetId: string;
  versionsFirst?: number | null | undefined;
}>;


export type ImageSetQuery = { imageSet: { id: string, datastoreId: string, imageSetId: string, region: string, versions: { edges: Array<{ node: { versionId: string, imageSetState: ImageSetState | null } }>, pageInfo: { hasNextPage: boolean } } | null } | null };

export type DatastoresQueryVariables = Exact<{
  region?: string | null | undefined;
  status?: DatastoreStatus | null | undefined;
  first?: number | null | undefined;
  dicomPatientId?: string | null | undefined;
  updatedAt?: DateTimeRange | null | undefined;
}>;


export type DatastoresQuery = { datastores: { edges: Array<{ node: { id: string, datastoreId: string, region: string, datastoreName: string, datastoreStatus: DatastoreStatus | null, datastoreArn: string | null, createdAt: string | null, imageSets: { edges: Array<{ node: { imageSetId: string, latestVersionId: string | null, updatedAt: string | null, storageTier: StorageTier | null, latestVersionState: ImageSetState | null, dicomTags: { dicomPatientId: string | null, dicomStudyInstanceUid: string | null, dicomNumberOfStudyRelatedInstances: number | null } | null, datastore: { datastoreId: string } } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } | null };

export type NodeQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeQuery = { node:
    | { __typename: 'AppStreamImage', id: string, imageName: string, imageArn: string }
    | { __typename: 'Datastore', id: string }
    | { __typename: 'ImageBuildVersion', arn: string, buildNumber: number, id: string }
    | { __typename: 'ImagePackage', packageName: string | null, packageVersion: string | null, id: string }
    | { __typename: 'ImagePipeline', id: string }
    | { __typename: 'ImageSet', datastoreId: string, imageSetId: string, id: string }
    | { __typename: 'ImageSetVersion', versionId: string, imageSetState: ImageSetState | null, id: string }
    | { __typename: 'WorkflowExecution', workflowExecutionId: string, id: string }
    | { __typename: 'WorkflowStepExecution', stepExecutionId: string | null, name: string, id: string }
   | null };

export type NodesQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type NodesQuery = { nodes: Array<
    | { __typename: 'AppStreamImage', id: string }
    | { __typename: 'Datastore', id: string }
    | { __typename: 'ImageBuildVersion', id: string }
    | { __typename: 'ImagePackage', id: string }
    | { __typename: 'ImagePipeline', id: string }
    | { __typename: 'ImageSet', id: string }
    | { __typename: 'ImageSetVersion', id: string }
    | { __typename: 'WorkflowExecution', id: string }
    | { __typename: 'WorkflowStepExecution', id: string }
   | null> };

export const PageInfoFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PageInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<PageInfoFieldsFragment, unknown>;
export const AppStreamImagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AppStreamImages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AppStreamImageVisibility"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"names"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"arns"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appStreamImages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}},{"kind":"Argument","name":{"kind":"Name","value":"names"},"value":{"kind":"Variable","name":{"kind":"Name","value":"names"}}},{"kind":"Argument","name":{"kind":"Name","value":"arns"},"value":{"kind":"Variable","name":{"kind":"Name","value":"arns"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"arn"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"platform"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PageInfoFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PageInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<AppStreamImagesQuery, AppStreamImagesQueryVariables>;
export const AppStreamImageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AppStreamImage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"arn"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appStreamImage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"arn"},"value":{"kind":"Variable","name":{"kind":"Name","value":"arn"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"arn"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"platform"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"stateChangeReason"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"imagePermissions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allowFleet"}},{"kind":"Field","name":{"kind":"Name","value":"allowImageBuilder"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supportedInstanceFamilies"}},{"kind":"Field","name":{"kind":"Name","value":"applications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"launchPath"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"platforms"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"baseImage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"arn"}},{"kind":"Field","name":{"kind":"Name","value":"platform"}}]}}]}}]}}]} as unknown as DocumentNode<AppStreamImageQuery, AppStreamImageQueryVariables>;
export const ImagePackagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImagePackages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"imageBuildVersionArn"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"imagePackages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"imageBuildVersionArn"},"value":{"kind":"Variable","name":{"kind":"Name","value":"imageBuildVersionArn"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"packageName"}},{"kind":"Field","name":{"kind":"Name","value":"packageVersion"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PageInfoFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PageInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<ImagePackagesQuery, ImagePackagesQueryVariables>;
export const ImageBuildVersionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImageBuildVersion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"arn"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"packagesFirst"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"imageBuildVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"arn"},"value":{"kind":"Variable","name":{"kind":"Name","value":"arn"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"arn"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"buildNumber"}},{"kind":"Field","name":{"kind":"Name","value":"packages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"packagesFirst"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"packageName"}},{"kind":"Field","name":{"kind":"Name","value":"packageVersion"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PageInfoFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PageInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<ImageBuildVersionQuery, ImageBuildVersionQueryVariables>;
export const WorkflowStepExecutionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WorkflowStepExecutions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workflowExecutionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowStepExecutions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workflowExecutionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workflowExecutionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"workflowBuildVersionArn"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"imageBuildVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"arn"}},{"kind":"Field","name":{"kind":"Name","value":"buildNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stepExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rollbackStatus"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"inputs"}},{"kind":"Field","name":{"kind":"Name","value":"outputs"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PageInfoFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PageInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<WorkflowStepExecutionsQuery, WorkflowStepExecutionsQueryVariables>;
export const WorkflowExecutionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WorkflowExecution"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workflowExecutionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"stepsFirst"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowExecution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workflowExecutionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workflowExecutionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"workflowExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"stepsFirst"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WorkflowExecutionQuery, WorkflowExecutionQueryVariables>;
export const StartImagePipelineExecutionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartImagePipelineExecution"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartImagePipelineExecutionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startImagePipelineExecution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientMutationId"}},{"kind":"Field","name":{"kind":"Name","value":"clientToken"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"imageBuildVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"arn"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"buildNumber"}},{"kind":"Field","name":{"kind":"Name","value":"packages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"packageName"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StartImagePipelineExecutionMutation, StartImagePipelineExecutionMutationVariables>;
export const ImagePipelinesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImagePipelines"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"buildsFirst"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"imagePipelines"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"arn"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineStatus"}},{"kind":"Field","name":{"kind":"Name","value":"osPlatform"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduleExpression"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineExecutionStartCondition"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dateCreated"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunStatus"}},{"kind":"Field","name":{"kind":"Name","value":"builds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"buildsFirst"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"arn"}},{"kind":"Field","name":{"kind":"Name","value":"buildNumber"}},{"kind":"Field","name":{"kind":"Name","value":"buildState"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outputType"}},{"kind":"Field","name":{"kind":"Name","value":"buildType"}},{"kind":"Field","name":{"kind":"Name","value":"dateCreated"}},{"kind":"Field","name":{"kind":"Name","value":"workflowExecutions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"executionStatus"}},{"kind":"Field","name":{"kind":"Name","value":"workflowType"}},{"kind":"Field","name":{"kind":"Name","value":"totalStepCount"}},{"kind":"Field","name":{"kind":"Name","value":"imageBuildVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"arn"}}]}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PageInfoFields"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PageInfoFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PageInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<ImagePipelinesQuery, ImagePipelinesQueryVariables>;
export const ImageSetVersionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImageSetVersions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datastoreId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"imageSetId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"imageSetVersions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datastoreId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datastoreId"}}},{"kind":"Argument","name":{"kind":"Name","value":"imageSetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"imageSetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"datastoreId"}},{"kind":"Field","name":{"kind":"Name","value":"imageSetId"}},{"kind":"Field","name":{"kind":"Name","value":"versionId"}},{"kind":"Field","name":{"kind":"Name","value":"imageSetState"}},{"kind":"Field","name":{"kind":"Name","value":"imageSetWorkflowStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"overrides"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forced"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PageInfoFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PageInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<ImageSetVersionsQuery, ImageSetVersionsQueryVariables>;
export const ImageSetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImageSet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datastoreId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"imageSetId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"versionsFirst"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"imageSet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datastoreId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datastoreId"}}},{"kind":"Argument","name":{"kind":"Name","value":"imageSetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"imageSetId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"datastoreId"}},{"kind":"Field","name":{"kind":"Name","value":"imageSetId"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"versionsFirst"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"versionId"}},{"kind":"Field","name":{"kind":"Name","value":"imageSetState"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ImageSetQuery, ImageSetQueryVariables>;
export const DatastoresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Datastores"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DatastoreStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dicomPatientId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"updatedAt"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeRange"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datastores"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"datastoreId"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"datastoreName"}},{"kind":"Field","name":{"kind":"Name","value":"datastoreStatus"}},{"kind":"Field","name":{"kind":"Name","value":"datastoreArn"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"imageSets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"dicomPatientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dicomPatientId"}}},{"kind":"Argument","name":{"kind":"Name","value":"updatedAt"},"value":{"kind":"Variable","name":{"kind":"Name","value":"updatedAt"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"imageSetId"}},{"kind":"Field","name":{"kind":"Name","value":"latestVersionId"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"storageTier"}},{"kind":"Field","name":{"kind":"Name","value":"latestVersionState"}},{"kind":"Field","name":{"kind":"Name","value":"dicomTags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dicomPatientId"}},{"kind":"Field","name":{"kind":"Name","value":"dicomStudyInstanceUid"}},{"kind":"Field","name":{"kind":"Name","value":"dicomNumberOfStudyRelatedInstances"}}]}},{"kind":"Field","name":{"kind":"Name","value":"datastore"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datastoreId"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PageInfoFields"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PageInfoFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PageInfoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<DatastoresQuery, DatastoresQueryVariables>;
export const NodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Node"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImageBuildVersion"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"arn"}},{"kind":"Field","name":{"kind":"Name","value":"buildNumber"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImagePackage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"packageName"}},{"kind":"Field","name":{"kind":"Name","value":"packageVersion"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WorkflowExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowExecutionId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WorkflowStepExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stepExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImageSet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datastoreId"}},{"kind":"Field","name":{"kind":"Name","value":"imageSetId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImageSetVersion"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"versionId"}},{"kind":"Field","name":{"kind":"Name","value":"imageSetState"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AppStreamImage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"imageName"},"name":{"kind":"Name","value":"name"}},{"kind":"Field","alias":{"kind":"Name","value":"imageArn"},"name":{"kind":"Name","value":"arn"}}]}}]}}]}}]} as unknown as DocumentNode<NodeQuery, NodeQueryVariables>;
export const NodesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Nodes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<NodesQuery, NodesQueryVariables>;