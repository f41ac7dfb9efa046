import type { GraphiQLOptions } from "graphql-yoga";
import { GRAPHIQL_EXAMPLES } from "./graphiql-examples.js";

/** GraphiQL's settings: one tab per example, used until the browser has tabs of its own saved. */
export const graphiqlOptions: GraphiQLOptions = {
  title: "AWS image graph",
  defaultTabs: GRAPHIQL_EXAMPLES.map((example) => ({ query: example.query })),
};

/**
 * Renders GraphiQL with its scripts, styles, editor workers and favicon inlined (from
 * `@graphql-yoga/render-graphiql`), so the page needs no CDN and works offline. The renderer is
 * imported on the first page view only: loading it costs about 85 MB of memory, which a gateway
 * that only answers API calls never pays. The page (about 9 MB) is then kept, because yoga passes
 * a fresh copy of the same options on every request.
 */
export async function renderOfflineGraphiQL(options: GraphiQLOptions): Promise<string> {
  const key = JSON.stringify(options);
  if (cached?.key !== key) {
    const { renderGraphiQL } = await import("@graphql-yoga/render-graphiql");
    cached = { key, html: renderGraphiQL(options) };
  }
  return cached.html;
}

let cached: { key: string; html: string } | undefined;
