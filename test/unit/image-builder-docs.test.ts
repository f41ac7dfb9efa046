import { readFile } from "node:fs/promises";
import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";

/** Every ```graphql block of docs/image-builder.md is a valid operation of the printed schema. */
describe("docs/image-builder.md examples", () => {
  it("validate against the schema", async () => {
    const page = await readFile(new URL("../../docs/image-builder.md", import.meta.url), "utf8");
    const schema = buildSchema(
      await readFile(new URL("../../schema/schema.graphql", import.meta.url), "utf8"),
    );
    const blocks = [...page.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const block of blocks) {
      expect(validate(schema, parse(block)).map((error) => error.message)).toEqual([]);
    }
  });
});
