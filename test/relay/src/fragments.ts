// Fragments a Relay frontend would write against this gateway; relay-compiler must accept them.
// They are compiled by test/integration/relay-compiler.test.ts and never executed.
import { graphql } from "relay-runtime";

export const imagePackagesFragment = graphql`
  fragment fragmentsImagePackages_image on ImageBuildVersion
  @refetchable(queryName: "ImagePackagesPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    name
    version
    packages(first: $count, after: $cursor) @connection(key: "fragmentsImagePackages_packages") {
      edges {
        node {
          id
          packageName
          packageVersion
        }
      }
    }
  }
`;

export const workflowStepsFragment = graphql`
  fragment fragmentsWorkflowSteps_workflow on WorkflowExecution
  @refetchable(queryName: "WorkflowStepsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 25 }, cursor: { type: "String" }) {
    workflowExecutionId
    steps(first: $count, after: $cursor) @connection(key: "fragmentsWorkflowSteps_steps") {
      edges {
        node {
          id
          name
          status
          startTime
        }
      }
    }
  }
`;

export const imageSetVersionsFragment = graphql`
  fragment fragmentsImageSetVersions_imageSet on ImageSet
  @refetchable(queryName: "ImageSetVersionsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 50 }, cursor: { type: "String" }) {
    versions(first: $count, after: $cursor) @connection(key: "fragmentsImageSetVersions_versions") {
      edges {
        node {
          id
          versionId
          imageSetState
        }
      }
    }
  }
`;

export const appStreamImageFragment = graphql`
  fragment fragmentsAppStreamImage_image on AppStreamImage
  @refetchable(queryName: "AppStreamImageRefetchQuery") {
    name
    state
    baseImage {
      id
      name
    }
  }
`;

export const appStreamImagesQuery = graphql`
  query fragmentsAppStreamImagesQuery($count: Int, $cursor: String) {
    appStreamImages(type: PRIVATE, first: $count, after: $cursor)
      @connection(key: "fragmentsAppStreamImages_appStreamImages", filters: ["type"]) {
      edges {
        node {
          id
          ...fragmentsAppStreamImage_image
        }
      }
    }
    imageBuildVersion(arn: "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/2") {
      ...fragmentsImagePackages_image
    }
  }
`;

export const pipelineBuildsFragment = graphql`
  fragment fragmentsPipelineBuilds_pipeline on ImagePipeline
  @refetchable(queryName: "PipelineBuildsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 5 }, cursor: { type: "String" }) {
    name
    pipelineStatus
    builds(first: $count, after: $cursor) @connection(key: "fragmentsPipelineBuilds_builds") {
      edges {
        node {
          id
          buildNumber
          buildState {
            status
          }
          ...fragmentsBuildWorkflows_build
        }
      }
    }
  }
`;

export const buildWorkflowsFragment = graphql`
  fragment fragmentsBuildWorkflows_build on ImageBuildVersion
  @refetchable(queryName: "BuildWorkflowsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 5 }, cursor: { type: "String" }) {
    workflowExecutions(first: $count, after: $cursor)
      @connection(key: "fragmentsBuildWorkflows_workflowExecutions") {
      edges {
        node {
          id
          executionStatus
          ...fragmentsWorkflowSteps_workflow
        }
      }
    }
  }
`;

export const imagePipelinesQuery = graphql`
  query fragmentsImagePipelinesQuery($count: Int, $cursor: String) {
    imagePipelines(first: $count, after: $cursor)
      @connection(key: "fragmentsImagePipelines_imagePipelines") {
      edges {
        node {
          id
          ...fragmentsPipelineBuilds_pipeline
        }
      }
    }
  }
`;

// One selection across several Node types that share field names (`arn`, `name`).
export const anyImageFragment = graphql`
  fragment fragmentsAnyImage_node on Node {
    id
    ... on ImageBuildVersion {
      arn
      name
    }
    ... on AppStreamImage {
      arn
      name
    }
    ... on WorkflowStepExecution {
      name
    }
  }
`;
