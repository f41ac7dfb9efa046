import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type CodegenConfig, generate } from "@graphql-codegen/cli";
import { PLAIN_SCHEMA_FILE, printSchemas } from "./scripts/print-schema.js";

/**
 * `npm run codegen`, in one run:
 * 1. prints the Pothos schema, sorted so diffs read well, to
 *    - schema/schema.graphql: the API clients code against (what GATEWAY_SCHEMA=plain serves);
 *    - schema/subgraph.graphql: the Federation v2 subgraph SDL with its directives;
 * 2. generates typed documents (GraphQL Code Generator, client preset) for the operations in
 *    test/operations/*.graphql into test/generated/, from the schema/schema.graphql just printed.
 *
 * With --check it writes nothing: it prints and generates into memory (the schema through a
 * temporary file) and fails when a committed file differs, is missing, or is left over.
 */

const ROOT = fileURLToPath(new URL(".", import.meta.url));
const OPERATIONS_DIR = "test/operations";
const GENERATED_DIR = "test/generated/";

interface GeneratedFile {
  /** Path relative to the repository root. */
  file: string;
  text: string;
}

/** The operation documents, in a fixed order so the output does not depend on the file system. */
async function operationFiles(): Promise<string[]> {
  const names = await readdir(join(ROOT, OPERATIONS_DIR));
  return names
    .filter((name) => name.endsWith(".graphql"))
    .sort()
    .map((name) => `${OPERATIONS_DIR}/${name}`);
}

function codegenConfig(schemaFile: string, documents: string[]): CodegenConfig & { cwd: string } {
  return {
    cwd: ROOT,
    schema: schemaFile,
    documents,
    silent: true,
    generates: {
      [GENERATED_DIR]: {
        preset: "client",
        // Operations select fields directly; no fragment masking, so results are plain types.
        presetConfig: { fragmentMasking: false },
        config: {
          // tsconfig: verbatimModuleSyntax and NodeNext need `import type` and `.js` suffixes.
          useTypeImports: true,
          importExtension: ".js",
          // DateTime travels as an ISO 8601 string; any other custom scalar must be mapped here.
          scalars: { DateTime: "string" },
          strictScalars: true,
          enumType: "string-literal",
        },
      },
    },
  };
}

/** Runs GraphQL Code Generator; with `save` it writes the files itself, skipping unchanged ones. */
async function generateDocuments(schemaFile: string, save: boolean): Promise<GeneratedFile[]> {
  const outputs: Array<{ filename: string; content: string }> = await generate(
    codegenConfig(schemaFile, await operationFiles()),
    save,
  );
  return outputs
    .map(({ filename, content }) => ({ file: relative(ROOT, join(ROOT, filename)), text: content }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Every file under test/generated/, relative to the repository root. */
async function committedGeneratedFiles(): Promise<string[]> {
  const entries = await readdir(join(ROOT, GENERATED_DIR), {
    recursive: true,
    withFileTypes: true,
  }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

const readCommitted = (file: string) => readFile(join(ROOT, file), "utf8").catch(() => undefined);

async function check(): Promise<string[]> {
  const stale: string[] = [];
  const schemas = printSchemas();
  for (const { file, text } of schemas) {
    const committed = await readCommitted(file);
    if (committed !== text)
      stale.push(
        `${file} is ${committed === undefined ? "missing" : "stale"}: the Pothos schema changed.`,
      );
  }

  // Generate from the schema as printed now, not from the committed (possibly stale) file.
  const plain = schemas.find((schema) => schema.file === PLAIN_SCHEMA_FILE);
  if (!plain) throw new Error(`${PLAIN_SCHEMA_FILE} is not printed`);
  const temp = await mkdtemp(join(tmpdir(), "codegen-check-"));
  let generated: GeneratedFile[];
  try {
    const schemaFile = join(temp, "schema.graphql");
    await writeFile(schemaFile, plain.text);
    generated = await generateDocuments(schemaFile, false);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  for (const { file, text } of generated) {
    const committed = await readCommitted(file);
    if (committed === undefined) stale.push(`${file} is missing.`);
    else if (committed !== text)
      stale.push(`${file} is stale: the schema or test/operations changed.`);
  }
  const expected = new Set(generated.map(({ file }) => file));
  for (const file of await committedGeneratedFiles()) {
    if (!expected.has(file)) stale.push(`${file} is left over: codegen no longer generates it.`);
  }
  return stale;
}

async function write(): Promise<void> {
  for (const { file, text } of printSchemas()) {
    await writeFile(join(ROOT, file), text);
    console.log(`Wrote ${file}.`);
  }
  await mkdir(join(ROOT, GENERATED_DIR), { recursive: true });
  const generated = await generateDocuments(PLAIN_SCHEMA_FILE, true);
  for (const { file } of generated) console.log(`Wrote ${file}.`);
  const expected = new Set(generated.map(({ file }) => file));
  for (const file of await committedGeneratedFiles()) {
    if (expected.has(file)) continue;
    await rm(join(ROOT, file));
    console.log(`Removed ${file}: no longer generated.`);
  }
}

function describeError(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(describeError).join("\n");
  if (error instanceof Error) {
    const details = "details" in error && typeof error.details === "string" ? error.details : "";
    return [error.message, details].filter(Boolean).join("\n");
  }
  return String(error);
}

try {
  if (process.argv.includes("--check")) {
    const stale = await check();
    if (stale.length > 0) {
      for (const line of stale) console.error(line);
      console.error("Run `npm run codegen` and commit the result.");
      process.exit(1);
    }
    console.log("schema/ and test/generated/ are up to date.");
  } else {
    await write();
  }
} catch (error) {
  console.error(`Codegen failed:\n${describeError(error)}`);
  console.error(
    "When an operation in test/operations no longer validates against the schema, fix the operation or the schema, then run `npm run codegen`.",
  );
  process.exit(1);
}
