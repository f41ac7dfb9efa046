/**
 * `npm run generate:aws`: writes src/aws/generated/ from AWS's own published data, so that no
 * constraint or region is typed by hand.
 *
 * - Service models (operations; every shape their inputs and outputs reach, with its constraint
 *   traits: length, range, pattern, enum, required, union, list and map sizes): botocore's
 *   `data/<service>/<newest api version>/service-2.json(.gz)`.
 * - Regions where each service exists, per partition: botocore's `data/endpoints.json` (services
 *   it still lists) together with AWS's public SSM parameters
 *   `/aws/service/global-infrastructure/services/<service>/regions`, as moto ships them
 *   (`moto/ssm/resources/services.json.gz`); botocore no longer lists services whose endpoints
 *   follow the default rule, such as Image Builder and HealthImaging. Each region's partition
 *   comes from botocore's `data/partitions.json`.
 *
 * Both packages are found through the machine's `python3`; the script fails, naming what is
 * missing, when either is absent. The output is deterministic: object keys sorted, no dates.
 * Checked by test/unit/aws-models.test.ts when both are present.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type { ModelOperation, ModelShape, ServiceModel } from "../src/aws/model.js";

/** The services the gateway and its emulator speak, by botocore data directory. */
export const SERVICES = ["appstream", "imagebuilder", "medical-imaging", "sts"] as const;

export const GENERATED_DIR = fileURLToPath(new URL("../src/aws/generated/", import.meta.url));

interface PythonPackage {
  dir: string;
  version: string;
}

/** Where python3 finds `module`, and its version; an Error that says how to get it otherwise. */
function locate(module: string, install: string): PythonPackage {
  const program = [
    "import importlib.util, importlib.metadata, os, sys",
    `spec = importlib.util.find_spec("${module}")`,
    "if spec is None or not spec.submodule_search_locations: sys.exit(3)",
    "print(list(spec.submodule_search_locations)[0])",
    `print(importlib.metadata.version("${module}"))`,
  ].join("\n");
  let output: string;
  try {
    output = execFileSync("python3", ["-c", program], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const reason =
      (error as { status?: number }).status === 3
        ? `python3 has no ${module} package`
        : `python3 could not be run (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
    throw new Error(
      `Cannot generate AWS data: ${reason}. It needs python3 with botocore and moto (${install}); the committed files in src/aws/generated stay as they are.`,
    );
  }
  const [dir = "", version = ""] = output.trim().split("\n");
  return { dir, version };
}

export interface Sources {
  botocore: PythonPackage;
  moto: PythonPackage;
}

export function locateSources(): Sources {
  return {
    botocore: locate("botocore", "pip install botocore moto"),
    moto: locate("moto", "pip install botocore moto"),
  };
}

function readMaybeGzipped(path: string): unknown {
  const file = existsSync(path) ? path : `${path}.gz`;
  const raw = readFileSync(file);
  return JSON.parse((file.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8"));
}

// --- botocore's JSON, as far as it is read here ----------------------------------------------

interface BotoMember {
  shape: string;
  location?: string;
  locationName?: string;
  idempotencyToken?: boolean;
}
interface BotoShape {
  type: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  required?: string[];
  members?: Record<string, BotoMember>;
  union?: boolean;
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  payload?: string;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  exception?: boolean;
  fault?: boolean;
}
interface BotoOperation {
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
}
interface BotoModel {
  metadata: {
    apiVersion: string;
    protocol: string;
    endpointPrefix: string;
    signingName?: string;
    targetPrefix?: string;
  };
  operations: Record<string, BotoOperation>;
  shapes: Record<string, BotoShape>;
}

/** Sorts object keys recursively (arrays keep their order) for stable output. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
  );
}

function slimShape(shape: BotoShape): ModelShape {
  const slim: Record<string, unknown> = {
    type: shape.type,
    min: shape.min,
    max: shape.max,
    pattern: shape.pattern,
    enum: shape.enum,
    required: shape.required && [...shape.required].sort(),
    union: shape.union,
    member: shape.member?.shape,
    key: shape.key?.shape,
    value: shape.value?.shape,
    payload: shape.payload,
    error: shape.error,
    exception: shape.exception,
    fault: shape.fault,
    members:
      shape.members &&
      Object.fromEntries(
        Object.entries(shape.members).map(([name, member]) => [
          name,
          {
            shape: member.shape,
            location: member.location,
            locationName: member.locationName,
            idempotencyToken: member.idempotencyToken,
          },
        ]),
      ),
  };
  // The JSON round trip drops the traits the shape does not have.
  return JSON.parse(JSON.stringify(slim)) as ModelShape;
}

function newestModelFile(botocore: string, service: string): { file: string; apiVersion: string } {
  const dir = join(botocore, "data", service);
  const versions = readdirSync(dir)
    .filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name))
    .sort();
  const apiVersion = versions.at(-1);
  if (apiVersion === undefined) throw new Error(`botocore has no model for ${service} in ${dir}`);
  return { file: join(dir, apiVersion, "service-2.json"), apiVersion };
}

/** A service's operations and every shape reachable from their inputs, outputs and errors. */
export function serviceModel(botocore: string, service: string): ServiceModel {
  const { file } = newestModelFile(botocore, service);
  const model = readMaybeGzipped(file) as BotoModel;
  const reached = new Set<string>();
  const reach = (name: string) => {
    if (reached.has(name)) return;
    const shape = model.shapes[name];
    if (shape === undefined)
      throw new Error(`${service}: shape ${name} is referenced, not defined`);
    reached.add(name);
    for (const member of Object.values(shape.members ?? {})) reach(member.shape);
    for (const inner of [shape.member, shape.key, shape.value]) if (inner) reach(inner.shape);
  };
  const operations: Record<string, ModelOperation> = {};
  for (const [name, operation] of Object.entries(model.operations)) {
    const errors = (operation.errors ?? []).map((error) => error.shape).sort();
    for (const shape of [operation.input?.shape, operation.output?.shape, ...errors]) {
      if (shape) reach(shape);
    }
    operations[name] = JSON.parse(
      JSON.stringify({
        http: operation.http,
        input: operation.input?.shape,
        output: operation.output?.shape,
        errors,
      }),
    ) as ModelOperation;
  }
  const { metadata } = model;
  return sorted({
    service,
    apiVersion: metadata.apiVersion,
    protocol: metadata.protocol,
    endpointPrefix: metadata.endpointPrefix,
    signingName: metadata.signingName ?? metadata.endpointPrefix,
    targetPrefix: metadata.targetPrefix,
    operations,
    shapes: Object.fromEntries(
      [...reached].map((name) => [name, slimShape(model.shapes[name] as BotoShape)]),
    ),
  }) as ServiceModel;
}

// --- regions -----------------------------------------------------------------------------

interface BotoPartition {
  id: string;
  regionRegex: string;
  regions: Record<string, unknown>;
}
interface BotoEndpoints {
  partitions: {
    partition: string;
    regions: Record<string, unknown>;
    services: Record<string, { endpoints: Record<string, { deprecated?: boolean }> }>;
  }[];
}
type SsmTree = { [name: string]: SsmTree } & { Value?: string };

/** Region names per partition (pseudo-regions such as `aws-global` left out), sorted. */
export function partitionRegions(botocore: string): Record<string, string[]> {
  const { partitions } = readMaybeGzipped(join(botocore, "data", "partitions.json")) as {
    partitions: BotoPartition[];
  };
  return Object.fromEntries(
    partitions
      .map((partition) => {
        const pattern = new RegExp(partition.regionRegex);
        const regions = Object.keys(partition.regions).filter((region) => pattern.test(region));
        return [partition.id, regions.sort()] as const;
      })
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** Where each service exists, per partition. */
export function serviceRegions(
  sources: Sources,
  models: Record<string, ServiceModel>,
): Record<string, Record<string, string[]>> {
  const botocore = sources.botocore.dir;
  const partitions = readMaybeGzipped(join(botocore, "data", "partitions.json")) as {
    partitions: BotoPartition[];
  };
  const regionsByPartition = partitionRegions(botocore);
  const partitionOf = (region: string): string | undefined =>
    Object.entries(regionsByPartition).find(([, regions]) => regions.includes(region))?.[0] ??
    partitions.partitions.find((partition) => new RegExp(partition.regionRegex).test(region))?.id;

  const endpoints = readMaybeGzipped(join(botocore, "data", "endpoints.json")) as BotoEndpoints;
  const ssm = readMaybeGzipped(join(sources.moto.dir, "ssm", "resources", "services.json")) as {
    aws: { service: { "global-infrastructure": { services: SsmTree } } };
  };
  const published = ssm.aws.service["global-infrastructure"].services;

  const result: Record<string, Record<string, string[]>> = {};
  for (const [service, model] of Object.entries(models)) {
    const found = new Map<string, Set<string>>();
    const add = (region: string) => {
      const partition = partitionOf(region);
      // Only real region names: not `fips-…`, `…-fips` or `aws-global` endpoint aliases.
      if (partition === undefined || !regionsByPartition[partition]?.includes(region)) return;
      if (!found.has(partition)) found.set(partition, new Set());
      found.get(partition)?.add(region);
    };
    for (const partition of endpoints.partitions) {
      const listed = partition.services[model.endpointPrefix]?.endpoints ?? {};
      for (const [region, endpoint] of Object.entries(listed)) {
        if (!endpoint.deprecated) add(region);
      }
    }
    for (const region of Object.keys(published[service]?.regions ?? {})) {
      if (region !== "Value") add(region);
    }
    if (found.size === 0) throw new Error(`No region data for ${service} in botocore or moto`);
    result[service] = Object.fromEntries(
      [...found.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([partition, regions]) => [partition, [...regions].sort()]),
    );
  }
  return result;
}

// --- output ------------------------------------------------------------------------------

function header(what: string, versions: string): string {
  return [
    "// Generated by scripts/generate-aws-data.ts (npm run generate:aws): do not edit.",
    `// ${what}`,
    `// From ${versions}.`,
    "",
  ].join("\n");
}

const variableName = (service: string) =>
  `${service.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())}Model`;

/** Every generated file, by name in src/aws/generated, with its content. */
export function generateAwsData(sources: Sources = locateSources()): Map<string, string> {
  const files = new Map<string, string>();
  const models: Record<string, ServiceModel> = {};
  for (const service of SERVICES) {
    const model = serviceModel(sources.botocore.dir, service);
    models[service] = model;
    const { file } = newestModelFile(sources.botocore.dir, service);
    files.set(
      `${service}.ts`,
      `${header(`The ${service} model: botocore's data/${file.split("/data/")[1]}.`, `botocore ${sources.botocore.version}`)}
import type { ServiceModel } from "../model.js";

export const ${variableName(service)}: ServiceModel = ${JSON.stringify(model, null, 2)};
`,
    );
  }
  const regions = serviceRegions(sources, models);
  files.set(
    "regions.ts",
    `${header(
      "Regions per partition (botocore's data/partitions.json) and where each service exists (botocore's data/endpoints.json and\n// AWS's SSM parameters /aws/service/global-infrastructure/services/<service>/regions as moto ships them).",
      `botocore ${sources.botocore.version} and moto ${sources.moto.version}`,
    )}
/** Every region of each partition. */
export const PARTITION_REGIONS: Readonly<Record<string, readonly string[]>> = ${JSON.stringify(partitionRegions(sources.botocore.dir), null, 2)};

/** Where each service exists, per partition. */
export const SERVICE_PARTITION_REGIONS: Readonly<
  Record<${SERVICES.map((service) => JSON.stringify(service)).join(" | ")}, Readonly<Record<string, readonly string[]>>>
> = ${JSON.stringify(sorted(regions), null, 2)};
`,
  );
  return files;
}

function main(): void {
  const sources = locateSources();
  mkdirSync(GENERATED_DIR, { recursive: true });
  for (const [name, content] of generateAwsData(sources)) {
    writeFileSync(join(GENERATED_DIR, name), content);
    console.log(`wrote src/aws/generated/${name}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
