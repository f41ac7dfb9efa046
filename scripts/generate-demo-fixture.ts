/**
 * Generates fixtures/demo.json, the demo data the embedded AWS emulator serves on `npm start`
 * (and the default for `EMULATOR_SEED`). The format is documented in fixtures/README.md.
 *
 *   npx tsx scripts/generate-demo-fixture.ts
 *
 * Deterministic: every random choice comes from a seeded PRNG (mulberry32, one stream per
 * section) and every date from fixed constants; there is no Date.now() or Math.random(). Running
 * it twice gives byte-identical output. Before writing, a self-check asserts every identifier
 * pattern, enum and length limit of the AWS API pages, plus uniqueness and cross-references; a
 * violation throws with the JSON path of the problem.
 *
 * Demo identifiers (paste into GraphiQL; the script prints them at the end of each run):
 *   Image Builder image with 64 packages (3 pages of 25):
 *     arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/2
 *   Image Builder workflow execution with 34 steps (2 pages of 25):
 *     wf-7c1e4b2a-9d3f-4e8a-b6c5-2f0a1d9e8b74
 *   Failed workflow execution (FAILED step, rollback COMPLETED, later steps SKIPPED):
 *     wf-d2a94f61-0b7e-4c35-9e18-6a4c3b2f7d90
 *   Image pipeline (a run creates image/web-server/1.2.0/3; its AMIs go to two regions):
 *     arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server
 *   Container pipeline (images pushed to ECR in two regions):
 *     arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/api-service-container
 *   HealthImaging image set with 120 versions (3 pages of 50), region us-east-1:
 *     datastoreId 4f9e2c7a1b8d4e6f9a3c5b7d2e1f0a8c  imageSetId b3d8e1f4a7c2495e8d6b1a0f3c9e7d25
 *   AppStream images (us-east-1):
 *     AppStream-WinServer2019-02-09-2026 (PUBLIC)
 *       arn:aws:appstream:us-east-1::image/AppStream-WinServer2019-02-09-2026
 *     finance-desktop-win2022-2026-02 (PRIVATE, 5 applications)
 *       arn:aws:appstream:us-east-1:123456789012:image/finance-desktop-win2022-2026-02
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Application, Image, ResourceError } from "@aws-sdk/client-appstream";
import type { ImagePackage, WorkflowStepMetadata } from "@aws-sdk/client-imagebuilder";
import type {
  DatastoreStatus,
  DICOMTags,
  ImageSetProperties,
  StorageTier,
} from "@aws-sdk/client-medical-imaging";

// ---------------------------------------------------------------------------------------------
// Fixture types: the SDK shapes, with every timestamp as an ISO 8601 string.
// ---------------------------------------------------------------------------------------------

type FixturePackage = Required<ImagePackage>;

interface FixtureImage {
  arn: string;
  packages: FixturePackage[];
  // Optional members of GetImage's Image; the emulator generates what is left out.
  tags?: Record<string, string>;
  distributionConfiguration?: {
    name: string;
    description?: string;
    timeoutMinutes: number;
    distributions: {
      region: string;
      amiDistributionConfiguration?: { name?: string; amiTags?: Record<string, string> };
      containerDistributionConfiguration?: {
        containerTags?: string[];
        targetRepository: { service: "ECR"; repositoryName: string };
      };
    }[];
  };
}

interface FixturePipeline {
  arn: string;
  imageName: string;
  semanticVersion: string;
  packages: FixturePackage[];
  containerRecipeArn?: string;
  tags?: Record<string, string>;
  imageTags?: Record<string, string>;
  name?: string;
  description?: string;
  platform?: "Linux" | "Windows" | "macOS";
  status?: "ENABLED" | "DISABLED";
  schedule?: {
    scheduleExpression: string;
    timezone: string;
    pipelineExecutionStartCondition:
      | "EXPRESSION_MATCH_ONLY"
      | "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE";
  };
  dateCreated?: string;
  dateUpdated?: string;
  dateNextRun?: string;
  buildOutcome?: "AVAILABLE" | "FAILED";
}

/** WorkflowStepMetadata already models startTime/endTime as strings. */
type FixtureStep = WorkflowStepMetadata;

interface FixtureWorkflowExecution {
  workflowExecutionId: string;
  region: string;
  imageBuildVersionArn: string;
  workflowBuildVersionArn: string;
  message: string;
  steps: FixtureStep[];
}

type FixtureImageSetVersion = Omit<
  ImageSetProperties,
  "imageSetId" | "createdAt" | "updatedAt" | "deletedAt"
> & {
  imageSetId?: string;
  createdAt?: string;
  updatedAt?: string;
  deletedAt?: string;
};

interface FixtureImageSet {
  imageSetId: string;
  versions: FixtureImageSetVersion[];
  DICOMTags?: DICOMTags;
  storageTier?: StorageTier;
  lastAccessedAt?: string;
}

interface FixtureDatastore {
  datastoreId: string;
  region: string;
  accountId?: string;
  datastoreName?: string;
  datastoreStatus?: DatastoreStatus;
  createdAt?: string;
  updatedAt?: string;
  imageSets: FixtureImageSet[];
}

type FixtureApplication = Omit<Application, "CreatedTime"> & { CreatedTime?: string };

type FixtureResourceError = Omit<ResourceError, "ErrorTimestamp"> & { ErrorTimestamp?: string };

type FixtureAppStreamImage = { region: string } & Omit<
  Image,
  "CreatedTime" | "PublicBaseImageReleasedDate" | "Applications" | "ImageErrors"
> & {
    CreatedTime?: string;
    PublicBaseImageReleasedDate?: string;
    Applications?: FixtureApplication[];
    ImageErrors?: FixtureResourceError[];
  };

interface Fixture {
  imageBuilder: {
    images: FixtureImage[];
    pipelines: FixturePipeline[];
    workflowExecutions: FixtureWorkflowExecution[];
  };
  medicalImaging: { datastores: FixtureDatastore[] };
  appStream: { images: FixtureAppStreamImage[] };
  accounts: Array<{ accountId: string; roles: Array<{ arn: string }> }>;
}

// ---------------------------------------------------------------------------------------------
// Constants and demo identifiers
// ---------------------------------------------------------------------------------------------

const SEED = "aws-image-graph/demo-fixture/v1";
const ACCOUNT = "123456789012";
/** Accounts that share AppStream images with ACCOUNT. */
const SHARED_SERVICES_ACCOUNT = "210987654321";
const VENDOR_ACCOUNT = "345678901234";
const US = "us-east-1";
const EU = "eu-west-1";

const DEMO = {
  packagesImageArn: `arn:aws:imagebuilder:${US}:${ACCOUNT}:image/web-server/1.2.0/2`,
  workflowExecutionId: "wf-7c1e4b2a-9d3f-4e8a-b6c5-2f0a1d9e8b74",
  failedWorkflowExecutionId: "wf-d2a94f61-0b7e-4c35-9e18-6a4c3b2f7d90",
  pipelineArn: `arn:aws:imagebuilder:${US}:${ACCOUNT}:image-pipeline/web-server`,
  containerPipelineArn: `arn:aws:imagebuilder:${US}:${ACCOUNT}:image-pipeline/api-service-container`,
  containerImageArn: `arn:aws:imagebuilder:${US}:${ACCOUNT}:image/api-service/1.4.0/2`,
  datastoreId: "4f9e2c7a1b8d4e6f9a3c5b7d2e1f0a8c",
  imageSetId: "b3d8e1f4a7c2495e8d6b1a0f3c9e7d25",
  publicAppStreamImage: "AppStream-WinServer2019-02-09-2026",
  privateAppStreamImage: "finance-desktop-win2022-2026-02",
} as const;

const OUTPUT_FILE = fileURLToPath(new URL("../fixtures/demo.json", import.meta.url));

// ---------------------------------------------------------------------------------------------
// Deterministic randomness and time helpers
// ---------------------------------------------------------------------------------------------

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32, seeded per label so that editing one section does not reshuffle the others. */
class Rng {
  private state: number;

  constructor(label: string) {
    this.state = fnv1a(`${SEED}/${label}`);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }

  hex(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += "0123456789abcdef".charAt(Math.floor(this.next() * 16));
    return out;
  }

  /** A version 4 UUID. */
  uuid(): string {
    const variant = "89ab".charAt(Math.floor(this.next() * 4));
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }

  /** `count` distinct items, in their original order. */
  sample<T>(items: readonly T[], count: number): T[] {
    if (count > items.length) throw new Error(`cannot sample ${count} of ${items.length}`);
    const indexes = items.map((_, i) => i);
    for (let i = indexes.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = at(indexes, i);
      indexes[i] = at(indexes, j);
      indexes[j] = tmp;
    }
    return indexes
      .slice(0, count)
      .sort((a, b) => a - b)
      .map((i) => at(items, i));
  }
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`index ${index} out of range (length ${items.length})`);
  return item;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function utc(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`bad date ${text}`);
  return ms;
}

/** ISO 8601, whole seconds, `Z`: 2026-03-01T12:00:00Z */
function iso(ms: number): string {
  return new Date(Math.floor(ms / SECOND) * SECOND).toISOString().replace(/\.000Z$/, "Z");
}

// ---------------------------------------------------------------------------------------------
// EC2 Image Builder
// ---------------------------------------------------------------------------------------------

/** [packageName, current version, version in older builds (when it differs)] */
type CatalogEntry = readonly [name: string, version: string, previous?: string];

/** Amazon Linux 2023 packages as SSM Inventory reports them, alphabetical. */
const AL2023_BASE: readonly CatalogEntry[] = [
  ["acl", "2.3.1-2.amzn2023.0.2"],
  ["amazon-ec2-net-utils", "2.5.1-1.amzn2023.0.1"],
  ["amazon-linux-repo-cdn", "2023.6.20250203-0.amzn2023", "2023.5.20240805-0.amzn2023"],
  ["amazon-ssm-agent", "3.3.1611.0-1.amzn2023", "3.3.1142.0-1.amzn2023"],
  ["audit-libs", "3.0.6-1.amzn2023.0.2"],
  ["bash", "5.2.15-1.amzn2023.0.2"],
  ["binutils", "2.39-6.amzn2023.0.10", "2.39-6.amzn2023.0.9"],
  ["bzip2-libs", "1.0.8-6.amzn2023.0.2"],
  ["ca-certificates", "2024.2.69_v8.0.401-1.0.amzn2023.0.1", "2023.2.68-1.0.amzn2023.0.1"],
  ["chrony", "4.3-1.amzn2023.0.4"],
  ["cloud-init", "22.2.2-1.amzn2023.1.14", "22.2.2-1.amzn2023.1.12"],
  ["coreutils", "8.32-30.amzn2023.0.3"],
  ["cronie", "1.5.7-1.amzn2023.0.2"],
  ["cryptsetup-libs", "2.6.1-1.amzn2023.0.1"],
  ["curl", "8.5.0-1.amzn2023.0.4", "8.3.0-1.amzn2023.0.2"],
  ["cyrus-sasl-lib", "2.1.27-18.amzn2023.0.3"],
  ["dbus", "1.12.28-1.amzn2023.0.1"],
  ["dnf", "4.14.0-1.amzn2023.0.5"],
  ["e2fsprogs", "1.46.5-2.amzn2023.0.2"],
  ["ec2-utils", "2.2.0-1.amzn2023.0.1"],
  ["elfutils-libelf", "0.188-3.amzn2023.0.2"],
  ["expat", "2.5.0-1.amzn2023.0.4", "2.5.0-1.amzn2023.0.3"],
  ["file-libs", "5.39-7.amzn2023.0.4"],
  ["findutils", "4.8.0-2.amzn2023.0.2"],
  ["gawk", "5.1.0-3.amzn2023.0.3"],
  ["glib2", "2.74.7-689.amzn2023.0.2", "2.74.7-689.amzn2023.0.1"],
  ["glibc", "2.34-117.amzn2023.0.1", "2.34-52.amzn2023.0.11"],
  ["glibc-common", "2.34-117.amzn2023.0.1", "2.34-52.amzn2023.0.11"],
  ["gnupg2-minimal", "2.3.7-1.amzn2023.0.4"],
  ["gnutls", "3.8.0-378.amzn2023.0.1"],
  ["grep", "3.8-1.amzn2023.0.4"],
  ["grub2-common", "2.06-61.amzn2023.0.9"],
  ["gzip", "1.12-1.amzn2023.0.1"],
  ["hostname", "3.23-4.amzn2023.0.2"],
  ["iproute", "5.10.0-2.amzn2023.0.5"],
  ["iptables-libs", "1.8.8-3.amzn2023.0.2"],
  ["jq", "1.7.1-1.amzn2023.0.1", "1.6-10.amzn2023.0.2"],
  ["kernel", "6.1.127-135.201.amzn2023", "6.1.102-111.182.amzn2023"],
  ["keyutils-libs", "1.6.3-1.amzn2023.0.1"],
  ["kmod", "29-2.amzn2023.0.5"],
  ["krb5-libs", "1.21.3-1.amzn2023.0.1", "1.21-3.amzn2023.0.4"],
  ["less", "608-2.amzn2023.0.2"],
  ["libcap", "2.48-2.amzn2023.0.3"],
  ["libcurl", "8.5.0-1.amzn2023.0.4", "8.3.0-1.amzn2023.0.2"],
  ["libgcc", "11.4.1-2.amzn2023.0.2"],
  ["libselinux", "3.4-5.amzn2023.0.2"],
  ["libstdc++", "11.4.1-2.amzn2023.0.2"],
  ["libxml2", "2.10.4-1.amzn2023.0.6", "2.10.4-1.amzn2023.0.5"],
  ["logrotate", "3.20.1-2.amzn2023.0.3"],
  ["lz4-libs", "1.9.4-1.amzn2023.0.2"],
  ["ncurses-libs", "6.2-4.20200222.amzn2023.0.6"],
  ["nss", "3.101.0-1.amzn2023", "3.90.0-3.amzn2023.0.4"],
  ["openssh", "8.7p1-8.amzn2023.0.13", "8.7p1-8.amzn2023.0.11"],
  ["openssh-server", "8.7p1-8.amzn2023.0.13", "8.7p1-8.amzn2023.0.11"],
  ["openssl", "3.0.13-1.amzn2023.0.1", "3.0.8-1.amzn2023.0.14"],
  ["openssl-libs", "3.0.13-1.amzn2023.0.1", "3.0.8-1.amzn2023.0.14"],
  ["pam", "1.5.1-8.amzn2023.0.3"],
  ["pcre2", "10.40-1.amzn2023.0.3"],
  ["procps-ng", "3.3.17-1.amzn2023.0.2"],
  ["python3", "3.9.20-1.amzn2023.0.3", "3.9.16-1.amzn2023.0.9"],
  ["python3-libs", "3.9.20-1.amzn2023.0.3", "3.9.16-1.amzn2023.0.9"],
  ["readline", "8.1-2.amzn2023.0.2"],
  ["rpm", "4.16.1.3-29.amzn2023.0.6"],
  ["rsyslog", "8.2204.0-3.amzn2023.0.4"],
  ["sed", "4.8-7.amzn2023.0.2"],
  ["shadow-utils", "4.9-12.amzn2023.0.4"],
  ["sqlite-libs", "3.40.0-1.amzn2023.0.4"],
  ["sudo", "1.9.15-1.p5.amzn2023.0.1", "1.9.13-1.p3.amzn2023.0.1"],
  ["systemd", "252.23-2.amzn2023", "252.16-1.amzn2023.0.2"],
  ["systemd-libs", "252.23-2.amzn2023", "252.16-1.amzn2023.0.2"],
  ["tar", "1.34-1.amzn2023.0.4"],
  ["tzdata", "2024b-1.amzn2023.0.1", "2024a-1.amzn2023.0.1"],
  ["util-linux", "2.37.4-1.amzn2023.0.4"],
  ["vim-minimal", "9.1.083-1.amzn2023.0.1", "9.0.2153-1.amzn2023.0.1"],
  ["xfsprogs", "5.18.0-2.amzn2023.0.4"],
  ["xz-libs", "5.2.5-9.amzn2023.0.2"],
  ["zlib", "1.2.11-33.amzn2023.0.5"],
  ["zstd", "1.5.5-1.amzn2023.0.1"],
];

const WEB_EXTRAS: readonly CatalogEntry[] = [
  ["amazon-cloudwatch-agent", "1.300049.1-1.amzn2023", "1.300044.0-1.amzn2023"],
  ["brotli", "1.0.9-4.amzn2023.0.2"],
  ["libuv", "1.47.0-1.amzn2023.0.2"],
  ["nginx", "1.24.0-1.amzn2023.0.4", "1.24.0-1.amzn2023.0.2"],
  ["nginx-core", "1.24.0-1.amzn2023.0.4", "1.24.0-1.amzn2023.0.2"],
  ["nginx-filesystem", "1.24.0-1.amzn2023.0.4", "1.24.0-1.amzn2023.0.2"],
  ["nginx-mimetypes", "2.1.49-3.amzn2023.0.3"],
  ["nodejs", "18.20.4-1.amzn2023.0.1", "18.18.2-1.amzn2023.0.1"],
  ["nodejs-libs", "18.20.4-1.amzn2023.0.1", "18.18.2-1.amzn2023.0.1"],
  ["nodejs-npm", "10.7.0-1.18.20.4.1.amzn2023.0.1", "9.8.1-1.18.18.2.1.amzn2023.0.1"],
];

const DATA_EXTRAS: readonly CatalogEntry[] = [
  ["containerd", "1.7.23-1.amzn2023.0.1"],
  ["docker", "25.0.6-1.amzn2023.0.2"],
  ["git", "2.40.1-1.amzn2023.0.3"],
  ["java-17-amazon-corretto-headless", "17.0.13+11-1.amzn2023.1"],
  ["libpq", "16.4-1.amzn2023.0.1"],
  ["postgresql15", "15.8-1.amzn2023.0.1"],
  ["python3-pip", "21.3.1-2.amzn2023.0.9"],
  ["python3-setuptools", "59.6.0-2.amzn2023.0.5"],
  ["runc", "1.1.14-1.amzn2023.0.1"],
];

const HARDENING_EXTRAS: readonly CatalogEntry[] = [
  ["aide", "0.16-100.amzn2023.0.4"],
  ["audit", "3.0.6-1.amzn2023.0.2"],
  ["crypto-policies-scripts", "20220428-1.gitdfb10ea.amzn2023.0.2"],
  ["fapolicyd", "1.3.2-100.amzn2023.0.3"],
  ["openscap", "1.3.10-1.amzn2023.0.1"],
  ["openscap-scanner", "1.3.10-1.amzn2023.0.1"],
  ["policycoreutils", "3.4-6.amzn2023.0.2"],
  ["rsyslog-gnutls", "8.2204.0-3.amzn2023.0.4"],
  ["scap-security-guide", "0.1.73-1.amzn2023.0.1"],
  ["selinux-policy-targeted", "37.22-1.amzn2023.0.1"],
  ["usbguard", "1.1.0-100.amzn2023.0.2"],
];

function byName(a: CatalogEntry, b: CatalogEntry): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/**
 * Picks `count` packages from the pools (always including `required`), alphabetical by name.
 * `older` builds get the previous version of packages that have one.
 */
function packageList(
  label: string,
  pools: readonly (readonly CatalogEntry[])[],
  count: number,
  options: { required?: readonly string[]; older?: boolean } = {},
): FixturePackage[] {
  const rng = new Rng(`packages/${label}`);
  const pool = pools.flat().sort(byName);
  const required = new Set(options.required ?? []);
  const must = pool.filter((entry) => required.has(entry[0]));
  if (must.length !== required.size) throw new Error(`${label}: unknown required package`);
  const rest = pool.filter((entry) => !required.has(entry[0]));
  const chosen = [...must, ...rng.sample(rest, count - must.length)].sort(byName);
  return chosen.map(([packageName, version, previous]) => ({
    packageName,
    packageVersion: options.older && previous !== undefined ? previous : version,
  }));
}

function imageArn(region: string, owner: string, name: string, version: string, build: number) {
  return `arn:aws:imagebuilder:${region}:${owner}:image/${name}/${version}/${build}`;
}

const WEB_CORE = [
  "curl",
  "glibc",
  "kernel",
  "nginx",
  "nginx-core",
  "openssh",
  "openssh-server",
  "openssl",
  "python3",
  "systemd",
];

/** web-server's AMIs go to two regions, so its builds show one AMI in each. */
const WEB_DISTRIBUTION: FixtureImage["distributionConfiguration"] = {
  name: "web-server-us",
  description: "web-server AMIs for the US fleets",
  timeoutMinutes: 360,
  distributions: [
    {
      region: US,
      amiDistributionConfiguration: {
        name: "web-server {{ imagebuilder:buildDate }}",
        amiTags: { app: "web-server" },
      },
    },
    {
      region: "us-west-2",
      amiDistributionConfiguration: {
        name: "web-server {{ imagebuilder:buildDate }}",
        amiTags: { app: "web-server" },
      },
    },
  ],
};

const WEB_TAGS = { team: "web-platform", "cost-center": "4411" };

/** The container pipeline's image goes to ECR in two regions. */
const API_SERVICE_DISTRIBUTION: FixtureImage["distributionConfiguration"] = {
  name: "api-service-ecr",
  timeoutMinutes: 120,
  distributions: [US, "us-west-2"].map((region) => ({
    region,
    containerDistributionConfiguration: {
      containerTags: ["latest", "1.4.0"],
      targetRepository: { service: "ECR" as const, repositoryName: "api-service" },
    },
  })),
};

function buildImageBuilderImages(): FixtureImage[] {
  const web = [AL2023_BASE, WEB_EXTRAS];
  const data = [AL2023_BASE, DATA_EXTRAS];
  const hardened = [AL2023_BASE, HARDENING_EXTRAS];
  return [
    {
      arn: imageArn(US, ACCOUNT, "web-server", "1.0.0", 1),
      packages: packageList("web-1.0.0-1", web, 38, { required: WEB_CORE, older: true }),
    },
    {
      arn: imageArn(US, ACCOUNT, "web-server", "1.2.0", 1),
      packages: packageList("web-1.2.0-1", web, 41, { required: WEB_CORE, older: true }),
      tags: WEB_TAGS,
      distributionConfiguration: WEB_DISTRIBUTION,
    },
    {
      arn: DEMO.packagesImageArn,
      packages: packageList("web-1.2.0-2", web, 64, { required: WEB_CORE }),
      tags: WEB_TAGS,
      distributionConfiguration: WEB_DISTRIBUTION,
    },
    {
      arn: imageArn(US, ACCOUNT, "api-gateway-base", "2.1.0", 1),
      packages: packageList("api-2.1.0-1", [AL2023_BASE], 25, {
        required: ["amazon-ssm-agent", "ca-certificates", "curl", "openssl", "systemd"],
      }),
    },
    {
      arn: imageArn(US, ACCOUNT, "data-pipeline-worker", "0.9.3", 1),
      packages: [{ packageName: "python3", packageVersion: "3.9.16-1.amzn2023.0.9" }],
    },
    // Build 2 failed before inventory collection: no packages.
    { arn: imageArn(US, ACCOUNT, "data-pipeline-worker", "0.9.3", 2), packages: [] },
    {
      arn: imageArn(US, "aws", "amazon-linux-2023-x86", "2025.2.10", 1),
      packages: packageList("al2023-aws", [AL2023_BASE], 30, {
        required: ["glibc", "kernel", "openssl", "systemd"],
      }),
    },
    {
      arn: imageArn(EU, ACCOUNT, "hardened-al2023", "3.0.0", 1),
      packages: packageList("hardened-3.0.0-1", hardened, 40, { older: true }),
    },
    {
      arn: imageArn(EU, ACCOUNT, "hardened-al2023", "3.0.1", 1),
      packages: packageList("hardened-3.0.1-1", hardened, 44, { older: true }),
    },
    {
      arn: imageArn(EU, ACCOUNT, "hardened-al2023", "3.0.1", 2),
      packages: packageList("hardened-3.0.1-2", hardened, 46, {
        required: ["aide", "audit", "openscap-scanner", "kernel", "openssl"],
      }),
    },
    {
      arn: imageArn(EU, ACCOUNT, "data-pipeline-worker", "1.0.0", 1),
      packages: packageList("data-1.0.0-1", data, 26, { required: ["docker", "python3"] }),
    },
    // The container pipeline's builds: the packages of a slim Amazon Linux container image.
    {
      arn: imageArn(US, ACCOUNT, "api-service", "1.4.0", 1),
      packages: packageList("api-service-1.4.0-1", [AL2023_BASE], 18, {
        required: ["ca-certificates", "openssl"],
        older: true,
      }),
      distributionConfiguration: API_SERVICE_DISTRIBUTION,
    },
    {
      arn: DEMO.containerImageArn,
      packages: packageList("api-service-1.4.0-2", [AL2023_BASE], 19, {
        required: ["ca-certificates", "openssl"],
      }),
      distributionConfiguration: API_SERVICE_DISTRIBUTION,
    },
  ];
}

/** Each pipeline lines up with existing image build versions, so a run creates the next build. */
function buildPipelines(images: FixtureImage[]): FixturePipeline[] {
  const packagesOf = (arn: string) => {
    const image = images.find((candidate) => candidate.arn === arn);
    if (!image) throw new Error(`no image ${arn}`);
    return image.packages.map((p) => ({ ...p }));
  };
  const pipelineArn = (region: string, name: string) =>
    `arn:aws:imagebuilder:${region}:${ACCOUNT}:image-pipeline/${name}`;
  // The next web-server build picks up a newer kernel and tzdata.
  const webPackages = packagesOf(DEMO.packagesImageArn).map((p) =>
    p.packageName === "kernel"
      ? { ...p, packageVersion: "6.1.128-136.201.amzn2023" }
      : p.packageName === "tzdata"
        ? { ...p, packageVersion: "2025a-1.amzn2023.0.1" }
        : p,
  );
  return [
    {
      arn: DEMO.pipelineArn,
      imageName: "web-server",
      semanticVersion: "1.2.0",
      packages: webPackages,
      name: "web-server",
      description: "Weekly nginx web server image on Amazon Linux 2023",
      tags: { team: "web-platform" },
      imageTags: WEB_TAGS,
      platform: "Linux",
      status: "ENABLED",
      schedule: {
        scheduleExpression: "cron(0 4 ? * MON *)",
        timezone: "Etc/UTC",
        pipelineExecutionStartCondition: "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE",
      },
      dateCreated: "2025-11-04T09:12:41.000Z",
      dateUpdated: "2026-01-20T15:02:07.000Z",
      dateNextRun: "2026-03-02T04:00:00.000Z",
    },
    {
      arn: pipelineArn(US, "api-gateway-base"),
      imageName: "api-gateway-base",
      semanticVersion: "2.1.0",
      packages: packagesOf(imageArn(US, ACCOUNT, "api-gateway-base", "2.1.0", 1)),
      name: "api-gateway-base",
      description: "Base image for the API gateway fleet, built by hand before each release",
      platform: "Linux",
      status: "ENABLED",
      dateCreated: "2025-12-15T11:40:00.000Z",
    },
    {
      arn: pipelineArn(US, "data-pipeline-worker-nightly"),
      imageName: "data-pipeline-worker",
      semanticVersion: "0.9.3",
      packages: packageList("data-0.9.3-pipeline", [AL2023_BASE, DATA_EXTRAS], 33, {
        required: ["docker", "java-17-amazon-corretto-headless", "python3"],
      }),
      name: "data-pipeline-worker-nightly",
      description: "Nightly data pipeline worker; its component test is currently failing",
      platform: "Linux",
      status: "ENABLED",
      schedule: {
        scheduleExpression: "cron(0 2 * * ? *)",
        timezone: "America/New_York",
        pipelineExecutionStartCondition: "EXPRESSION_MATCH_ONLY",
      },
      dateCreated: "2026-01-08T18:25:13.000Z",
      dateNextRun: "2026-03-02T07:00:00.000Z",
      // Runs started from the gateway fail too, so the demo shows a failing build live.
      buildOutcome: "FAILED",
    },
    {
      arn: pipelineArn(US, "windows-bastion"),
      imageName: "windows-bastion",
      semanticVersion: "1.0.0",
      packages: [],
      name: "windows-bastion",
      description: "Windows Server bastion host, paused until the new AMI policy lands",
      platform: "Windows",
      status: "DISABLED",
      schedule: {
        scheduleExpression: "cron(30 1 1 * ? *)",
        timezone: "Europe/London",
        pipelineExecutionStartCondition: "EXPRESSION_MATCH_ONLY",
      },
      dateCreated: "2026-02-02T10:00:00.000Z",
    },
    {
      arn: pipelineArn(EU, "hardened-al2023"),
      imageName: "hardened-al2023",
      semanticVersion: "3.0.1",
      packages: packagesOf(imageArn(EU, ACCOUNT, "hardened-al2023", "3.0.1", 2)),
      name: "hardened-al2023",
      description: "CIS-hardened Amazon Linux 2023, monthly",
      platform: "Linux",
      status: "ENABLED",
      schedule: {
        scheduleExpression: "cron(0 6 1 * ? *)",
        timezone: "Europe/Dublin",
        pipelineExecutionStartCondition: "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE",
      },
      dateCreated: "2025-10-01T08:00:00.000Z",
      dateUpdated: "2026-02-01T06:45:10.000Z",
      dateNextRun: "2026-03-01T06:00:00.000Z",
    },
    {
      arn: DEMO.containerPipelineArn,
      imageName: "api-service",
      semanticVersion: "1.4.0",
      // The next container build picks up a newer openssl.
      packages: packagesOf(DEMO.containerImageArn).map((p) =>
        p.packageName === "openssl" ? { ...p, packageVersion: "3.0.8-1.amzn2023.0.20" } : p,
      ),
      containerRecipeArn: `arn:aws:imagebuilder:${US}:${ACCOUNT}:container-recipe/api-service/1.4.0`,
      name: "api-service-container",
      description: "Container image of the API service, pushed to ECR in two regions",
      platform: "Linux",
      status: "ENABLED",
      tags: { team: "api" },
      dateCreated: "2026-01-12T09:30:00.000Z",
    },
  ];
}

// --- workflow executions -----------------------------------------------------------------------

/** [component name, owner ("aws" = Amazon-managed), version] */
type Component = readonly [name: string, owner: "aws" | "self", version: string];

const WEB_COMPONENTS: readonly Component[] = [
  ["update-linux", "aws", "1.0.2"],
  ["reboot-linux", "aws", "1.0.1"],
  ["aws-cli-version-2-linux", "aws", "1.0.4"],
  ["amazon-cloudwatch-agent-linux", "aws", "1.0.1"],
  ["python-3-linux", "aws", "1.0.2"],
  ["chrony-time-configuration", "self", "1.1.0"],
  ["app-user-setup", "self", "1.0.3"],
  ["nginx-install", "self", "2.0.1"],
  ["nginx-config-hardening", "self", "2.0.0"],
  ["tls-ca-bundle", "self", "1.4.0"],
  ["nodejs-18-runtime", "self", "1.2.0"],
  ["pm2-process-manager", "self", "1.0.2"],
  ["node-exporter", "self", "1.3.0"],
  ["fluent-bit-logging", "self", "1.1.1"],
  ["logrotate-config", "self", "1.0.0"],
  ["sshd-hardening", "self", "1.2.0"],
  ["kernel-sysctl-tuning", "self", "1.0.4"],
  ["selinux-enforcing", "self", "1.0.0"],
  ["codedeploy-agent", "self", "1.1.0"],
  ["ssm-session-logging", "self", "1.0.1"],
  ["app-config-fetch", "self", "3.1.0"],
  ["health-check-endpoint", "self", "1.0.0"],
  ["cis-benchmark-level1", "self", "2.0.0"],
  ["cleanup-package-cache", "self", "1.0.0"],
];

const API_COMPONENTS: readonly Component[] = [
  ["update-linux", "aws", "1.0.2"],
  ["aws-cli-version-2-linux", "aws", "1.0.4"],
  ["amazon-cloudwatch-agent-linux", "aws", "1.0.1"],
  ["envoy-proxy", "self", "1.30.2"],
  ["envoy-config", "self", "1.4.1"],
  ["tls-ca-bundle", "self", "1.4.0"],
  ["jwt-validator-plugin", "self", "0.8.0"],
  ["rate-limit-service", "self", "1.1.0"],
  ["otel-collector", "self", "0.98.0"],
  ["sshd-hardening", "self", "1.2.0"],
  ["kernel-sysctl-tuning", "self", "1.0.4"],
  ["ssm-session-logging", "self", "1.0.1"],
  ["health-check-endpoint", "self", "1.0.0"],
  ["cis-benchmark-level1", "self", "2.0.0"],
  ["cleanup-package-cache", "self", "1.0.0"],
];

const DATA_COMPONENTS: readonly Component[] = [
  ["update-linux", "aws", "1.0.2"],
  ["reboot-linux", "aws", "1.0.1"],
  ["aws-cli-version-2-linux", "aws", "1.0.4"],
  ["amazon-cloudwatch-agent-linux", "aws", "1.0.1"],
  ["python-3-linux", "aws", "1.0.2"],
  ["docker-ce-linux", "aws", "1.0.0"],
  ["corretto-17-jdk", "self", "1.0.1"],
  ["app-user-setup", "self", "1.0.3"],
  ["efs-utils", "self", "1.2.0"],
  ["postgresql15-client", "self", "1.0.0"],
  ["pip-requirements", "self", "0.9.3"],
  ["install-spark-runtime", "self", "3.5.1"],
  ["install-airflow-worker", "self", "2.9.3"],
  ["jdbc-drivers", "self", "1.1.0"],
  ["kernel-sysctl-tuning", "self", "1.0.4"],
  ["fluent-bit-logging", "self", "1.1.1"],
  ["ssm-session-logging", "self", "1.0.1"],
  ["sshd-hardening", "self", "1.2.0"],
  ["worker-healthcheck", "self", "1.0.0"],
  ["cleanup-package-cache", "self", "1.0.0"],
];

const HARDENED_COMPONENTS: readonly Component[] = [
  ["update-linux", "aws", "1.0.2"],
  ["reboot-linux", "aws", "1.0.1"],
  ["aws-cli-version-2-linux", "aws", "1.0.4"],
  ["amazon-cloudwatch-agent-linux", "aws", "1.0.1"],
  ["stig-build-linux-high", "aws", "2024.4.0"],
  ["fips-mode-enable", "self", "1.0.2"],
  ["crypto-policy-future", "self", "1.0.0"],
  ["aide-intrusion-detection", "self", "1.1.0"],
  ["auditd-rules-cis", "self", "2.0.1"],
  ["fapolicyd-allowlist", "self", "1.0.3"],
  ["usbguard-policy", "self", "1.0.0"],
  ["selinux-enforcing", "self", "1.0.0"],
  ["sshd-hardening", "self", "1.2.0"],
  ["pam-faillock", "self", "1.0.1"],
  ["password-policy", "self", "1.0.2"],
  ["login-banner", "self", "1.0.0"],
  ["disable-unused-filesystems", "self", "1.0.0"],
  ["kernel-sysctl-tuning", "self", "1.0.4"],
  ["rsyslog-forwarding-tls", "self", "1.1.0"],
  ["openscap-evaluation", "self", "1.2.0"],
  ["cleanup-package-cache", "self", "1.0.0"],
];

interface StepPlan {
  name: string;
  action: string;
  description: string;
  /** typical duration in seconds: [min, max] */
  seconds: readonly [number, number];
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  message: string;
  /** the rollback this step has when a later step fails */
  rollsBack?: boolean;
}

interface BuildContext {
  rng: Rng;
  region: string;
  imageName: string;
  packageCount: number;
  instanceType: string;
  parentAmi: string;
  /** build start, names the output AMI */
  start: string;
}

function ec2Id(rng: Rng, prefix: string, length = 17): string {
  return `${prefix}-${rng.hex(length)}`;
}

function componentArn(region: string, [name, owner, version]: Component): string {
  const account = owner === "aws" ? "aws" : ACCOUNT;
  return `arn:aws:imagebuilder:${region}:${account}:component/${name}/${version}/1`;
}

function buildWorkflowPlan(ctx: BuildContext, components: readonly Component[]): StepPlan[] {
  const { rng, region } = ctx;
  const instanceId = ec2Id(rng, "i");
  const amiId = ec2Id(rng, "ami");
  const subnetId = ec2Id(rng, "subnet");
  const securityGroupId = ec2Id(rng, "sg");
  const privateIp = `10.${rng.int(0, 40)}.${rng.int(0, 255)}.${rng.int(4, 250)}`;
  const command = (documentName: string, parameters: Record<string, unknown>) => ({
    inputs: { instanceId, documentName, parameters },
    outputs: { commandId: rng.uuid(), status: "Success", responseCode: 0 },
  });
  const pre: StepPlan[] = [
    {
      name: "LaunchBuildInstance",
      action: "LaunchInstance",
      description: "Launches the build instance from the parent image.",
      seconds: [90, 200],
      inputs: {
        parentImage: ctx.parentAmi,
        instanceType: ctx.instanceType,
        subnetId,
        securityGroupIds: [securityGroupId],
        instanceProfileName: "EC2InstanceProfileForImageBuilder",
      },
      outputs: { instanceId, privateIpAddress: privateIp },
      message: `Launched build instance ${instanceId} (${ctx.instanceType}).`,
      rollsBack: true,
    },
    {
      name: "WaitForSSMAgent",
      action: "WaitForSSMAgent",
      description: "Waits until the SSM Agent on the build instance reports Online.",
      seconds: [20, 90],
      inputs: { instanceId, timeoutSeconds: 900 },
      outputs: { pingStatus: "Online", agentVersion: "3.3.1611.0" },
      message: "SSM Agent is online.",
    },
    {
      name: "UpdateSSMAgent",
      action: "RunCommand",
      description: "Updates the SSM Agent to the latest version before running components.",
      seconds: [25, 70],
      ...command("AWS-UpdateSSMAgent", { allowDowngrade: "false" }),
      message: "SSM Agent is up to date.",
    },
  ];
  const apply: StepPlan[] = components.map((component) => {
    const [name, , version] = component;
    return {
      name: `ApplyBuildComponents-${name}`,
      action: "ExecuteComponents",
      description: `Runs the build phase of component ${name} ${version} on the build instance.`,
      seconds:
        name === "update-linux" ? [240, 480] : name.startsWith("reboot") ? [60, 150] : [20, 300],
      inputs: { instanceId, components: [{ componentArn: componentArn(region, component) }] },
      outputs: { commandId: rng.uuid(), status: "Success", exitCode: 0 },
      message: `Component ${name} ${version} completed.`,
    };
  });
  const post: StepPlan[] = [
    {
      name: "RunSanityChecks",
      action: "RunCommand",
      description: "Verifies that the build instance boots cleanly and its services are healthy.",
      seconds: [30, 90],
      ...command("AWS-RunShellScript", { commands: ["/opt/imagebuilder/sanity-checks.sh"] }),
      message: "All sanity checks passed.",
    },
    {
      name: "InventoryCollection",
      action: "CollectImageMetadata",
      description: "Collects the installed package inventory with SSM Inventory.",
      seconds: [40, 120],
      inputs: { instanceId },
      outputs: { packageCount: ctx.packageCount, inventoryType: "AWS:Application" },
      message: `Collected ${ctx.packageCount} packages.`,
    },
    {
      name: "SanitizeInstance",
      action: "SanitizeInstance",
      description: "Removes build-time credentials, logs and SSH host keys.",
      seconds: [15, 45],
      inputs: { instanceId },
      outputs: { status: "Success" },
      message: "Instance sanitized.",
    },
    {
      name: "CreateOutputAMI",
      action: "CreateImage",
      description: "Stops the build instance and creates the output AMI.",
      seconds: [360, 900],
      inputs: { instanceId, name: `${ctx.imageName} ${ctx.start.replace(/:/g, "-")}` },
      outputs: { imageId: amiId, rootDeviceSnapshotId: ec2Id(rng, "snap") },
      message: `Created ${amiId}.`,
      rollsBack: true,
    },
    {
      name: "TagOutputAMI",
      action: "ModifyImageAttributes",
      description: "Applies cost-allocation and provenance tags to the output AMI.",
      seconds: [3, 12],
      inputs: { imageId: amiId, tags: { Project: ctx.imageName, ManagedBy: "ImageBuilder" } },
      outputs: { imageId: amiId },
      message: "Tags applied.",
    },
    {
      name: "WaitForApproval",
      action: "WaitForAction",
      description: "Pauses until a release manager approves the new AMI.",
      seconds: [600, 5400],
      inputs: { message: `Approve promotion of ${amiId}`, timeoutSeconds: 86400 },
      outputs: { action: "RESUME", reason: "Approved by release-manager" },
      message: "Resumed by release-manager.",
    },
    {
      name: "TerminateBuildInstance",
      action: "TerminateInstance",
      description: "Terminates the build instance.",
      seconds: [20, 60],
      inputs: { instanceId },
      outputs: { currentState: "shutting-down" },
      message: `Terminated ${instanceId}.`,
    },
  ];
  return [...pre, ...apply, ...post];
}

type Outcome =
  | { kind: "completed" }
  | { kind: "failed"; stepIndex: number; message: string; outputs: Record<string, unknown> }
  | { kind: "cancelled"; stepIndex: number }
  | { kind: "running"; stepIndex: number };

/** Turns a plan into steps with increasing start/end times and statuses for the outcome. */
function runPlan(rng: Rng, plan: StepPlan[], startMs: number, outcome: Outcome): FixtureStep[] {
  let clock = startMs;
  const stopAt = outcome.kind === "completed" ? plan.length : outcome.stepIndex;
  return plan.map((step, index): FixtureStep => {
    const base = {
      stepExecutionId: `step-${rng.uuid()}`,
      name: step.name,
      description: step.description,
      action: step.action,
    };
    const inputs = JSON.stringify(step.inputs);
    if (index < stopAt) {
      const start = clock;
      const end = start + rng.int(step.seconds[0], step.seconds[1]) * SECOND;
      clock = end + rng.int(1, 6) * SECOND;
      const rolledBack = outcome.kind !== "completed" && outcome.kind !== "running";
      return {
        ...base,
        status: "COMPLETED",
        rollbackStatus: rolledBack && step.rollsBack ? "COMPLETED" : "SKIPPED",
        message: step.message,
        inputs,
        outputs: JSON.stringify(step.outputs),
        startTime: iso(start),
        endTime: iso(end),
      };
    }
    if (index === stopAt && outcome.kind === "failed") {
      const start = clock;
      const end = start + rng.int(step.seconds[0], step.seconds[1]) * SECOND;
      clock = end;
      return {
        ...base,
        status: "FAILED",
        rollbackStatus: "COMPLETED",
        message: outcome.message,
        inputs,
        outputs: JSON.stringify(outcome.outputs),
        startTime: iso(start),
        endTime: iso(end),
      };
    }
    if (index === stopAt && outcome.kind === "cancelled") {
      const start = clock;
      const end = start + rng.int(30, 90) * SECOND;
      clock = end;
      return {
        ...base,
        status: "CANCELLED",
        rollbackStatus: "SKIPPED",
        message: "Step cancelled: the workflow was cancelled by a user.",
        inputs,
        outputs: "{}",
        startTime: iso(start),
        endTime: iso(end),
      };
    }
    if (index === stopAt && outcome.kind === "running") {
      return {
        ...base,
        status: "RUNNING",
        rollbackStatus: "SKIPPED",
        message: "Step in progress.",
        inputs,
        outputs: "{}",
        startTime: iso(clock),
      };
    }
    if (outcome.kind === "running") {
      return {
        ...base,
        status: "PENDING",
        rollbackStatus: "SKIPPED",
        message: "",
        inputs,
        outputs: "{}",
      };
    }
    return {
      ...base,
      status: "SKIPPED",
      rollbackStatus: "SKIPPED",
      message: "Skipped because a previous step did not complete.",
      inputs,
      outputs: "{}",
    };
  });
}

function workflowArn(region: string, owner: string, type: string, name: string, version: string) {
  return `arn:aws:imagebuilder:${region}:${owner}:workflow/${type}/${name}/${version}/1`;
}

function packageCountOf(images: FixtureImage[], arn: string): number {
  const image = images.find((candidate) => candidate.arn === arn);
  if (!image) throw new Error(`no image ${arn}`);
  return image.packages.length;
}

function buildWorkflowExecutions(images: FixtureImage[]): FixtureWorkflowExecution[] {
  const executions: FixtureWorkflowExecution[] = [];

  // 1. The demo: a 34-step custom build workflow that completed.
  {
    const rng = new Rng("wf/web-server-1.2.0-2-build");
    const plan = buildWorkflowPlan(
      {
        rng,
        region: US,
        imageName: "web-server",
        packageCount: packageCountOf(images, DEMO.packagesImageArn),
        instanceType: "m6i.large",
        parentAmi: ec2Id(rng, "ami"),
        start: "2026-02-18T09:00:12Z",
      },
      WEB_COMPONENTS,
    );
    executions.push({
      workflowExecutionId: DEMO.workflowExecutionId,
      region: US,
      imageBuildVersionArn: DEMO.packagesImageArn,
      workflowBuildVersionArn: workflowArn(US, ACCOUNT, "build", "web-server-build", "2.0.0"),
      message: "Workflow completed successfully.",
      steps: runPlan(rng, plan, utc("2026-02-18T09:00:12Z"), { kind: "completed" }),
    });
  }

  // 2. A 3-step AWS-managed test workflow for the same image.
  {
    const rng = new Rng("wf/web-server-1.2.0-2-test");
    const instanceId = ec2Id(rng, "i");
    const plan: StepPlan[] = [
      {
        name: "LaunchTestInstance",
        action: "LaunchInstance",
        description: "Launches a test instance from the output AMI.",
        seconds: [80, 160],
        inputs: { imageId: ec2Id(rng, "ami"), instanceType: "t3.medium" },
        outputs: { instanceId },
        message: `Launched test instance ${instanceId}.`,
      },
      {
        name: "ApplyTestComponents",
        action: "ExecuteComponents",
        description: "Runs the test phase of every component in the recipe.",
        seconds: [180, 420],
        inputs: {
          instanceId,
          components: [
            { componentArn: componentArn(US, ["reboot-test-linux", "aws", "1.0.0"]) },
            { componentArn: componentArn(US, ["nginx-install", "self", "2.0.1"]) },
          ],
        },
        outputs: { commandId: rng.uuid(), status: "Success", testsPassed: 14, testsFailed: 0 },
        message: "14 of 14 tests passed.",
      },
      {
        name: "TerminateTestInstance",
        action: "TerminateInstance",
        description: "Terminates the test instance.",
        seconds: [20, 60],
        inputs: { instanceId },
        outputs: { currentState: "shutting-down" },
        message: `Terminated ${instanceId}.`,
      },
    ];
    executions.push({
      workflowExecutionId: `wf-${rng.uuid()}`,
      region: US,
      imageBuildVersionArn: DEMO.packagesImageArn,
      workflowBuildVersionArn: workflowArn(US, "aws", "test", "test-image", "1.0.0"),
      message: "Workflow completed successfully.",
      steps: runPlan(rng, plan, utc("2026-02-18T11:02:40Z"), { kind: "completed" }),
    });
  }

  // 3. Exactly 25 steps (one full page): the AWS-managed build workflow for api-gateway-base.
  {
    const rng = new Rng("wf/api-gateway-base-2.1.0-1-build");
    const arn = imageArn(US, ACCOUNT, "api-gateway-base", "2.1.0", 1);
    const plan = buildWorkflowPlan(
      {
        rng,
        region: US,
        imageName: "api-gateway-base",
        packageCount: packageCountOf(images, arn),
        instanceType: "c6i.large",
        parentAmi: ec2Id(rng, "ami"),
        start: "2026-01-27T15:30:05Z",
      },
      API_COMPONENTS,
    );
    executions.push({
      workflowExecutionId: `wf-${rng.uuid()}`,
      region: US,
      imageBuildVersionArn: arn,
      workflowBuildVersionArn: workflowArn(US, "aws", "build", "build-image", "1.0.2"),
      message: "Workflow completed successfully.",
      steps: runPlan(rng, plan, utc("2026-01-27T15:30:05Z"), { kind: "completed" }),
    });
  }

  // 4. A failed build: a component fails, the launch is rolled back, later steps are skipped.
  {
    const rng = new Rng("wf/data-pipeline-worker-0.9.3-2-build");
    const arn = imageArn(US, ACCOUNT, "data-pipeline-worker", "0.9.3", 2);
    const plan = buildWorkflowPlan(
      {
        rng,
        region: US,
        imageName: "data-pipeline-worker",
        packageCount: 0,
        instanceType: "r6i.xlarge",
        parentAmi: ec2Id(rng, "ami"),
        start: "2026-02-24T02:00:09Z",
      },
      DATA_COMPONENTS,
    );
    const stepIndex = plan.findIndex(
      (s) => s.name === "ApplyBuildComponents-install-spark-runtime",
    );
    executions.push({
      workflowExecutionId: DEMO.failedWorkflowExecutionId,
      region: US,
      imageBuildVersionArn: arn,
      workflowBuildVersionArn: workflowArn(US, ACCOUNT, "build", "data-worker-build", "1.1.0"),
      message:
        "Workflow failed at step ApplyBuildComponents-install-spark-runtime: component " +
        "install-spark-runtime 3.5.1 exited with code 1. The build instance was terminated during rollback.",
      steps: runPlan(rng, plan, utc("2026-02-24T02:00:09Z"), {
        kind: "failed",
        stepIndex,
        message:
          "Component install-spark-runtime 3.5.1 failed in phase build, step DownloadSparkDistribution: " +
          "curl: (22) The requested URL returned error: 404 (https://archive.apache.org/dist/spark/spark-3.5.1/spark-3.5.1-bin-hadoop3.tgz).",
        outputs: {
          commandId: rng.uuid(),
          status: "Failed",
          exitCode: 1,
          failedStep: "DownloadSparkDistribution",
          logUri: "s3://corp-imagebuilder-logs-123456789012/data-pipeline-worker/0.9.3/2/",
        },
      }),
    });
  }

  // 5. The eu-west-1 hardened build, 31 steps.
  const hardenedArn = imageArn(EU, ACCOUNT, "hardened-al2023", "3.0.1", 2);
  {
    const rng = new Rng("wf/hardened-al2023-3.0.1-2-build");
    const plan = buildWorkflowPlan(
      {
        rng,
        region: EU,
        imageName: "hardened-al2023",
        packageCount: packageCountOf(images, hardenedArn),
        instanceType: "m7i.large",
        parentAmi: ec2Id(rng, "ami"),
        start: "2026-02-20T22:15:31Z",
      },
      HARDENED_COMPONENTS,
    );
    executions.push({
      workflowExecutionId: `wf-${rng.uuid()}`,
      region: EU,
      imageBuildVersionArn: hardenedArn,
      workflowBuildVersionArn: workflowArn(EU, ACCOUNT, "build", "hardened-build", "3.0.0"),
      message: "Workflow completed successfully.",
      steps: runPlan(rng, plan, utc("2026-02-20T22:15:31Z"), { kind: "completed" }),
    });
  }

  // 6. A distribution workflow that is still waiting for approval (RUNNING, then PENDING).
  {
    const rng = new Rng("wf/hardened-al2023-3.0.1-2-distribution");
    const amiId = ec2Id(rng, "ami");
    const distribute = (region: string): StepPlan => ({
      name: `DistributeTo-${region}`,
      action: "DistributeImage",
      description: `Copies the output AMI to ${region}.`,
      seconds: [300, 900],
      inputs: { sourceImageId: amiId, targetRegion: region, kmsKeyId: "alias/ami-encryption" },
      outputs: { imageId: ec2Id(rng, "ami"), region },
      message: `Distributed to ${region}.`,
    });
    const share = (name: string, accounts: string[]): StepPlan => ({
      name,
      action: "ModifyImageAttributes",
      description: "Grants launch permission on the AMI and its snapshots.",
      seconds: [5, 20],
      inputs: { imageId: amiId, launchPermission: { add: accounts.map((userId) => ({ userId })) } },
      outputs: { imageId: amiId },
      message: `Shared with ${accounts.length} accounts.`,
    });
    const plan: StepPlan[] = [
      distribute("eu-central-1"),
      distribute("eu-north-1"),
      share("ShareWithWorkloadAccounts", ["111122223333", "444455556666"]),
      {
        name: "WaitForSecurityApproval",
        action: "WaitForAction",
        description: "Pauses until the security team approves production use.",
        seconds: [3600, 7200],
        inputs: { message: `Security sign-off for ${amiId}`, timeoutSeconds: 604800 },
        outputs: {},
        message: "",
      },
      share("ShareWithProductionAccounts", ["777788889999", "210987654321", "345678901234"]),
      {
        name: "TagDistributedAMIs",
        action: "ModifyImageAttributes",
        description: "Tags every distributed copy with its release channel.",
        seconds: [5, 20],
        inputs: { imageId: amiId, tags: { ReleaseChannel: "production" } },
        outputs: {},
        message: "",
      },
    ];
    executions.push({
      workflowExecutionId: `wf-${rng.uuid()}`,
      region: EU,
      imageBuildVersionArn: hardenedArn,
      workflowBuildVersionArn: workflowArn(
        EU,
        ACCOUNT,
        "distribution",
        "multi-region-distribution",
        "1.0.0",
      ),
      message: "Waiting for approval at step WaitForSecurityApproval.",
      steps: runPlan(rng, plan, utc("2026-02-21T00:05:12Z"), { kind: "running", stepIndex: 3 }),
    });
  }

  // 7. A test workflow cancelled by a user.
  {
    const rng = new Rng("wf/web-server-1.2.0-1-test");
    const instanceId = ec2Id(rng, "i");
    const plan: StepPlan[] = [
      {
        name: "LaunchTestInstance",
        action: "LaunchInstance",
        description: "Launches a test instance from the output AMI.",
        seconds: [80, 160],
        inputs: { imageId: ec2Id(rng, "ami"), instanceType: "t3.medium" },
        outputs: { instanceId },
        message: `Launched test instance ${instanceId}.`,
        rollsBack: true,
      },
      {
        name: "RunLoadTests",
        action: "RunCommand",
        description: "Runs a 30 minute k6 load test against nginx on the test instance.",
        seconds: [1500, 1800],
        inputs: { instanceId, documentName: "AWS-RunShellScript" },
        outputs: {},
        message: "",
      },
      {
        name: "ApplyTestComponents",
        action: "ExecuteComponents",
        description: "Runs the test phase of every component in the recipe.",
        seconds: [180, 420],
        inputs: { instanceId },
        outputs: {},
        message: "",
      },
      {
        name: "TerminateTestInstance",
        action: "TerminateInstance",
        description: "Terminates the test instance.",
        seconds: [20, 60],
        inputs: { instanceId },
        outputs: {},
        message: "",
      },
    ];
    executions.push({
      workflowExecutionId: `wf-${rng.uuid()}`,
      region: US,
      imageBuildVersionArn: imageArn(US, ACCOUNT, "web-server", "1.2.0", 1),
      workflowBuildVersionArn: workflowArn(US, ACCOUNT, "test", "web-server-load-test", "1.0.0"),
      message: "Workflow cancelled by user arn:aws:iam::123456789012:role/ReleaseManager.",
      steps: runPlan(rng, plan, utc("2026-01-20T16:44:03Z"), { kind: "cancelled", stepIndex: 1 }),
    });
  }

  return executions;
}

// ---------------------------------------------------------------------------------------------
// AWS HealthImaging
// ---------------------------------------------------------------------------------------------

const UPDATE_MESSAGES = [
  "Metadata updated: PatientName corrected",
  "Metadata updated: StudyDescription changed to CT CHEST W CONTRAST",
  "Metadata updated: AccessionNumber set by RIS reconciliation",
  "Series 1.2.840.113619.2.55.3 removed",
  "Instance 1.2.840.113619.2.55.3.41 removed from series 2",
  "Metadata updated: ReferringPhysicianName corrected",
  "Metadata updated: PatientBirthDate corrected",
  "Metadata updated: BodyPartExamined set to CHEST",
  "Metadata updated: InstitutionName normalized",
  "Series 3 moved from another image set",
];

interface VersionOptions {
  count: number;
  start: string;
  /** mean gap between versions, hours */
  gapHours: number;
  firstStatus: "CREATED" | "IMPORTED";
  /** versionId to forced workflow state */
  forced?: Record<number, "DELETED" | "LOCKED" | "COPIED" | "UPDATE_FAILED" | "COPY_FAILED">;
  randomMix: boolean;
}

function imageSetVersions(label: string, options: VersionOptions): FixtureImageSetVersion[] {
  const rng = new Rng(`imageSet/${label}`);
  const versions: FixtureImageSetVersion[] = [];
  let clock = utc(options.start);
  for (let n = 1; n <= options.count; n++) {
    const createdAt = clock;
    const updatedAt = createdAt + rng.int(4, 900) * SECOND;
    clock = updatedAt + Math.round(options.gapHours * HOUR * (0.3 + rng.next() * 1.4));
    const newest = n === options.count;
    const forcedKind = options.forced?.[n];
    let kind: string;
    if (n === 1) kind = options.firstStatus;
    else if (forcedKind !== undefined) kind = forcedKind;
    else if (newest || !options.randomMix) kind = "UPDATED";
    else {
      const roll = rng.next();
      kind =
        roll < 0.62
          ? "UPDATED"
          : roll < 0.74
            ? "COPIED"
            : roll < 0.86
              ? "DELETED"
              : roll < 0.92
                ? "LOCKED"
                : roll < 0.96
                  ? "UPDATE_FAILED"
                  : "COPY_FAILED";
    }
    const version: FixtureImageSetVersion = {
      versionId: String(n),
      imageSetState: "ACTIVE",
      ImageSetWorkflowStatus: "UPDATED",
      createdAt: iso(createdAt),
      updatedAt: iso(updatedAt),
      message: "",
    };
    switch (kind) {
      case "CREATED":
        version.ImageSetWorkflowStatus = "CREATED";
        version.message = `Image set created by import job ${rng.hex(32)}`;
        break;
      case "IMPORTED":
        version.ImageSetWorkflowStatus = "IMPORTED";
        version.message = `Import job ${rng.hex(32)} completed: ${rng.int(80, 2400)} instances in ${rng.int(1, 9)} series`;
        break;
      case "UPDATED":
        version.message = rng.pick(UPDATE_MESSAGES);
        if (rng.chance(0.12)) version.overrides = { forced: true };
        else if (rng.chance(0.08)) version.overrides = { forced: false };
        if (version.overrides?.forced) version.message += " (forced update)";
        break;
      case "COPIED":
        version.ImageSetWorkflowStatus = "COPIED";
        version.message = `Copied from image set ${rng.hex(32)} version ${rng.int(1, 40)}`;
        break;
      case "UPDATE_FAILED":
        version.ImageSetWorkflowStatus = "UPDATE_FAILED";
        version.message = "Update rejected: DICOM tag (0010,0020) PatientID cannot be changed";
        break;
      case "COPY_FAILED":
        version.ImageSetWorkflowStatus = "COPY_FAILED";
        version.message = "Copy failed: destination image set is LOCKED by another operation";
        break;
      case "LOCKED": {
        version.imageSetState = "LOCKED";
        const status = rng.pick(["UPDATING", "COPYING", "COPYING_WITH_READ_ONLY_ACCESS"] as const);
        version.ImageSetWorkflowStatus = status;
        version.message =
          status === "UPDATING" ? "Update in progress" : "Copy to another image set in progress";
        break;
      }
      case "DELETED": {
        const deletedAt = updatedAt + rng.int(1, 30) * DAY + rng.int(0, 86399) * SECOND;
        version.imageSetState = "DELETED";
        version.ImageSetWorkflowStatus = "DELETED";
        version.message = "Version deleted by retention policy: superseded by a newer version";
        version.deletedAt = iso(deletedAt);
        break;
      }
      default:
        throw new Error(`unknown kind ${kind}`);
    }
    versions.push(version);
  }
  return versions;
}

/** Patients whose studies the demo image sets hold; several have more than one. */
const DICOM_PATIENTS = [
  { id: "MRN-0042781", name: "GARCIA^ELENA", birth: "19670312", sex: "F" },
  { id: "MRN-0058213", name: "OKAFOR^DANIEL", birth: "19810927", sex: "M" },
  { id: "MRN-0061907", name: "LINDQVIST^ASTRID", birth: "19540604", sex: "F" },
  { id: "MRN-0073350", name: "NAKAMURA^KENJI", birth: "19900119", sex: "M" },
  { id: "MRN-0080466", name: "DUBOIS^CLAIRE", birth: "19751130", sex: "F" },
] as const;

const DICOM_STUDIES = [
  { modality: "CT", bodyPart: "CHEST", description: "CT CHEST W CONTRAST" },
  { modality: "MR", bodyPart: "BRAIN", description: "MRI BRAIN WO CONTRAST" },
  { modality: "CR", bodyPart: "CHEST", description: "XR CHEST 2 VIEWS" },
  { modality: "US", bodyPart: "ABDOMEN", description: "US ABDOMEN COMPLETE" },
  { modality: "PT", bodyPart: "WHOLEBODY", description: "PET CT WHOLE BODY" },
  { modality: "MR", bodyPart: "HEART", description: "CARDIAC MRI FUNCTION" },
] as const;

/** DICOM tags for every image set, as an import job would have found them in its P10 files. */
function describeImageSets(datastores: FixtureDatastore[]): void {
  const rng = new Rng("dicom-tags");
  let studyNumber = 1000;
  for (const store of datastores) {
    for (const set of store.imageSets) {
      const patient = rng.pick(DICOM_PATIENTS);
      const study = rng.pick(DICOM_STUDIES);
      const first = set.versions[0]?.createdAt ?? store.createdAt ?? "2026-01-05T09:00:00Z";
      const studyDay = new Date(utc(first) - rng.int(0, 3) * DAY);
      const studyDate = studyDay.toISOString().slice(0, 10).replaceAll("-", "");
      const studyTime = `${String(rng.int(7, 18)).padStart(2, "0")}${String(rng.int(0, 59)).padStart(2, "0")}${String(rng.int(0, 59)).padStart(2, "0")}`;
      studyNumber += rng.int(1, 40);
      const studyUid = `1.2.840.113619.2.55.3.${rng.int(100000, 999999)}.${studyNumber}`;
      const series = rng.int(1, 6);
      set.DICOMTags = {
        DICOMPatientId: patient.id,
        DICOMPatientName: patient.name,
        DICOMPatientBirthDate: patient.birth,
        DICOMPatientSex: patient.sex,
        DICOMStudyInstanceUID: studyUid,
        DICOMStudyId: `ST${studyNumber}`,
        DICOMStudyDescription: study.description,
        DICOMNumberOfStudyRelatedSeries: series,
        DICOMNumberOfStudyRelatedInstances: series * rng.int(20, 400),
        DICOMAccessionNumber: `ACC${rng.int(10000000, 99999999)}`,
        DICOMSeriesInstanceUID: `${studyUid}.${rng.int(1, series)}`,
        DICOMSeriesModality: study.modality,
        DICOMSeriesBodyPart: study.bodyPart,
        DICOMSeriesNumber: rng.int(1, series),
        DICOMStudyDate: studyDate,
        DICOMStudyTime: studyTime,
      };
      if (rng.chance(0.25)) set.storageTier = "ARCHIVE_INSTANT_ACCESS";
      const last = set.versions.at(-1)?.updatedAt;
      if (last !== undefined && rng.chance(0.6)) {
        set.lastAccessedAt = iso(utc(last) + rng.int(1, 20) * DAY + rng.int(0, 86399) * SECOND);
      }
    }
  }
}

/** Names, statuses and dates of the demo data stores, by id (the first two keep random ids). */
const DATASTORE_DETAILS: ReadonlyArray<
  Omit<FixtureDatastore, "datastoreId" | "region" | "imageSets">
> = [
  {
    datastoreName: "radiology-prod",
    datastoreStatus: "ACTIVE",
    createdAt: "2025-07-28T15:02:11Z",
    updatedAt: "2025-07-28T15:09:47Z",
  },
  {
    datastoreName: "eu-research-archive",
    datastoreStatus: "ACTIVE",
    createdAt: "2025-09-15T10:44:03Z",
    updatedAt: "2025-09-15T10:51:29Z",
  },
  {
    datastoreName: "cardiology-trials",
    datastoreStatus: "ACTIVE",
    createdAt: "2025-12-01T13:30:00Z",
    updatedAt: "2025-12-01T13:36:42Z",
  },
  {
    datastoreName: "pathology-staging",
    datastoreStatus: "CREATING",
    createdAt: "2026-02-28T16:20:05Z",
    updatedAt: "2026-02-28T16:20:05Z",
  },
];

function buildDatastores(): FixtureDatastore[] {
  const datastores = [...baseDatastores(), ...moreDatastores()];
  datastores.forEach((store, index) => {
    Object.assign(store, DATASTORE_DETAILS[index]);
  });
  describeImageSets(datastores);
  return datastores;
}

/** A second us-east-1 data store with a few image sets, and one still being created. */
function moreDatastores(): FixtureDatastore[] {
  const rng = new Rng("more-datastores");
  const id = () => rng.hex(32);
  const small = (label: string, count: number, start: string) => ({
    imageSetId: id(),
    versions: imageSetVersions(label, {
      count,
      start,
      gapHours: 30,
      firstStatus: "IMPORTED",
      randomMix: false,
    }),
  });
  return [
    {
      datastoreId: id(),
      region: US,
      imageSets: [
        small("cardio-4", 4, "2025-12-03T08:15:00Z"),
        small("cardio-2", 2, "2026-01-14T11:02:37Z"),
        small("cardio-1", 1, "2026-02-10T15:45:09Z"),
        small("cardio-6", 6, "2025-12-19T07:30:21Z"),
      ],
    },
    { datastoreId: id(), region: US, imageSets: [] },
  ];
}

function baseDatastores(): FixtureDatastore[] {
  const rng = new Rng("datastores");
  const id = () => rng.hex(32);
  return [
    {
      datastoreId: DEMO.datastoreId,
      region: US,
      imageSets: [
        {
          imageSetId: DEMO.imageSetId,
          versions: imageSetVersions("demo-120", {
            count: 120,
            start: "2025-08-04T13:21:07Z",
            gapHours: 36,
            firstStatus: "CREATED",
            forced: { 2: "DELETED", 3: "DELETED", 4: "DELETED", 60: "LOCKED", 119: "COPIED" },
            randomMix: true,
          }),
        },
        {
          imageSetId: id(),
          versions: imageSetVersions("us-50", {
            count: 50,
            start: "2025-11-12T08:02:44Z",
            gapHours: 20,
            firstStatus: "IMPORTED",
            randomMix: true,
          }),
        },
        {
          imageSetId: id(),
          versions: imageSetVersions("us-1", {
            count: 1,
            start: "2026-02-27T10:15:00Z",
            gapHours: 1,
            firstStatus: "CREATED",
            randomMix: false,
          }),
        },
        // An image set whose versions list is empty.
        { imageSetId: id(), versions: [] },
        {
          imageSetId: id(),
          versions: imageSetVersions("us-3", {
            count: 3,
            start: "2026-01-09T17:40:12Z",
            gapHours: 48,
            firstStatus: "IMPORTED",
            forced: { 2: "UPDATE_FAILED" },
            randomMix: false,
          }),
        },
      ],
    },
    {
      datastoreId: id(),
      region: EU,
      imageSets: [
        {
          imageSetId: id(),
          versions: imageSetVersions("eu-51", {
            count: 51,
            start: "2025-10-01T07:00:31Z",
            gapHours: 30,
            firstStatus: "CREATED",
            randomMix: true,
          }),
        },
        {
          imageSetId: id(),
          versions: imageSetVersions("eu-7", {
            count: 7,
            start: "2026-02-02T09:12:55Z",
            gapHours: 40,
            firstStatus: "IMPORTED",
            forced: { 4: "COPIED", 5: "DELETED" },
            randomMix: false,
          }),
        },
        {
          imageSetId: id(),
          versions: imageSetVersions("eu-1", {
            count: 1,
            start: "2026-02-25T14:48:20Z",
            gapHours: 1,
            firstStatus: "IMPORTED",
            randomMix: false,
          }),
        },
      ],
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// AppStream 2.0
// ---------------------------------------------------------------------------------------------

type Platform = NonNullable<Image["Platform"]>;

const AGENT_RELEASES = [
  "01-26-2024",
  "06-17-2024",
  "09-18-2024",
  "12-16-2024",
  "03-24-2025",
  "07-14-2025",
  "11-10-2025",
  "02-09-2026",
] as const;
const LATEST_AGENT = "02-09-2026";

const GENERAL = ["GENERAL_PURPOSE", "COMPUTE_OPTIMIZED", "MEMORY_OPTIMIZED"];

interface PublicFamily {
  prefix: string;
  display: string;
  platform: Platform;
  families: string[];
  kind: "windows" | "linux";
  releases: { region: string; dates: string[] }[];
}

/** Release dates are MM-DD-YYYY, as in AWS's public image names. */
const PUBLIC_FAMILIES: PublicFamily[] = [
  {
    prefix: "AppStream-WinServer2016",
    display: "Windows Server 2016 Base",
    platform: "WINDOWS_SERVER_2016",
    families: GENERAL,
    kind: "windows",
    releases: [{ region: US, dates: ["01-26-2024", "06-17-2024"] }],
  },
  {
    prefix: "AppStream-WinServer2019",
    display: "Windows Server 2019 Base",
    platform: "WINDOWS_SERVER_2019",
    families: GENERAL,
    kind: "windows",
    releases: [
      { region: US, dates: [...AGENT_RELEASES] },
      { region: EU, dates: ["02-09-2026"] },
    ],
  },
  {
    prefix: "AppStream-WinServer2022",
    display: "Windows Server 2022 Base",
    platform: "WINDOWS_SERVER_2022",
    families: GENERAL,
    kind: "windows",
    releases: [
      { region: US, dates: ["06-17-2024", "12-16-2024", "07-14-2025", "11-10-2025", "02-09-2026"] },
      { region: EU, dates: ["02-09-2026"] },
    ],
  },
  {
    prefix: "AppStream-WinServer2025",
    display: "Windows Server 2025 Base",
    platform: "WINDOWS_SERVER_2025",
    families: GENERAL,
    kind: "windows",
    releases: [{ region: US, dates: ["02-09-2026"] }],
  },
  {
    prefix: "AppStream-AmazonLinux2",
    display: "Amazon Linux 2 Base",
    platform: "AMAZON_LINUX2",
    families: GENERAL,
    kind: "linux",
    releases: [
      { region: US, dates: ["06-17-2024", "03-24-2025", "11-10-2025"] },
      { region: EU, dates: ["11-10-2025"] },
    ],
  },
  {
    prefix: "AppStream-RHEL8",
    display: "Red Hat Enterprise Linux 8 Base",
    platform: "RHEL8",
    families: GENERAL,
    kind: "linux",
    releases: [{ region: US, dates: ["12-16-2024", "07-14-2025"] }],
  },
  {
    prefix: "AppStream-RockyLinux8",
    display: "Rocky Linux 8 Base",
    platform: "ROCKY_LINUX8",
    families: GENERAL,
    kind: "linux",
    releases: [{ region: US, dates: ["07-14-2025"] }],
  },
  {
    prefix: "AppStream-UbuntuPro2404",
    display: "Ubuntu Pro 24.04 LTS Base",
    platform: "UBUNTU_PRO_2404",
    families: GENERAL,
    kind: "linux",
    releases: [{ region: US, dates: ["11-10-2025"] }],
  },
  {
    prefix: "AppStream-Graphics-G4dn-WinServer2019",
    display: "Graphics G4dn Windows Server 2019",
    platform: "WINDOWS_SERVER_2019",
    families: ["GRAPHICS_G4"],
    kind: "windows",
    releases: [{ region: US, dates: ["12-16-2024"] }],
  },
  {
    prefix: "AppStream-Graphics-G5-WinServer2022",
    display: "Graphics G5 Windows Server 2022",
    platform: "WINDOWS_SERVER_2022",
    families: ["GRAPHICS_G5"],
    kind: "windows",
    releases: [
      { region: US, dates: ["07-14-2025"] },
      { region: EU, dates: ["07-14-2025"] },
    ],
  },
];

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "06-17-2024" → epoch ms of 2024-06-17T00:00:00Z */
function releaseMs(mmddyyyy: string): number {
  const [mm, dd, yyyy] = mmddyyyy.split("-");
  return utc(`${yyyy}-${mm}-${dd}T00:00:00Z`);
}

function agentFor(mmddyyyy: string): string {
  const ms = releaseMs(mmddyyyy);
  let agent: string = at(AGENT_RELEASES, 0);
  for (const candidate of AGENT_RELEASES) if (releaseMs(candidate) <= ms) agent = candidate;
  return agent;
}

function appStreamArn(region: string, account: string, resource: string): string {
  return `arn:aws:appstream:${region}:${account}:${resource}`;
}

function buildPublicImages(): FixtureAppStreamImage[] {
  const rng = new Rng("appstream/public");
  const images: FixtureAppStreamImage[] = [];
  for (const region of [US, EU]) {
    for (const family of PUBLIC_FAMILIES) {
      const dates = family.releases.find((r) => r.region === region)?.dates ?? [];
      for (const date of dates) {
        const released = releaseMs(date);
        const month = MONTHS[new Date(released).getUTCMonth()];
        const year = new Date(released).getUTCFullYear();
        const agent = agentFor(date);
        const name = `${family.prefix}-${date}`;
        const updates =
          family.kind === "windows"
            ? `Windows updates through ${month} ${year}`
            : `security updates through ${month} ${year}`;
        images.push({
          region,
          Name: name,
          Arn: appStreamArn(region, "", `image/${name}`),
          DisplayName: `${family.display} - ${date}`,
          State: "AVAILABLE",
          Visibility: "PUBLIC",
          ImageBuilderSupported: true,
          Platform: family.platform,
          Description: `${family.display} with AppStream 2.0 agent ${agent} and ${updates}.`,
          Applications: [],
          CreatedTime: iso(released + rng.int(2, 20) * HOUR + rng.int(0, 3599) * SECOND),
          PublicBaseImageReleasedDate: iso(released),
          AppstreamAgentVersion: agent,
          LatestAppstreamAgentVersion: agent === LATEST_AGENT ? "TRUE" : "FALSE",
          SupportedInstanceFamilies: family.families,
          DynamicAppProvidersEnabled: "DISABLED",
          ImageSharedWithOthers: "FALSE",
          ManagedSoftwareIncluded: false,
          ImageType: "NATIVE",
        });
      }
    }
  }
  return images;
}

interface AppDef {
  display: string;
  launchPath: string;
  launchParameters?: string;
  workingDirectory: string;
  description: string;
  metadata: Record<string, string>;
  linux?: boolean;
}

const APPS: Record<string, AppDef> = {
  chrome: {
    display: "Google Chrome",
    launchPath: "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    launchParameters: "--no-first-run --disable-background-networking",
    workingDirectory: "C:\\Program Files\\Google\\Chrome\\Application",
    description: "Web browser for intranet and SaaS applications.",
    metadata: { Publisher: "Google LLC", Version: "133.0.6943.99", Category: "Browser" },
  },
  firefox: {
    display: "Mozilla Firefox ESR",
    launchPath: "C:\\Program Files\\Mozilla Firefox\\firefox.exe",
    launchParameters: "-private-window",
    workingDirectory: "C:\\Program Files\\Mozilla Firefox",
    description: "Web browser, extended support release.",
    metadata: { Publisher: "Mozilla", Version: "128.7.0esr", Category: "Browser" },
  },
  excel: {
    display: "Microsoft Excel",
    launchPath: "C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE",
    launchParameters: "/e",
    workingDirectory: "C:\\Users\\PhotonUser\\Documents",
    description: "Spreadsheets for budgeting and month-end close.",
    metadata: {
      Publisher: "Microsoft Corporation",
      Version: "16.0.18429.20158",
      Category: "Office",
    },
  },
  word: {
    display: "Microsoft Word",
    launchPath: "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
    workingDirectory: "C:\\Users\\PhotonUser\\Documents",
    description: "Word processor.",
    metadata: {
      Publisher: "Microsoft Corporation",
      Version: "16.0.18429.20158",
      Category: "Office",
    },
  },
  powerbi: {
    display: "Power BI Desktop",
    launchPath: "C:\\Program Files\\Microsoft Power BI Desktop\\bin\\PBIDesktop.exe",
    workingDirectory: "C:\\Program Files\\Microsoft Power BI Desktop\\bin",
    description: "Reports and dashboards on the finance data warehouse.",
    metadata: {
      Publisher: "Microsoft Corporation",
      Version: "2.140.1078.0",
      Category: "Analytics",
    },
  },
  sapgui: {
    display: "SAP Logon",
    launchPath: "C:\\Program Files\\SAP\\FrontEnd\\SAPGUI\\saplogon.exe",
    workingDirectory: "C:\\Program Files\\SAP\\FrontEnd\\SAPGUI",
    description: "SAP GUI for Windows, connects to the ERP production system.",
    metadata: { Publisher: "SAP SE", Version: "8.00 PL11", Category: "ERP" },
  },
  notepadpp: {
    display: "Notepad++",
    launchPath: "C:\\Program Files\\Notepad++\\notepad++.exe",
    workingDirectory: "C:\\Users\\PhotonUser\\Documents",
    description: "Text and source code editor.",
    metadata: { Publisher: "Notepad++ Team", Version: "8.7.5", Category: "Utilities" },
  },
  vscode: {
    display: "Visual Studio Code",
    launchPath: "C:\\Program Files\\Microsoft VS Code\\Code.exe",
    launchParameters: "--disable-telemetry",
    workingDirectory: "C:\\Users\\PhotonUser\\source",
    description: "Source code editor.",
    metadata: { Publisher: "Microsoft Corporation", Version: "1.97.2", Category: "Development" },
  },
  connectccp: {
    display: "Amazon Connect Contact Control Panel",
    launchPath: "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    launchParameters: "--app=https://example-corp.my.connect.aws/ccp-v2/",
    workingDirectory: "C:\\Program Files\\Google\\Chrome\\Application",
    description: "Softphone and contact handling for call-center agents.",
    metadata: { Publisher: "Amazon Web Services", Version: "2.0", Category: "Contact center" },
  },
  qgis: {
    display: "QGIS 3.40 LTR",
    launchPath: "C:\\Program Files\\QGIS 3.40.3\\bin\\qgis-ltr-bin.exe",
    workingDirectory: "C:\\Users\\PhotonUser\\Documents\\GIS",
    description: "Desktop GIS for mapping and spatial analysis.",
    metadata: { Publisher: "QGIS.org", Version: "3.40.3", Category: "GIS" },
  },
  freecad: {
    display: "FreeCAD",
    launchPath: "C:\\Program Files\\FreeCAD 1.0\\bin\\FreeCAD.exe",
    workingDirectory: "C:\\Users\\PhotonUser\\Documents\\CAD",
    description: "Parametric 3D CAD modeler.",
    metadata: { Publisher: "FreeCAD project", Version: "1.0.0", Category: "Engineering" },
  },
  blender: {
    display: "Blender",
    launchPath: "C:\\Program Files\\Blender Foundation\\Blender 4.3\\blender.exe",
    workingDirectory: "C:\\Users\\PhotonUser\\Documents\\Renders",
    description: "3D modeling, rendering and animation.",
    metadata: { Publisher: "Blender Foundation", Version: "4.3.2", Category: "Engineering" },
  },
  paraview: {
    display: "ParaView",
    launchPath: "C:\\Program Files\\ParaView 5.13.2\\bin\\paraview.exe",
    workingDirectory: "C:\\Users\\PhotonUser\\Documents\\Simulations",
    description: "Visualization of simulation results.",
    metadata: { Publisher: "Kitware", Version: "5.13.2", Category: "Engineering" },
  },
  weasis: {
    display: "Weasis DICOM Viewer",
    launchPath: "C:\\Program Files\\Weasis\\Weasis.exe",
    workingDirectory: "C:\\Program Files\\Weasis",
    description: "DICOM viewer connected to the HealthImaging datastore.",
    metadata: { Publisher: "Weasis Team", Version: "4.5.1", Category: "Medical imaging" },
  },
  slicer: {
    display: "3D Slicer",
    launchPath: "C:\\Program Files\\Slicer 5.8.0\\Slicer.exe",
    workingDirectory: "C:\\Users\\PhotonUser\\Documents\\Slicer",
    description: "Medical image segmentation and 3D reconstruction.",
    metadata: { Publisher: "Slicer Community", Version: "5.8.0", Category: "Medical imaging" },
  },
  sevenzip: {
    display: "7-Zip",
    launchPath: "C:\\Program Files\\7-Zip\\7zFM.exe",
    workingDirectory: "C:\\Users\\PhotonUser\\Downloads",
    description: "File archiver.",
    metadata: { Publisher: "Igor Pavlov", Version: "24.09", Category: "Utilities" },
  },
  acrobat: {
    display: "Adobe Acrobat Reader",
    launchPath: "C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe",
    workingDirectory: "C:\\Users\\PhotonUser\\Documents",
    description: "PDF viewer.",
    metadata: { Publisher: "Adobe", Version: "24.005.20399", Category: "Office" },
  },
  "firefox-linux": {
    display: "Firefox",
    launchPath: "/usr/bin/firefox",
    workingDirectory: "/home/as2-streaming-user",
    description: "Web browser.",
    metadata: { Publisher: "Mozilla", Version: "128.7.0esr", Category: "Browser" },
    linux: true,
  },
  jupyterlab: {
    display: "JupyterLab",
    launchPath: "/opt/conda/bin/jupyter-lab",
    launchParameters: "--ServerApp.ip=127.0.0.1 --notebook-dir=/home/as2-streaming-user/notebooks",
    workingDirectory: "/home/as2-streaming-user/notebooks",
    description: "Notebooks for exploratory data analysis.",
    metadata: { Publisher: "Project Jupyter", Version: "4.3.5", Category: "Data science" },
    linux: true,
  },
  rstudio: {
    display: "RStudio",
    launchPath: "/usr/lib/rstudio/rstudio",
    workingDirectory: "/home/as2-streaming-user",
    description: "IDE for R.",
    metadata: { Publisher: "Posit", Version: "2024.12.1+563", Category: "Data science" },
    linux: true,
  },
  "vscode-linux": {
    display: "Visual Studio Code",
    launchPath: "/usr/share/code/code",
    launchParameters: "--disable-telemetry",
    workingDirectory: "/home/as2-streaming-user/src",
    description: "Source code editor.",
    metadata: { Publisher: "Microsoft Corporation", Version: "1.97.2", Category: "Development" },
    linux: true,
  },
  terminal: {
    display: "Terminal",
    launchPath: "/usr/bin/gnome-terminal",
    workingDirectory: "/home/as2-streaming-user",
    description: "Shell access for developers.",
    metadata: { Publisher: "GNOME", Version: "3.28.3", Category: "Development" },
    linux: true,
  },
  "libreoffice-calc": {
    display: "LibreOffice Calc",
    launchPath: "/usr/bin/libreoffice",
    launchParameters: "--calc",
    workingDirectory: "/home/as2-streaming-user",
    description: "Spreadsheets.",
    metadata: { Publisher: "The Document Foundation", Version: "7.6.7", Category: "Office" },
    linux: true,
  },
  pgadmin: {
    display: "pgAdmin 4",
    launchPath: "/usr/pgadmin4/bin/pgadmin4",
    workingDirectory: "/home/as2-streaming-user",
    description: "PostgreSQL administration.",
    metadata: { Publisher: "pgAdmin Development Team", Version: "8.14", Category: "Development" },
    linux: true,
  },
};

interface CustomImageDef {
  region: string;
  name: string;
  display: string;
  description: string;
  /** public base image name in the same region; omitted for imported images */
  base?: string;
  platform?: Platform;
  builder?: string;
  created: string;
  apps: string[];
  disabledApps?: string[];
  state?: "AVAILABLE" | "PENDING" | "FAILED";
  stateChangeReason?: Image["StateChangeReason"];
  imageErrors?: { code: NonNullable<ResourceError["ErrorCode"]>; message: string }[];
  sharedWithOthers?: boolean;
  dynamicApps?: boolean;
  managedSoftware?: boolean;
  imageType?: "NATIVE" | "CUSTOM" | "BYOL";
  agent?: string;
  families?: string[];
  /** SHARED images: the owner account and the permissions granted to ACCOUNT */
  owner?: string;
  permissions?: { allowFleet: boolean; allowImageBuilder: boolean };
}

const PRIVATE_IMAGES: CustomImageDef[] = [
  {
    region: US,
    name: DEMO.privateAppStreamImage,
    display: "Finance Desktop (Windows Server 2022, February 2026)",
    description:
      "Finance and accounting desktop: Office, Power BI and SAP GUI on Windows Server 2022.",
    base: "AppStream-WinServer2022-02-09-2026",
    builder: "ib-finance-win2022",
    created: "2026-02-16T14:22:05Z",
    apps: ["excel", "word", "powerbi", "sapgui", "chrome"],
    sharedWithOthers: true,
    dynamicApps: true,
    managedSoftware: true,
  },
  {
    region: US,
    name: "finance-desktop-win2022-2025-11",
    display: "Finance Desktop (Windows Server 2022, November 2025)",
    description: "Previous finance desktop release, kept for rollback.",
    base: "AppStream-WinServer2022-11-10-2025",
    builder: "ib-finance-win2022",
    created: "2025-11-18T10:05:41Z",
    apps: ["excel", "word", "powerbi", "sapgui"],
    managedSoftware: true,
  },
  {
    region: US,
    name: "finance-desktop-win2022-2026-03",
    display: "Finance Desktop (Windows Server 2022, March 2026)",
    description: "March 2026 finance desktop build: snapshot creation failed.",
    base: "AppStream-WinServer2022-02-09-2026",
    builder: "ib-finance-win2022",
    created: "2026-02-27T09:41:17Z",
    apps: ["excel", "word", "powerbi", "sapgui", "chrome", "acrobat"],
    state: "FAILED",
    stateChangeReason: {
      Code: "INTERNAL_ERROR",
      Message:
        "Image creation failed while creating the snapshot of the image builder root volume.",
    },
    imageErrors: [
      {
        code: "INTERNAL_SERVICE_ERROR",
        message: "The image could not be created because an internal error occurred. Try again.",
      },
    ],
    managedSoftware: true,
  },
  {
    region: US,
    name: "engineering-cad-g5-2026-01",
    display: "Engineering CAD (Graphics G5)",
    description: "CAD, rendering and simulation post-processing on NVIDIA A10G instances.",
    base: "AppStream-Graphics-G5-WinServer2022-07-14-2025",
    builder: "ib-engineering-g5",
    created: "2026-01-22T18:30:12Z",
    apps: ["freecad", "blender", "paraview", "notepadpp"],
    dynamicApps: true,
  },
  {
    region: US,
    name: "engineering-cad-g4dn-2025-02",
    display: "Engineering CAD (Graphics G4dn, legacy)",
    description: "Legacy CAD image on G4dn instances, scheduled for retirement.",
    base: "AppStream-Graphics-G4dn-WinServer2019-12-16-2024",
    builder: "ib-engineering-g4dn",
    created: "2025-02-03T12:11:09Z",
    apps: ["freecad", "blender"],
    disabledApps: ["blender"],
  },
  {
    region: US,
    name: "data-science-al2-2026-02",
    display: "Data Science Workbench (Amazon Linux 2)",
    description: "JupyterLab, RStudio and VS Code with the team conda environments.",
    base: "AppStream-AmazonLinux2-11-10-2025",
    builder: "ib-data-science-al2",
    created: "2026-02-11T08:57:33Z",
    apps: ["jupyterlab", "rstudio", "vscode-linux", "firefox-linux", "terminal"],
    agent: LATEST_AGENT,
  },
  {
    region: US,
    name: "stats-lab-al2-2025-04",
    display: "Statistics Lab (Amazon Linux 2)",
    description: "Teaching image for the statistics course.",
    base: "AppStream-AmazonLinux2-03-24-2025",
    builder: "ib-stats-lab",
    created: "2025-04-07T15:20:48Z",
    apps: ["rstudio", "libreoffice-calc", "firefox-linux"],
  },
  {
    region: US,
    name: "call-center-win2019-2025-12",
    display: "Call Center Agent Desktop",
    description: "Amazon Connect CCP and the CRM in Chrome.",
    base: "AppStream-WinServer2019-11-10-2025",
    builder: "ib-call-center",
    created: "2025-12-02T11:44:26Z",
    apps: ["connectccp", "chrome", "notepadpp"],
    sharedWithOthers: true,
  },
  {
    region: US,
    name: "dev-workstation-rhel8-2026-01",
    display: "Developer Workstation (RHEL 8)",
    description: "Browser, editor, terminal and database tools for backend developers.",
    base: "AppStream-RHEL8-07-14-2025",
    builder: "ib-dev-rhel8",
    created: "2026-01-14T13:03:59Z",
    apps: ["vscode-linux", "terminal", "firefox-linux", "pgadmin"],
  },
  {
    region: US,
    name: "gis-analysis-win2022-2025-10",
    display: "GIS Analysis",
    description: "QGIS with the county parcel and zoning layers preloaded.",
    base: "AppStream-WinServer2022-07-14-2025",
    builder: "ib-gis",
    created: "2025-10-06T09:27:14Z",
    apps: ["qgis", "chrome", "sevenzip"],
  },
  {
    region: US,
    name: "training-lab-win2019-2026-02",
    display: "Training Lab (February 2026)",
    description: "Classroom image, being created from the training-lab image builder.",
    base: "AppStream-WinServer2019-02-09-2026",
    builder: "ib-training-lab",
    created: "2026-02-28T16:05:00Z",
    apps: ["chrome", "word", "acrobat"],
    state: "PENDING",
  },
  {
    region: US,
    name: "imported-rocky8-hardened-2026-01",
    display: "Hardened Rocky Linux 8 (imported AMI)",
    description: "Imported from the corporate hardened Rocky Linux 8 AMI.",
    platform: "ROCKY_LINUX8",
    created: "2026-01-30T20:12:40Z",
    apps: ["firefox-linux", "terminal"],
    imageType: "CUSTOM",
    agent: LATEST_AGENT,
    families: ["GENERAL_PURPOSE", "COMPUTE_OPTIMIZED", "MEMORY_OPTIMIZED", "ACCELERATED"],
  },
  {
    region: US,
    name: "byol-win11-knowledge-workers",
    display: "Windows 11 Enterprise (BYOL)",
    description: "Bring-your-own-license Windows 11 desktop for knowledge workers.",
    platform: "WINDOWS",
    created: "2025-12-15T07:48:02Z",
    apps: ["chrome", "word", "excel"],
    imageType: "BYOL",
    agent: "11-10-2025",
    families: ["GENERAL_PURPOSE"],
  },
  {
    region: EU,
    name: DEMO.privateAppStreamImage,
    display: "Finance Desktop (Windows Server 2022, February 2026)",
    description: "Copy of the us-east-1 finance desktop for the Dublin finance team.",
    base: "AppStream-WinServer2022-02-09-2026",
    builder: "ib-finance-win2022",
    created: "2026-02-17T06:10:51Z",
    apps: ["excel", "word", "powerbi", "sapgui", "chrome"],
    managedSoftware: true,
  },
  {
    region: EU,
    name: "call-center-win2019-2025-12",
    display: "Call Center Agent Desktop",
    description: "Copy of the us-east-1 call center image.",
    base: "AppStream-WinServer2019-02-09-2026",
    created: "2025-12-03T09:00:37Z",
    apps: ["connectccp", "chrome"],
    agent: "11-10-2025",
    state: "FAILED",
    stateChangeReason: {
      Code: "IMAGE_COPY_FAILURE",
      Message: "The image could not be copied to eu-west-1: the destination quota was exceeded.",
    },
  },
  {
    region: EU,
    name: "dev-workstation-al2-2026-01",
    display: "Developer Workstation (Amazon Linux 2)",
    description: "Browser, editor and terminal for the Dublin platform team.",
    base: "AppStream-AmazonLinux2-11-10-2025",
    builder: "ib-dev-al2",
    created: "2026-01-19T10:36:22Z",
    apps: ["vscode-linux", "terminal", "firefox-linux"],
  },
];

const SHARED_IMAGES: CustomImageDef[] = [
  {
    region: US,
    name: "secure-browser-win2022-2026-01",
    display: "Secure Browser",
    description: "Isolated browsing image maintained by the shared-services team.",
    base: "AppStream-WinServer2022-11-10-2025",
    created: "2026-01-08T12:00:18Z",
    apps: ["chrome", "firefox"],
    owner: SHARED_SERVICES_ACCOUNT,
    permissions: { allowFleet: true, allowImageBuilder: false },
  },
  {
    region: US,
    name: "corp-base-win2019-2025-11",
    display: "Corporate Base (Windows Server 2019)",
    description: "Corporate baseline with endpoint agents, for building team images.",
    base: "AppStream-WinServer2019-11-10-2025",
    created: "2025-11-20T08:31:55Z",
    apps: ["chrome", "sevenzip"],
    owner: SHARED_SERVICES_ACCOUNT,
    permissions: { allowFleet: false, allowImageBuilder: true },
  },
  {
    region: US,
    name: "corp-base-al2-2025-11",
    display: "Corporate Base (Amazon Linux 2)",
    description: "Corporate Linux baseline with endpoint agents, for building team images.",
    base: "AppStream-AmazonLinux2-11-10-2025",
    created: "2025-11-21T09:14:06Z",
    apps: ["firefox-linux", "terminal"],
    owner: SHARED_SERVICES_ACCOUNT,
    permissions: { allowFleet: true, allowImageBuilder: true },
  },
  {
    region: US,
    name: "pacs-viewer-win2022-2025-12",
    display: "PACS Viewer (December 2025)",
    description: "Diagnostic DICOM viewing, packaged by the imaging vendor.",
    base: "AppStream-WinServer2022-11-10-2025",
    created: "2025-12-10T17:22:45Z",
    apps: ["weasis", "slicer"],
    owner: VENDOR_ACCOUNT,
    permissions: { allowFleet: true, allowImageBuilder: false },
  },
  {
    region: US,
    name: "pacs-viewer-win2022-2026-02",
    display: "PACS Viewer (February 2026)",
    description: "Diagnostic DICOM viewing, packaged by the imaging vendor.",
    base: "AppStream-WinServer2022-02-09-2026",
    created: "2026-02-13T17:05:29Z",
    apps: ["weasis", "slicer", "chrome"],
    owner: VENDOR_ACCOUNT,
    permissions: { allowFleet: true, allowImageBuilder: true },
    dynamicApps: true,
  },
  {
    region: US,
    name: "radiology-3d-g5-2026-01",
    display: "Radiology 3D Reconstruction (Graphics G5)",
    description: "GPU-accelerated 3D reconstruction, packaged by the imaging vendor.",
    base: "AppStream-Graphics-G5-WinServer2022-07-14-2025",
    created: "2026-01-26T14:48:13Z",
    apps: ["slicer", "paraview"],
    owner: VENDOR_ACCOUNT,
    permissions: { allowFleet: true, allowImageBuilder: false },
  },
  {
    region: EU,
    name: "secure-browser-win2022-2026-01",
    display: "Secure Browser",
    description: "Isolated browsing image maintained by the shared-services team.",
    base: "AppStream-WinServer2022-02-09-2026",
    created: "2026-01-09T07:30:44Z",
    apps: ["chrome", "firefox"],
    owner: SHARED_SERVICES_ACCOUNT,
    permissions: { allowFleet: true, allowImageBuilder: false },
  },
];

function buildCustomImages(
  publicImages: FixtureAppStreamImage[],
  defs: CustomImageDef[],
  visibility: "PRIVATE" | "SHARED",
): FixtureAppStreamImage[] {
  const rng = new Rng(`appstream/${visibility}`);
  return defs.map((def) => {
    const base = def.base
      ? publicImages.find((image) => image.region === def.region && image.Name === def.base)
      : undefined;
    if (def.base && !base) throw new Error(`${def.name}: no public image ${def.base}`);
    const platform = base?.Platform ?? def.platform;
    if (!platform) throw new Error(`${def.name}: no platform`);
    const account = def.owner ?? ACCOUNT;
    const created = utc(def.created);
    const agent = def.agent ?? base?.AppstreamAgentVersion ?? LATEST_AGENT;
    const families = def.families ?? base?.SupportedInstanceFamilies ?? GENERAL;
    const bucket = `appstream-app-icons-${account}-${def.region}`;
    const applications: FixtureApplication[] = def.apps.map((key) => {
      const app = APPS[key];
      if (!app) throw new Error(`${def.name}: unknown app ${key}`);
      const name = `${def.name}-${key}`;
      const iconKey = `icons/${key}.png`;
      return {
        Name: name,
        DisplayName: app.display,
        IconURL: `https://${bucket}.s3.${def.region}.amazonaws.com/${iconKey}`,
        LaunchPath: app.launchPath,
        LaunchParameters: app.launchParameters,
        Enabled: !(def.disabledApps ?? []).includes(key),
        Metadata: app.metadata,
        WorkingDirectory: app.workingDirectory,
        Description: app.description,
        Arn: appStreamArn(def.region, account, `application/${name}`),
        AppBlockArn: appStreamArn(def.region, account, `app-block/${key}`),
        IconS3Location: { S3Bucket: bucket, S3Key: iconKey },
        Platforms: [platform],
        InstanceFamilies: families.some((family) => family.startsWith("GRAPHICS"))
          ? ["GENERAL_PURPOSE", "GRAPHICS_G4"]
          : ["GENERAL_PURPOSE"],
        CreatedTime: iso(created - rng.int(20, 180) * MINUTE),
      };
    });
    const image: FixtureAppStreamImage = {
      region: def.region,
      Name: def.name,
      Arn: appStreamArn(def.region, account, `image/${def.name}`),
      BaseImageArn: base?.Arn,
      DisplayName: def.display,
      State: def.state ?? "AVAILABLE",
      Visibility: visibility,
      ImageBuilderSupported:
        visibility === "PRIVATE" || def.permissions?.allowImageBuilder === true,
      ImageBuilderName: visibility === "PRIVATE" ? def.builder : undefined,
      Platform: platform,
      Description: def.description,
      StateChangeReason: def.stateChangeReason,
      Applications: applications,
      CreatedTime: iso(created),
      PublicBaseImageReleasedDate: base?.PublicBaseImageReleasedDate,
      AppstreamAgentVersion: agent,
      ImagePermissions: def.permissions,
      ImageErrors: def.imageErrors?.map((error) => ({
        ErrorCode: error.code,
        ErrorMessage: error.message,
        ErrorTimestamp: iso(created + rng.int(20, 90) * MINUTE),
      })),
      LatestAppstreamAgentVersion: agent === LATEST_AGENT ? "TRUE" : "FALSE",
      SupportedInstanceFamilies: families,
      DynamicAppProvidersEnabled: def.dynamicApps ? "ENABLED" : "DISABLED",
      ImageSharedWithOthers: def.sharedWithOthers ? "TRUE" : "FALSE",
      ManagedSoftwareIncluded: def.managedSoftware ?? false,
      ImageType: def.imageType ?? "NATIVE",
    };
    return image;
  });
}

// ---------------------------------------------------------------------------------------------
// Self-check: patterns, enums, lengths, uniqueness and cross-references, with JSON paths.
// ---------------------------------------------------------------------------------------------

const RE = {
  imageBuildVersionArn:
    /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):image\/[a-z0-9-_]+\/[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+$/,
  pipelineArn: /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):image-pipeline\/[a-z0-9-_]+$/,
  workflowExecutionId:
    /^wf-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  stepExecutionId:
    /^step-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  stepName: /^[A-Za-z][A-Za-z0-9-_]{1,99}$/,
  workflowBuildVersionArn:
    /^arn:aws(?:-[a-z]+)*:imagebuilder:[a-z]{2,}(?:-[a-z]+)+-[0-9]+:(?:[0-9]{12}|aws):workflow\/(build|test|distribution)\/[a-z0-9-_]+\/[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+$/,
  imageName: /^[a-z0-9-_]+$/,
  semanticVersion: /^[0-9]+\.[0-9]+\.[0-9]+$/,
  region: /^[a-z]{2,}(?:-[a-z]+)+-[0-9]+$/,
  medicalId: /^[0-9a-z]{32}$/,
  versionId: /^\d+$/,
  medicalMessage: /^[\w -:]+$/,
  datastoreName: /^[A-Za-z0-9._/#-]+$/,
  dicomUid: /^(?:[0-9][0-9]*|0)(\.(?:[1-9][0-9]*|0))*$/,
  appStreamArn:
    /^arn:aws(?:-cn|-iso-b|-iso|-us-gov)?:[A-Za-z0-9][A-Za-z0-9_/.-]{0,62}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.\\-]{0,1023}$/,
  s3Bucket: /^[0-9a-z.-]*(?<!\.)$/,
  isoTimestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/,
} as const;

const ENUMS = {
  stepStatus: ["PENDING", "SKIPPED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"],
  rollbackStatus: ["RUNNING", "COMPLETED", "SKIPPED", "FAILED"],
  imageSetState: ["ACTIVE", "LOCKED", "DELETED"],
  datastoreStatus: ["CREATING", "CREATE_FAILED", "ACTIVE", "DELETING", "DELETED"],
  imageSetWorkflowStatus: [
    "CREATED",
    "COPIED",
    "COPYING",
    "COPYING_WITH_READ_ONLY_ACCESS",
    "COPY_FAILED",
    "UPDATING",
    "UPDATED",
    "UPDATE_FAILED",
    "DELETING",
    "DELETED",
    "IMPORTING",
    "IMPORTED",
    "IMPORT_FAILED",
  ],
  imageState: [
    "PENDING",
    "AVAILABLE",
    "FAILED",
    "COPYING",
    "DELETING",
    "CREATING",
    "IMPORTING",
    "VALIDATING",
  ],
  visibility: ["PUBLIC", "PRIVATE", "SHARED"],
  platform: [
    "WINDOWS",
    "WINDOWS_SERVER_2016",
    "WINDOWS_SERVER_2019",
    "WINDOWS_SERVER_2022",
    "WINDOWS_SERVER_2025",
    "AMAZON_LINUX2",
    "RHEL8",
    "ROCKY_LINUX8",
    "UBUNTU_PRO_2404",
  ],
  stateChangeReasonCode: [
    "INTERNAL_ERROR",
    "IMAGE_BUILDER_NOT_AVAILABLE",
    "IMAGE_COPY_FAILURE",
    "IMAGE_UPDATE_FAILURE",
    "IMAGE_IMPORT_FAILURE",
  ],
  fleetErrorCode: [
    "IAM_SERVICE_ROLE_MISSING_ENI_DESCRIBE_ACTION",
    "IAM_SERVICE_ROLE_MISSING_ENI_CREATE_ACTION",
    "IAM_SERVICE_ROLE_MISSING_ENI_DELETE_ACTION",
    "NETWORK_INTERFACE_LIMIT_EXCEEDED",
    "INTERNAL_SERVICE_ERROR",
    "IAM_SERVICE_ROLE_IS_MISSING",
    "MACHINE_ROLE_IS_MISSING",
    "STS_DISABLED_IN_REGION",
    "SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES",
    "IAM_SERVICE_ROLE_MISSING_DESCRIBE_SUBNET_ACTION",
    "SUBNET_NOT_FOUND",
    "IMAGE_NOT_FOUND",
    "INVALID_SUBNET_CONFIGURATION",
    "SECURITY_GROUPS_NOT_FOUND",
    "IGW_NOT_ATTACHED",
    "IAM_SERVICE_ROLE_MISSING_DESCRIBE_SECURITY_GROUPS_ACTION",
    "FLEET_STOPPED",
    "FLEET_INSTANCE_PROVISIONING_FAILURE",
    "DOMAIN_JOIN_ERROR_FILE_NOT_FOUND",
    "DOMAIN_JOIN_ERROR_ACCESS_DENIED",
    "DOMAIN_JOIN_ERROR_LOGON_FAILURE",
    "DOMAIN_JOIN_ERROR_INVALID_PARAMETER",
    "DOMAIN_JOIN_ERROR_MORE_DATA",
    "DOMAIN_JOIN_ERROR_NO_SUCH_DOMAIN",
    "DOMAIN_JOIN_ERROR_NOT_SUPPORTED",
    "DOMAIN_JOIN_NERR_INVALID_WORKGROUP_NAME",
    "DOMAIN_JOIN_NERR_WORKSTATION_NOT_STARTED",
    "DOMAIN_JOIN_ERROR_DS_MACHINE_ACCOUNT_QUOTA_EXCEEDED",
    "DOMAIN_JOIN_NERR_PASSWORD_EXPIRED",
    "DOMAIN_JOIN_INTERNAL_SERVICE_ERROR",
    "VALIDATION_ERROR",
  ],
  trueFalse: ["TRUE", "FALSE"],
  enabledDisabled: ["ENABLED", "DISABLED"],
  imageType: ["NATIVE", "CUSTOM", "BYOL"],
} as const;

class FixtureError extends Error {
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = "FixtureError";
  }
}

function check(condition: boolean, path: string, problem: string): asserts condition {
  if (!condition) throw new FixtureError(path, problem);
}

function checkPattern(value: unknown, re: RegExp, path: string): void {
  check(typeof value === "string" && re.test(value), path, `${JSON.stringify(value)} !~ ${re}`);
}

function checkEnum(value: unknown, allowed: readonly string[], path: string): void {
  check(
    typeof value === "string" && allowed.includes(value),
    path,
    `${JSON.stringify(value)} is not one of ${allowed.join("|")}`,
  );
}

function checkLength(value: unknown, min: number, max: number, path: string): void {
  check(
    typeof value === "string" && value.length >= min && value.length <= max,
    path,
    `length must be ${min}..${max}, got ${typeof value === "string" ? value.length : typeof value}`,
  );
}

function checkTimestamp(value: unknown, path: string): number {
  checkPattern(value, RE.isoTimestamp, path);
  const ms = Date.parse(value as string);
  check(!Number.isNaN(ms), path, "not a valid date");
  return ms;
}

function checkOptionalTimestamp(value: unknown, path: string): number | undefined {
  return value === undefined ? undefined : checkTimestamp(value, path);
}

class UniqueSet {
  private readonly seen = new Map<string, string>();

  constructor(private readonly what: string) {}

  add(value: string, path: string): void {
    const first = this.seen.get(value);
    check(first === undefined, path, `duplicate ${this.what} ${value} (first at ${first})`);
    this.seen.set(value, path);
  }
}

function regionOfArn(arn: string): string {
  return arn.split(":")[3] ?? "";
}

function accountOfArn(arn: string): string {
  return arn.split(":")[4] ?? "";
}

function selfCheck(fixture: Fixture): void {
  const topLevel = Object.keys(fixture);
  for (const key of topLevel) {
    checkEnum(key, ["imageBuilder", "medicalImaging", "appStream", "accounts"], `$.${key}`);
  }

  // --- Image Builder ---
  const ib = fixture.imageBuilder;
  const imageArns = new UniqueSet("image build version ARN");
  const imagesByArn = new Set<string>();
  ib.images.forEach((image, i) => {
    const path = `$.imageBuilder.images[${i}]`;
    checkPattern(image.arn, RE.imageBuildVersionArn, `${path}.arn`);
    checkPattern(regionOfArn(image.arn), RE.region, `${path}.arn`);
    imageArns.add(image.arn, `${path}.arn`);
    imagesByArn.add(image.arn);
    const names = new UniqueSet("packageName");
    image.packages.forEach((pkg, j) => {
      checkLength(pkg.packageName, 1, 1024, `${path}.packages[${j}].packageName`);
      checkLength(pkg.packageVersion, 1, 1024, `${path}.packages[${j}].packageVersion`);
      names.add(pkg.packageName, `${path}.packages[${j}].packageName`);
    });
  });
  const pipelineArns = new UniqueSet("pipeline ARN");
  ib.pipelines.forEach((pipeline, i) => {
    const path = `$.imageBuilder.pipelines[${i}]`;
    checkPattern(pipeline.arn, RE.pipelineArn, `${path}.arn`);
    pipelineArns.add(pipeline.arn, `${path}.arn`);
    checkPattern(pipeline.imageName, RE.imageName, `${path}.imageName`);
    checkPattern(pipeline.semanticVersion, RE.semanticVersion, `${path}.semanticVersion`);
    const prefix = `arn:aws:imagebuilder:${regionOfArn(pipeline.arn)}:${accountOfArn(pipeline.arn)}:image/${pipeline.imageName}/${pipeline.semanticVersion}/`;
    const next = `${prefix}${ib.images.filter((image) => image.arn.startsWith(prefix)).length + 1}`;
    checkPattern(next, RE.imageBuildVersionArn, `${path} (next build ARN)`);
    // A disabled pipeline may never have built; every other one has builds to explore.
    check(
      pipeline.status === "DISABLED" || ib.images.some((image) => image.arn.startsWith(prefix)),
      path,
      `no existing image build version ${prefix}*`,
    );
    check(!imagesByArn.has(next), path, `next build ${next} already exists`);
    pipeline.packages.forEach((pkg, j) => {
      checkLength(pkg.packageName, 1, 1024, `${path}.packages[${j}].packageName`);
      checkLength(pkg.packageVersion, 1, 1024, `${path}.packages[${j}].packageVersion`);
    });
  });
  const workflowIds = new UniqueSet("workflowExecutionId");
  const stepIds = new UniqueSet("stepExecutionId");
  ib.workflowExecutions.forEach((wf, i) => {
    const path = `$.imageBuilder.workflowExecutions[${i}]`;
    checkPattern(wf.workflowExecutionId, RE.workflowExecutionId, `${path}.workflowExecutionId`);
    workflowIds.add(wf.workflowExecutionId, `${path}.workflowExecutionId`);
    checkPattern(wf.region, RE.region, `${path}.region`);
    checkPattern(wf.imageBuildVersionArn, RE.imageBuildVersionArn, `${path}.imageBuildVersionArn`);
    check(
      imagesByArn.has(wf.imageBuildVersionArn),
      `${path}.imageBuildVersionArn`,
      "no such image",
    );
    check(
      regionOfArn(wf.imageBuildVersionArn) === wf.region,
      `${path}.imageBuildVersionArn`,
      "image is in another region",
    );
    checkPattern(
      wf.workflowBuildVersionArn,
      RE.workflowBuildVersionArn,
      `${path}.workflowBuildVersionArn`,
    );
    checkLength(wf.workflowBuildVersionArn, 0, 1024, `${path}.workflowBuildVersionArn`);
    check(
      regionOfArn(wf.workflowBuildVersionArn) === wf.region,
      `${path}.workflowBuildVersionArn`,
      "workflow is in another region",
    );
    checkLength(wf.message, 0, 500, `${path}.message`);
    let previousEnd = 0;
    wf.steps.forEach((step, j) => {
      const sp = `${path}.steps[${j}]`;
      checkPattern(step.stepExecutionId, RE.stepExecutionId, `${sp}.stepExecutionId`);
      stepIds.add(step.stepExecutionId as string, `${sp}.stepExecutionId`);
      checkPattern(step.name, RE.stepName, `${sp}.name`);
      checkPattern(step.action, RE.stepName, `${sp}.action`);
      checkEnum(step.status, ENUMS.stepStatus, `${sp}.status`);
      checkEnum(step.rollbackStatus, ENUMS.rollbackStatus, `${sp}.rollbackStatus`);
      checkLength(step.description ?? "", 0, 500, `${sp}.description`);
      checkLength(step.message ?? "", 0, 500, `${sp}.message`);
      for (const key of ["inputs", "outputs"] as const) {
        const text = step[key];
        if (text === undefined) continue;
        try {
          JSON.parse(text);
        } catch {
          throw new FixtureError(`${sp}.${key}`, "not JSON text");
        }
      }
      const start = checkOptionalTimestamp(step.startTime, `${sp}.startTime`);
      const end = checkOptionalTimestamp(step.endTime, `${sp}.endTime`);
      if (start !== undefined) {
        check(start >= previousEnd, `${sp}.startTime`, "starts before the previous step ended");
        previousEnd = start;
      }
      if (end !== undefined) {
        check(start !== undefined && end >= start, `${sp}.endTime`, "ends before it starts");
        previousEnd = end;
      }
    });
  });

  // --- HealthImaging ---
  const datastoreIds = new UniqueSet("datastoreId");
  const imageSetIds = new UniqueSet("imageSetId");
  fixture.medicalImaging.datastores.forEach((ds, i) => {
    const path = `$.medicalImaging.datastores[${i}]`;
    checkPattern(ds.datastoreId, RE.medicalId, `${path}.datastoreId`);
    datastoreIds.add(ds.datastoreId, `${path}.datastoreId`);
    checkPattern(ds.region, RE.region, `${path}.region`);
    if (ds.datastoreName !== undefined) {
      checkLength(ds.datastoreName, 1, 256, `${path}.datastoreName`);
      checkPattern(ds.datastoreName, RE.datastoreName, `${path}.datastoreName`);
    }
    if (ds.datastoreStatus !== undefined) {
      checkEnum(ds.datastoreStatus, ENUMS.datastoreStatus, `${path}.datastoreStatus`);
    }
    checkOptionalTimestamp(ds.createdAt, `${path}.createdAt`);
    checkOptionalTimestamp(ds.updatedAt, `${path}.updatedAt`);
    ds.imageSets.forEach((set, j) => {
      const setPath = `${path}.imageSets[${j}]`;
      checkPattern(set.imageSetId, RE.medicalId, `${setPath}.imageSetId`);
      imageSetIds.add(set.imageSetId, `${setPath}.imageSetId`);
      for (const member of ["DICOMStudyInstanceUID", "DICOMSeriesInstanceUID"] as const) {
        const uid = set.DICOMTags?.[member];
        if (uid !== undefined) checkPattern(uid, RE.dicomUid, `${setPath}.DICOMTags.${member}`);
      }
      checkOptionalTimestamp(set.lastAccessedAt, `${setPath}.lastAccessedAt`);
      const versionIds = new UniqueSet("versionId");
      let previousCreated = 0;
      set.versions.forEach((v, k) => {
        const vp = `${setPath}.versions[${k}]`;
        if (v.imageSetId !== undefined) {
          check(v.imageSetId === set.imageSetId, `${vp}.imageSetId`, "differs from the parent");
        }
        checkPattern(v.versionId, RE.versionId, `${vp}.versionId`);
        versionIds.add(v.versionId as string, `${vp}.versionId`);
        checkEnum(v.imageSetState, ENUMS.imageSetState, `${vp}.imageSetState`);
        checkEnum(
          v.ImageSetWorkflowStatus,
          ENUMS.imageSetWorkflowStatus,
          `${vp}.ImageSetWorkflowStatus`,
        );
        if (v.message !== undefined) {
          checkLength(v.message, 1, 2048, `${vp}.message`);
          checkPattern(v.message, RE.medicalMessage, `${vp}.message`);
        }
        const created = checkOptionalTimestamp(v.createdAt, `${vp}.createdAt`);
        const updated = checkOptionalTimestamp(v.updatedAt, `${vp}.updatedAt`);
        const deleted = checkOptionalTimestamp(v.deletedAt, `${vp}.deletedAt`);
        if (created !== undefined) {
          check(created > previousCreated, `${vp}.createdAt`, "not after the previous version");
          previousCreated = created;
        }
        if (created !== undefined && updated !== undefined) {
          check(updated >= created, `${vp}.updatedAt`, "before createdAt");
        }
        check(
          (deleted !== undefined) === (v.imageSetState === "DELETED"),
          `${vp}.deletedAt`,
          "deletedAt must be present exactly on DELETED versions",
        );
        if (deleted !== undefined && updated !== undefined) {
          check(deleted >= updated, `${vp}.deletedAt`, "before updatedAt");
        }
        if (v.overrides !== undefined) {
          check(typeof v.overrides.forced === "boolean", `${vp}.overrides.forced`, "not boolean");
        }
      });
    });
  });

  // --- AppStream ---
  const asArns = new UniqueSet("AppStream image ARN");
  const asNames = new UniqueSet("AppStream image name (per region)");
  const appArns = new UniqueSet("application ARN");
  const allArns = new Set(fixture.appStream.images.map((image) => image.Arn));
  fixture.appStream.images.forEach((image, i) => {
    const path = `$.appStream.images[${i}]`;
    checkPattern(image.region, RE.region, `${path}.region`);
    checkLength(image.Name, 1, 256, `${path}.Name`);
    asNames.add(`${image.region}/${image.Name}`, `${path}.Name`);
    checkPattern(image.Arn, RE.appStreamArn, `${path}.Arn`);
    asArns.add(image.Arn as string, `${path}.Arn`);
    check(regionOfArn(image.Arn as string) === image.region, `${path}.Arn`, "region mismatch");
    check(
      (image.Arn as string).endsWith(`:image/${image.Name}`),
      `${path}.Arn`,
      "does not end in :image/<Name>",
    );
    if (image.BaseImageArn !== undefined) {
      checkPattern(image.BaseImageArn, RE.appStreamArn, `${path}.BaseImageArn`);
      check(allArns.has(image.BaseImageArn), `${path}.BaseImageArn`, "not an image in the fixture");
    }
    checkEnum(image.State, ENUMS.imageState, `${path}.State`);
    checkEnum(image.Visibility, ENUMS.visibility, `${path}.Visibility`);
    checkEnum(image.Platform, ENUMS.platform, `${path}.Platform`);
    if (image.Visibility === "PUBLIC") {
      check(accountOfArn(image.Arn as string) === "", `${path}.Arn`, "public image with account");
    } else {
      checkPattern(accountOfArn(image.Arn as string), /^[0-9]{12}$/, `${path}.Arn`);
    }
    if (image.Visibility === "SHARED") {
      check(image.ImageBuilderName === undefined, `${path}.ImageBuilderName`, "set on SHARED");
      check(image.ImagePermissions !== undefined, `${path}.ImagePermissions`, "missing on SHARED");
    }
    if (image.ImagePermissions !== undefined) {
      const keys = Object.keys(image.ImagePermissions).sort().join(",");
      check(keys === "allowFleet,allowImageBuilder", `${path}.ImagePermissions`, `keys ${keys}`);
    }
    if (image.StateChangeReason !== undefined) {
      checkEnum(
        image.StateChangeReason.Code,
        ENUMS.stateChangeReasonCode,
        `${path}.StateChangeReason.Code`,
      );
    }
    image.ImageErrors?.forEach((error, j) => {
      checkEnum(error.ErrorCode, ENUMS.fleetErrorCode, `${path}.ImageErrors[${j}].ErrorCode`);
      checkOptionalTimestamp(error.ErrorTimestamp, `${path}.ImageErrors[${j}].ErrorTimestamp`);
    });
    checkOptionalTimestamp(image.CreatedTime, `${path}.CreatedTime`);
    checkOptionalTimestamp(
      image.PublicBaseImageReleasedDate,
      `${path}.PublicBaseImageReleasedDate`,
    );
    if (image.AppstreamAgentVersion !== undefined) {
      checkLength(image.AppstreamAgentVersion, 1, 100, `${path}.AppstreamAgentVersion`);
    }
    checkEnum(
      image.LatestAppstreamAgentVersion,
      ENUMS.trueFalse,
      `${path}.LatestAppstreamAgentVersion`,
    );
    checkEnum(
      image.DynamicAppProvidersEnabled,
      ENUMS.enabledDisabled,
      `${path}.DynamicAppProvidersEnabled`,
    );
    checkEnum(image.ImageSharedWithOthers, ENUMS.trueFalse, `${path}.ImageSharedWithOthers`);
    checkEnum(image.ImageType, ENUMS.imageType, `${path}.ImageType`);
    image.Applications?.forEach((app, j) => {
      const ap = `${path}.Applications[${j}]`;
      checkPattern(app.Arn, RE.appStreamArn, `${ap}.Arn`);
      appArns.add(app.Arn as string, `${ap}.Arn`);
      checkPattern(app.AppBlockArn, RE.appStreamArn, `${ap}.AppBlockArn`);
      if (app.IconS3Location !== undefined) {
        checkLength(app.IconS3Location.S3Bucket, 3, 63, `${ap}.IconS3Location.S3Bucket`);
        checkPattern(app.IconS3Location.S3Bucket, RE.s3Bucket, `${ap}.IconS3Location.S3Bucket`);
        checkLength(app.IconS3Location.S3Key, 1, 1024, `${ap}.IconS3Location.S3Key`);
      }
      check((app.Platforms ?? []).length <= 4, `${ap}.Platforms`, "more than 4 entries");
      app.Platforms?.forEach((platform, k) => {
        checkEnum(platform, ENUMS.platform, `${ap}.Platforms[${k}]`);
      });
      checkOptionalTimestamp(app.CreatedTime, `${ap}.CreatedTime`);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Other accounts: a product account with pipelines in two regions, an imaging account with data
// stores, each reached through a role, so the demo shows an estate of three accounts.
// ---------------------------------------------------------------------------------------------

const PRODUCT_ACCOUNT = "111122223333";
const IMAGING_ACCOUNT = "444455556666";
const roleOf = (account: string) => `arn:aws:iam::${account}:role/ImageGraphReader`;

function buildAccounts(): Fixture["accounts"] {
  return [PRODUCT_ACCOUNT, IMAGING_ACCOUNT].map((accountId) => ({
    accountId,
    roles: [{ arn: roleOf(accountId) }],
  }));
}

/** The product account's pipelines (us-east-1 and eu-west-1), each with two builds. */
function buildProductAccount(): Pick<Fixture["imageBuilder"], "images" | "pipelines"> {
  const pipelines: FixturePipeline[] = [];
  const images: FixtureImage[] = [];
  const products = [
    { region: US, name: "checkout-api", version: "3.2.0", description: "Checkout service AMI." },
    { region: US, name: "search-indexer", version: "1.8.1", description: "Search indexer AMI." },
    {
      region: EU,
      name: "checkout-api",
      version: "3.2.0",
      description: "Checkout service AMI (EU).",
    },
  ];
  for (const product of products) {
    const packages = [
      { packageName: "openjdk-21", packageVersion: "21.0.4" },
      { packageName: "nginx", packageVersion: "1.26.1" },
      { packageName: product.name, packageVersion: product.version },
    ];
    pipelines.push({
      arn: `arn:aws:imagebuilder:${product.region}:${PRODUCT_ACCOUNT}:image-pipeline/${product.name}`,
      imageName: product.name,
      semanticVersion: product.version,
      packages,
      description: product.description,
      dateCreated: "2026-01-12T09:00:00Z",
    });
    for (const build of [1, 2]) {
      images.push({
        arn: imageArn(product.region, PRODUCT_ACCOUNT, product.name, product.version, build),
        packages,
      });
    }
  }
  return { images, pipelines };
}

/** The imaging account's data stores, in us-east-1 and us-west-2. */
function buildImagingAccount(): FixtureDatastore[] {
  const rng = new Rng("imaging-account");
  return [
    { region: US, name: "radiology-archive", sets: 3 },
    { region: "us-west-2", name: "cardiology-west", sets: 2 },
  ].map(({ region, name, sets }) => ({
    datastoreId: rng.hex(32),
    region,
    accountId: IMAGING_ACCOUNT,
    datastoreName: name,
    datastoreStatus: "ACTIVE" as const,
    createdAt: "2026-01-20T08:00:00Z",
    updatedAt: "2026-01-20T08:00:00Z",
    imageSets: Array.from({ length: sets }, (_, index) => ({
      imageSetId: rng.hex(32),
      versions: imageSetVersions(`${name}-${index}`, {
        count: 1 + index,
        start: "2026-02-01T10:00:00Z",
        gapHours: 12,
        firstStatus: "IMPORTED",
        randomMix: false,
      }),
    })),
  }));
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

function buildFixture(): Fixture {
  const images = buildImageBuilderImages();
  const publicImages = buildPublicImages();
  const product = buildProductAccount();
  return {
    imageBuilder: {
      images: [...images, ...product.images],
      pipelines: [...buildPipelines(images), ...product.pipelines],
      workflowExecutions: buildWorkflowExecutions(images),
    },
    medicalImaging: { datastores: [...buildDatastores(), ...buildImagingAccount()] },
    appStream: {
      images: [
        ...publicImages,
        ...buildCustomImages(publicImages, PRIVATE_IMAGES, "PRIVATE"),
        ...buildCustomImages(publicImages, SHARED_IMAGES, "SHARED"),
      ],
    },
    accounts: buildAccounts(),
  };
}

function summary(fixture: Fixture, bytes: number): string {
  const ib = fixture.imageBuilder;
  const count = <T>(items: T[], key: (item: T) => string) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return [...counts].map(([k, n]) => `${k} ${n}`).join(", ");
  };
  const as = fixture.appStream.images;
  const lines = [
    `wrote ${OUTPUT_FILE} (${bytes} bytes, ${(bytes / 1024).toFixed(1)} KiB)`,
    "",
    `imageBuilder.images: ${ib.images.length} (packages per image: ${ib.images.map((i) => i.packages.length).join(", ")})`,
    `imageBuilder.pipelines: ${ib.pipelines.length}`,
    `imageBuilder.workflowExecutions: ${ib.workflowExecutions.length} (steps: ${ib.workflowExecutions.map((w) => w.steps.length).join(", ")})`,
    ...fixture.medicalImaging.datastores.map(
      (ds) =>
        `medicalImaging.datastores ${ds.datastoreId} (${ds.region}): ${ds.imageSets.length} image sets, versions ${ds.imageSets.map((s) => s.versions.length).join(", ")}`,
    ),
    `appStream.images: ${as.length} (${count(as, (i) => `${i.Visibility}`)}; ${count(as, (i) => i.region)}; ${count(as, (i) => `${i.State}`)})`,
    "",
    "Demo identifiers:",
    `  image with ${ib.images.find((i) => i.arn === DEMO.packagesImageArn)?.packages.length} packages: ${DEMO.packagesImageArn}`,
    `  workflow execution with ${ib.workflowExecutions.find((w) => w.workflowExecutionId === DEMO.workflowExecutionId)?.steps.length} steps: ${DEMO.workflowExecutionId}`,
    `  failed workflow execution: ${DEMO.failedWorkflowExecutionId}`,
    `  pipeline: ${DEMO.pipelineArn}`,
    `  container pipeline: ${DEMO.containerPipelineArn}`,
    `  HealthImaging (us-east-1): datastoreId ${DEMO.datastoreId} imageSetId ${DEMO.imageSetId}`,
    `  AppStream PUBLIC: ${DEMO.publicAppStreamImage}  ${appStreamArn(US, "", `image/${DEMO.publicAppStreamImage}`)}`,
    `  AppStream PRIVATE: ${DEMO.privateAppStreamImage}  ${appStreamArn(US, ACCOUNT, `image/${DEMO.privateAppStreamImage}`)}`,
  ];
  return lines.join("\n");
}

function main(): void {
  const fixture = buildFixture();
  selfCheck(fixture);
  const demoSteps = fixture.imageBuilder.workflowExecutions.find(
    (w) => w.workflowExecutionId === DEMO.workflowExecutionId,
  )?.steps.length;
  check((demoSteps ?? 0) >= 30, "$.imageBuilder.workflowExecutions", "demo workflow too short");
  const json = `${JSON.stringify(fixture, null, 2)}\n`;
  writeFileSync(OUTPUT_FILE, json);
  console.log(summary(fixture, Buffer.byteLength(json)));
}

main();
