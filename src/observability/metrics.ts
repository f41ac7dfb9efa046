import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** The gateway's Prometheus metrics, one registry per gateway so instances never share counts. */
export class GatewayMetrics {
  readonly registry = new Registry();

  readonly awsCalls = new Counter({
    name: "gateway_aws_calls_total",
    help: "AWS calls made by the gateway, by service, operation and outcome (ok or the error code).",
    labelNames: ["service", "operation", "outcome"] as const,
    registers: [this.registry],
  });

  readonly awsCallsCoalesced = new Counter({
    name: "gateway_aws_calls_coalesced_total",
    help: "AWS calls saved: a request's call answered by an identical call already in flight for another request (AWS_COALESCE_CALLS), by service and operation.",
    labelNames: ["service", "operation"] as const,
    registers: [this.registry],
  });

  readonly awsAttempts = new Counter({
    name: "gateway_aws_call_attempts_total",
    help: "HTTP attempts behind the AWS calls, retries included.",
    labelNames: ["service", "operation"] as const,
    registers: [this.registry],
  });

  readonly awsCallDuration = new Histogram({
    name: "gateway_aws_call_duration_seconds",
    help: "Time an AWS call took, retries and waiting for a concurrency slot included.",
    labelNames: ["service", "operation"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly requestsInFlight = new Gauge({
    name: "gateway_http_requests_in_flight",
    help: "HTTP requests being served right now, this scrape included.",
    registers: [this.registry],
  });

  readonly responseCache = new Counter({
    name: "gateway_response_cache_requests_total",
    help: "Queries answered from the response cache (hit) or executed (miss), with RESPONSE_CACHE on.",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  readonly responseCacheErrors = new Counter({
    name: "gateway_response_cache_errors_total",
    help: "Response cache operations that failed (Redis unavailable); the request was answered uncached.",
    labelNames: ["operation"] as const,
    registers: [this.registry],
  });
}
