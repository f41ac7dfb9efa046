import type { Plugin } from "graphql-yoga";

/**
 * Answers a path the gateway does not serve with 404 and a GraphQL-shaped error naming the
 * endpoint, instead of yoga's empty 404, so a client with a wrong URL learns where to go.
 */
export function answerUnknownPaths(endpoint: string): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === endpoint || url.pathname === `${endpoint}/`) return;
      endResponse(
        fetchAPI.Response.json(
          {
            errors: [
              {
                message: `Nothing is served at ${url.pathname.slice(0, 100)}: GraphQL is at ${endpoint}; /health, /ready and /metrics answer probes.`,
                extensions: { code: "NOT_FOUND" },
              },
            ],
          },
          { status: 404, headers: { "cache-control": "no-store" } },
        ),
      );
    },
  };
}
