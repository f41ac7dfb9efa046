import { printSubgraphSchema } from "@apollo/subgraph";
import { lexicographicSortSchema, printSchema } from "graphql";
import { plainSchema, subgraphSchema } from "../src/graph/schema.js";

export interface PrintedSchema {
  /** Path relative to the repository root. */
  file: string;
  /** The SDL, ending in exactly one newline. */
  text: string;
}

/** schema/schema.graphql: the API clients code against (what GATEWAY_SCHEMA=plain serves). */
export const PLAIN_SCHEMA_FILE = "schema/schema.graphql";
/** schema/subgraph.graphql: the Federation v2 subgraph SDL with its directives, for composition. */
export const SUBGRAPH_SCHEMA_FILE = "schema/subgraph.graphql";

const withNewline = (text: string) => `${text.trimEnd()}\n`;

/** The Pothos schema printed as it is committed, sorted so diffs read well. */
export function printSchemas(): PrintedSchema[] {
  return [
    {
      file: PLAIN_SCHEMA_FILE,
      text: withNewline(printSchema(lexicographicSortSchema(plainSchema))),
    },
    {
      file: SUBGRAPH_SCHEMA_FILE,
      text: withNewline(printSubgraphSchema(lexicographicSortSchema(subgraphSchema))),
    },
  ];
}

/** The text of schema/schema.graphql as the Pothos schema prints it now. */
export function printPlainSchema(): string {
  return withNewline(printSchema(lexicographicSortSchema(plainSchema)));
}
