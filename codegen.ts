import { readFile, writeFile } from "node:fs/promises";
import { printSubgraphSchema } from "@apollo/subgraph";
import { lexicographicSortSchema, printSchema } from "graphql";
import { plainSchema, subgraphSchema } from "./src/graph/schema.js";

/**
 * Prints the Pothos schema, sorted so diffs read well:
 * - schema/schema.graphql: the API clients code against (what GATEWAY_SCHEMA=plain serves);
 * - schema/subgraph.graphql: the Federation v2 subgraph SDL with its directives, for composition.
 * With --check it writes nothing and fails when a committed file differs.
 */
const outputs = [
  { file: "schema/schema.graphql", text: printSchema(lexicographicSortSchema(plainSchema)) },
  {
    file: "schema/subgraph.graphql",
    text: printSubgraphSchema(lexicographicSortSchema(subgraphSchema)),
  },
];

const check = process.argv.includes("--check");
let stale = false;
for (const { file, text } of outputs) {
  const target = new URL(`./${file}`, import.meta.url);
  const printed = `${text.trimEnd()}\n`;
  if (check) {
    const committed = await readFile(target, "utf8").catch(() => "");
    if (committed !== printed) {
      console.error(`${file} is stale: the Pothos schema changed.`);
      stale = true;
    }
  } else {
    await writeFile(target, printed);
    console.log(`Wrote ${file}.`);
  }
}
if (stale) {
  console.error("Run `npm run codegen` and commit the result.");
  process.exit(1);
}
