import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import type { GraphiQLOptions } from "graphql-yoga";
import { GRAPHIQL_EXAMPLES } from "./graphiql-examples.js";

/** GraphiQL's settings: one tab per example, used until the browser has tabs of its own saved. */
export const graphiqlOptions: GraphiQLOptions = {
  title: "AWS image graph",
  defaultTabs: GRAPHIQL_EXAMPLES.map((example) => ({ query: example.query })),
};

/**
 * Renders GraphiQL with its scripts, styles, editor workers and favicon inlined (from
 * `@graphql-yoga/render-graphiql`), so the page needs no CDN and works offline. The page is about
 * 9 MB, so it is kept: yoga passes a fresh copy of the same options on every request.
 */
export function renderOfflineGraphiQL(options: GraphiQLOptions): string {
  const key = JSON.stringify(options);
  if (cached?.key !== key) cached = { key, html: renderGraphiQL(options) };
  return cached.html;
}

let cached: { key: string; html: string } | undefined;
