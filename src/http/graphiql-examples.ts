import { encodeGlobalID } from "@pothos/plugin-relay";

/**
 * The documents GraphiQL opens with, one tab each: every root field and the mutation, on the demo
 * data (`fixtures/demo.json`). `test/integration/http-graphiql.test.ts` runs each against the
 * demo fixture, so an example that stops working fails the build.
 */
export interface GraphiQLExample {
  /** The root field the example shows off. */
  rootField: string;
  /** One GraphQL operation, with comments for the reader. */
  query: string;
}

const IMAGE = "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/2";
const WORKFLOW = "wf-7c1e4b2a-9d3f-4e8a-b6c5-2f0a1d9e8b74";
const PIPELINE = "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server";
const DATASTORE = "4f9e2c7a1b8d4e6f9a3c5b7d2e1f0a8c";
const IMAGE_SET = "b3d8e1f4a7c2495e8d6b1a0f3c9e7d25";
const APPSTREAM_IMAGE = "finance-desktop-win2022-2026-02";
const APPSTREAM_IMAGE_ARN = `arn:aws:appstream:us-east-1:123456789012:image/${APPSTREAM_IMAGE}`;
// Global IDs are opaque to clients; these are the ones the gateway hands out for demo objects.
const IMAGE_ID = encodeGlobalID("ImageBuildVersion", IMAGE);
const APPSTREAM_IMAGE_ID = encodeGlobalID("AppStreamImage", APPSTREAM_IMAGE_ARN);

export const GRAPHIQL_EXAMPLES: readonly GraphiQLExample[] = [
  {
    rootField: "imagePackages",
    query: /* GraphQL */ `# Packages of an image build version, 10 at a time (64 in all).
# For the next page, add  after: "<pageInfo.endCursor>"  next to first.
query ImagePackages {
  imagePackages(
    imageBuildVersionArn: "${IMAGE}"
    first: 10
  ) {
    edges {
      cursor
      node { packageName packageVersion }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    rootField: "imageBuildVersion",
    query: /* GraphQL */ `# One image build version, read from its ARN, with its first packages.
query ImageBuildVersion {
  imageBuildVersion(arn: "${IMAGE}") {
    arn region accountId name version buildNumber
    packages(first: 5) {
      edges { node { packageName packageVersion } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
`,
  },
  {
    rootField: "workflowStepExecutions",
    query: /* GraphQL */ `# The steps of a workflow execution (34 in all), and the image it built.
# The failed execution wf-d2a94f61-0b7e-4c35-9e18-6a4c3b2f7d90 shows rollbacks.
query WorkflowStepExecutions {
  workflowStepExecutions(workflowExecutionId: "${WORKFLOW}", first: 5) {
    workflowExecutionId
    workflowBuildVersionArn
    message
    imageBuildVersion {
      name version buildNumber
      packages(first: 3) { edges { node { packageName } } }
    }
    edges {
      node { stepExecutionId name action status rollbackStatus startTime endTime }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    rootField: "imageSetVersions",
    query: /* GraphQL */ `# Versions of a HealthImaging image set (120 in all).
query ImageSetVersions {
  imageSetVersions(
    datastoreId: "${DATASTORE}"
    imageSetId: "${IMAGE_SET}"
    first: 5
  ) {
    edges {
      node {
        versionId imageSetState imageSetWorkflowStatus
        createdAt updatedAt message overrides { forced }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    rootField: "appStreamImages",
    query: /* GraphQL */ `# The account's own AppStream 2.0 images; drop "type" for every visible image.
query AppStreamImages {
  appStreamImages(type: PRIVATE, first: 5) {
    edges {
      node {
        name displayName visibility platform state createdTime
        applications { displayName launchPath }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    rootField: "appStreamImage",
    query: /* GraphQL */ `# One AppStream 2.0 image by name (or by arn), and the public image it was made from.
query AppStreamImage {
  appStreamImage(name: "${APPSTREAM_IMAGE}") {
    arn name displayName state createdTime
    imagePermissions { allowFleet allowImageBuilder }
    applications { name displayName }
    baseImage { name platform publicBaseImageReleasedDate }
  }
}
`,
  },
  {
    rootField: "startImagePipelineExecution",
    query: /* GraphQL */ `# Runs an image pipeline: each run creates the next build of web-server/1.2.0.
# Repeating a clientToken returns the first run's result instead of starting another build.
mutation StartImagePipelineExecution {
  startImagePipelineExecution(
    input: { imagePipelineArn: "${PIPELINE}" }
  ) {
    clientToken
    requestId
    imageBuildVersion {
      arn buildNumber
      packages(first: 5) { edges { node { packageName } } }
    }
  }
}
`,
  },
  {
    rootField: "workflowExecution",
    query: /* GraphQL */ `# A workflow execution as an object: a Relay node, and a federation entity.
query WorkflowExecution {
  workflowExecution(workflowExecutionId: "${WORKFLOW}") {
    id
    workflowExecutionId
    steps(first: 3) {
      edges { node { name status } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
`,
  },
  {
    rootField: "imageSet",
    query: /* GraphQL */ `# A HealthImaging image set as an object, with its versions connection.
query ImageSet {
  imageSet(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}") {
    id
    versions(first: 3) {
      edges { node { id versionId imageSetState } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
`,
  },
  {
    rootField: "node",
    query: /* GraphQL */ `# Refetches any object by the id it was served with (Relay global object identification).
query Node {
  node(id: "${IMAGE_ID}") {
    id
    ... on ImageBuildVersion { name version buildNumber }
  }
}
`,
  },
  {
    rootField: "nodes",
    query: /* GraphQL */ `# Refetches several objects at once; look-ups are batched (one DescribeImages here).
query Nodes {
  nodes(ids: ["${IMAGE_ID}", "${APPSTREAM_IMAGE_ID}"]) {
    __typename
    id
    ... on ImageBuildVersion { name buildNumber }
    ... on AppStreamImage { name state }
  }
}
`,
  },
  {
    rootField: "datastores",
    query: /* GraphQL */ `# HealthImaging from the top, no identifier needed: the region's ACTIVE data stores, their
# most recently updated image sets with DICOM tags, and each image set's first versions.
# Another region: add  region: "eu-west-1"  next to status. Narrow the image sets with
# updatedAt / createdAt: { from: "2026-01-01T00:00:00Z" }, dicomPatientId or dicomStudyId.
query Datastores {
  datastores(status: ACTIVE, first: 5) {
    edges {
      node {
        id datastoreName datastoreStatus createdAt
        imageSets(first: 3) {
          edges {
            node {
              imageSetId updatedAt storageTier
              dicomTags { dicomPatientName dicomStudyDescription dicomSeriesModality dicomStudyDate }
              latestVersionState imageSetWorkflowStatus
              versions(first: 3) {
                edges { node { versionId imageSetState message } }
                pageInfo { hasNextPage endCursor }
              }
            }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
];
