/**
 * The tabs GraphiQL opens with, in order. Each starts from a root field that needs no identifier
 * and follows links from there, so it works unchanged on the demo data, on any fixture and on a
 * real account. `test/integration/http-graphiql.test.ts` runs every tab against the demo data and
 * against a fixture of its own, and checks that no tab names an identifier.
 *
 * To add a tab, append `{ title, query }`: one named operation, no variables, no string literals.
 */
export interface GraphiQLExample {
  /** What the tab shows, for readers of this file and test names. */
  title: string;
  /** One GraphQL operation, with comments for the reader. */
  query: string;
}

export const GRAPHIQL_EXAMPLES: readonly GraphiQLExample[] = [
  {
    title: "Image Builder: pipelines, each one's latest build and its packages",
    query: /* GraphQL */ `# Start here: the account's image pipelines (in AWS_REGION; add region: "eu-west-1"
# for another), each with its newest build and that build's first packages.
# For more packages, add  after: "<pageInfo.endCursor>"  next to first.
query PipelineLatestBuildPackages {
  imagePipelines(first: 5) {
    edges {
      node {
        name
        pipelineStatus
        schedule { scheduleExpression timezone }
        lastRunStatus
        builds(first: 1) {
          edges {
            node {
              arn
              version
              buildNumber
              buildState { status reason }
              dateCreated
              packages(first: 10) {
                edges { node { packageName packageVersion } }
                pageInfo { hasNextPage endCursor }
              }
            }
          }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    title: "Image Builder: a build's workflow runs and their steps",
    query: /* GraphQL */ `# How each pipeline's latest build went: its workflow runs and their steps.
# To watch a build live, run startImagePipelineExecution with a pipeline's arn in a new tab,
# then subscription { imageBuildProgress(imageBuildVersionArn: "<the new build's arn>") { ... } }.
query BuildWorkflowSteps {
  imagePipelines(first: 5) {
    edges {
      node {
        name
        builds(first: 1) {
          edges {
            node {
              version
              buildNumber
              buildState { status reason }
              osPlatform
              osVersion
              workflowExecutions(first: 5) {
                edges {
                  node {
                    workflowExecutionId
                    workflowType
                    executionStatus
                    totalStepCount
                    totalStepsFailed
                    steps(first: 10) {
                      edges { node { name action status rollbackStatus startTime endTime } }
                      pageInfo { hasNextPage endCursor }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
`,
  },
  {
    title:
      "Image Builder: a pipeline's latest build, its AMIs and what changed since the previous build",
    query: /* GraphQL */ `# What the newest build of the first pipeline produced (its AMIs per region and
# account, or its container image URIs), what it was made from, and which packages changed
# since the build before it. packageChanges reads both builds' package lists; for another
# pair, pass comparedTo: "<an image build version ARN>".
query LatestBuildOutputsAndChanges {
  imagePipelines(first: 1) {
    edges {
      node {
        name
        distributionConfigurationArn
        builds(first: 1) {
          edges {
            node {
              version
              buildNumber
              buildState { status reason }
              dateCreated
              outputResources {
                amis { region image name accountId state { status } }
                containers { region imageUris }
              }
              imageRecipe { name version parentImage components { componentArn } }
              tags { key value }
              packageChanges {
                comparedTo { version buildNumber dateCreated }
                added { packageName packageVersion }
                removed { packageName packageVersion }
                changed { packageName fromVersion toVersion }
                unchangedCount
              }
            }
          }
        }
      }
    }
  }
}
`,
  },
  {
    title: "Image Builder: every build of a pipeline, with global IDs",
    query: /* GraphQL */ `# All builds of the first pipelines, newest first. Every object has an id that
# node(id: "…") fetches again.
query PipelineBuilds {
  imagePipelines(first: 2) {
    edges {
      cursor
      node {
        id
        arn
        osPlatform
        dateCreated
        builds(first: 25) {
          edges {
            node {
              id
              version
              buildNumber
              buildState { status }
              buildType
              pipeline { name }
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
  {
    title: "AppStream 2.0: images and the images they were made from",
    query: /* GraphQL */ `# The AppStream 2.0 images the account can see (add type: PRIVATE for its own),
# each with its applications and the image it was made from.
query AppStreamImages {
  appStreamImages(first: 5) {
    edges {
      node {
        id
        name
        displayName
        visibility
        platform
        state
        createdTime
        applications { displayName launchPath }
        baseImage { name platform }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    title: "HealthImaging: data stores, their image sets and versions",
    query: /* GraphQL */ `# HealthImaging from the top: the region's ACTIVE data stores, their most recently updated
# image sets with DICOM tags, and each image set's first versions. Another region: add
# region: "eu-west-1" next to status. Narrow the image sets with updatedAt / createdAt ranges,
# dicomPatientId or dicomStudyId.
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
  {
    title: "Every account and region: pipelines and data stores across the estate",
    query: /* GraphQL */ `# Every account's pipelines and data stores in every region, as one list each: account
# by account, region by region. The accounts are those of AWS_ACCOUNTS (the demo has three; the
# awsAccounts field lists them). Narrow with accounts: ["<name or id>"] and
# regions: ["us-east-1", "eu-*"].
query EstateAcrossAccountsAndRegions {
  imagePipelines(accounts: ["*"], regions: ["*"], first: 10) {
    edges {
      node {
        accountId
        region
        name
        builds(first: 1) { edges { node { version buildState { status } } } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
  datastores(accounts: ["*"], regions: ["*"], first: 10) {
    edges { node { accountId region datastoreName datastoreStatus } }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
];
