import type { RequestListener } from "node:http";
import type { Plugin } from "graphql-yoga";
import type { GatewayContext } from "../context.js";
import { costExtension } from "../cost/plugin.js";
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

/**
 * Once the gateway drains, every response says `Connection: close`, whatever yoga set (an event
 * stream says keep-alive), so clients open their next connection to another instance.
 */
export function closeConnectionsWhileDraining(readiness: Readiness): Plugin {
  return {
    onResponse({ response }) {
      if (readiness.isDraining) response.headers.set("connection", "close");
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

/** Serves only GET /metrics, on a port of its own (METRICS_PORT) that can stay off the network. */
export function metricsListener(metrics: GatewayMetrics): RequestListener {
  return async (request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://metrics");
    if (pathname !== "/metrics" || request.method !== "GET") {
      response
        .writeHead(404, { "content-type": "text/plain" })
        .end("Metrics are at GET /metrics.\n");
      return;
    }
    const body = await metrics.registry.metrics();
    response.writeHead(200, { "content-type": metrics.registry.contentType }).end(body);
  };
}

/**
 * Lists the AWS calls a request made in `extensions.awsCalls`, and the calls it was estimated to
 * cost beside those it made in `extensions.cost`, when it asked with `x-gateway-debug: calls` and
 * debugging is enabled: the cheapest way to see what a query costs.
 */
export function useAwsCallsExtension(): Plugin<GatewayContext> {
  return {
    onExecute() {
      return {
        onExecuteDone({ args, result, setResult }) {
          const { awsCalls: calls, showAwsCalls } = args.contextValue;
          if (!showAwsCalls || Symbol.asyncIterator in result) return;
          setResult({
            ...result,
            extensions: {
              ...result.extensions,
              awsCalls: calls,
              cost: costExtension(args.contextValue),
            },
          });
        },
      };
    },
  };
}
