import type { Plugin } from "graphql-yoga";
import type { GatewayContext } from "../context.js";
import type { GatewayMetrics } from "./metrics.js";
import type { Readiness } from "./readiness.js";

/**
 * `GET /health` (the process is alive and serving HTTP) and `GET /ready` (it can do its work:
 * see Readiness), beside the GraphQL endpoint, as JSON, without authentication.
 */
export function useHealthEndpoints(readiness: Readiness): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      const headers = { "content-type": "application/json", "cache-control": "no-store" };
      if (url.pathname === "/health") {
        endResponse(fetchAPI.Response.json({ status: "ok" }, { headers }));
      } else if (url.pathname === "/ready") {
        const report = await readiness.report();
        const status = report.status === "ready" ? 200 : 503;
        endResponse(fetchAPI.Response.json(report, { status, headers }));
      }
    },
  };
}

/** Serves the Prometheus metrics at GET /metrics, beside the GraphQL endpoint. */
export function useMetricsEndpoint(metrics: GatewayMetrics): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== "/metrics") return;
      endResponse(
        new fetchAPI.Response(await metrics.registry.metrics(), {
          headers: { "content-type": metrics.registry.contentType },
        }),
      );
    },
  };
}

/**
 * Lists the AWS calls a request made in `extensions.awsCalls`, when it asked with
 * `x-gateway-debug: calls` and debugging is enabled: the cheapest way to see what a query costs.
 */
export function useAwsCallsExtension(): Plugin<GatewayContext> {
  return {
    onExecute() {
      return {
        onExecuteDone({ args, result, setResult }) {
          const { awsCalls: calls, showAwsCalls } = args.contextValue;
          if (!showAwsCalls || Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, awsCalls: calls } });
        },
      };
    },
  };
}
