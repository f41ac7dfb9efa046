import { readFile, writeFile } from "node:fs/promises";
import { printSchema } from "graphql";
import { schema } from "./src/graph/schema.js";

/**
 * Prints the Pothos schema, sorted, to schema/schema.graphql. With --check it changes nothing and
 * fails when the committed file differs, so CI catches a schema change that was not regenerated.
 */
const target = new URL("./schema/schema.graphql", import.meta.url);
const printed = `${printSchema(schema)}\n`;

if (process.argv.includes("--check")) {
  const committed = await readFile(target, "utf8").catch(() => "");
  if (committed !== printed) {
    console.error(
      "schema/schema.graphql is stale: the Pothos schema changed. Run `npm run codegen` and commit the result.",
    );
    process.exit(1);
  }
  console.log("schema/schema.graphql is up to date.");
} else {
  await writeFile(target, printed);
  console.log("Wrote schema/schema.graphql.");
}
