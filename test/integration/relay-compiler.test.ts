import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");

/** relay-compiler, from npm, compiles the fragments in test/relay against the printed schema. */
describe("relay-compiler", () => {
  let workdir: string;
  beforeAll(async () => {
    workdir = await mkdtemp(join(tmpdir(), "relay-"));
  });
  afterAll(() => rm(workdir, { recursive: true, force: true }));

  async function compile(schema: string) {
    const config = join(workdir, "relay.config.json");
    await mkdir(join(workdir, "__generated__"), { recursive: true });
    await writeFile(
      config,
      JSON.stringify({
        src: join(root, "test/relay/src"),
        schema,
        language: "typescript",
        artifactDirectory: join(workdir, "__generated__"),
      }),
    );
    return run(process.execPath, [join(root, "node_modules/relay-compiler/cli.js"), config], {
      cwd: workdir,
    });
  }

  it("accepts @connection and @refetchable fragments against schema/schema.graphql", async () => {
    await compile(join(root, "schema/schema.graphql"));
    const artifacts = await readdir(join(workdir, "__generated__"));
    expect(artifacts).toEqual(
      expect.arrayContaining([
        "ImagePackagesPaginationQuery.graphql.ts",
        "WorkflowStepsPaginationQuery.graphql.ts",
        "ImageSetVersionsPaginationQuery.graphql.ts",
        "AppStreamImageRefetchQuery.graphql.ts",
        // A selection across Node types that share field names.
        "fragmentsAnyImage_node.graphql.ts",
        "PipelineBuildsPaginationQuery.graphql.ts",
        "BuildWorkflowsPaginationQuery.graphql.ts",
      ]),
    );
    // Refetching goes through the Node interface's `node(id:)` field.
    const refetch = await readFile(
      join(workdir, "__generated__/ImagePackagesPaginationQuery.graphql.ts"),
      "utf8",
    );
    expect(refetch).toContain('"name": "node"');
  });

  it("rejects the same fragments against a schema without Node (the check can fail)", async () => {
    const schema = await readFile(join(root, "schema/schema.graphql"), "utf8");
    const broken = join(workdir, "broken.graphql");
    await writeFile(broken, schema.replace(/\n {2}node\(\n[\s\S]*?\): Node\n/, "\n"));
    await expect(compile(broken)).rejects.toThrow(/Invalid use of @refetchable/);
  });
});
