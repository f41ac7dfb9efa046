import { SpanKind, SpanStatusCode, type Tracer } from "@opentelemetry/api";
import type { SpanExporter } from "@opentelemetry/sdk-trace-node";
import type { Plugin } from "graphql-yoga";
import type { AwsCallDescription, CredentialCallDescription } from "../aws/services.js";

export interface TracingOptions {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: spans go to `<endpoint>/v1/traces` over OTLP/HTTP. */
  endpoint?: string;
  serviceName: string;
  /** Instead of OTLP, hand spans to this exporter as each ends (tests). */
  exporter?: SpanExporter;
}

/** Tracing when it is on: the tracer the AWS calls use, the operation plugin, and its flush. */
export interface Tracing {
  tracer: Tracer;
  plugin: Plugin;
  /** Sends the spans still buffered and stops. */
  shutdown(): Promise<void>;
}

/** The trace endpoint of an OTLP/HTTP base URL, as the OpenTelemetry specification builds it. */
export function otlpTracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, "")}/v1/traces`;
}

/**
 * Tracing as configured, or undefined when it is off (the default: no endpoint, no exporter).
 * The OpenTelemetry SDK is loaded only then: it costs about 16 MB of memory.
 */
export async function createTracing(options: TracingOptions): Promise<Tracing | undefined> {
  const { endpoint, exporter } = options;
  if (!endpoint && !exporter) return undefined;
  const [
    { useOpenTelemetry },
    { OTLPTraceExporter },
    { resourceFromAttributes },
    { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor },
    { ATTR_SERVICE_NAME },
  ] = await Promise.all([
    import("@envelop/opentelemetry"),
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/resources"),
    import("@opentelemetry/sdk-trace-node"),
    import("@opentelemetry/semantic-conventions"),
  ]);
  const spanProcessor = exporter
    ? new SimpleSpanProcessor(exporter)
    : new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl(endpoint as string) }));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: [spanProcessor],
  });
  // AWS-call spans find their operation's span through the async context; the first gateway in a
  // process installs the context manager (later ones find it there).
  provider.register();
  // A span per GraphQL operation, named `query.OperationName`. Documents and variables stay out
  // of it (they carry cursors and identifiers), and so do per-field spans (one per AWS call is
  // enough).
  const operationSpans = useOpenTelemetry(
    { document: false, variables: false, result: false, resolvers: false },
    provider,
    SpanKind.SERVER,
    {},
    "aws-image-graph",
  ) as Plugin;
  return {
    tracer: provider.getTracer("aws-image-graph"),
    plugin: operationSpans,
    shutdown: () => provider.shutdown(),
  };
}

/** What the call gate reports when an AWS call ends. */
export interface AwsCallEnd {
  outcome: string;
  attempts: number;
  requestId?: string;
  httpStatusCode?: number;
}

/**
 * A client span for one AWS call, retries included, in the semantic conventions' `rpc.*` and
 * `aws.*` attributes, plus the attempts the SDK made.
 */
export function startAwsCallSpan(
  tracer: Tracer,
  call: AwsCallDescription | CredentialCallDescription,
) {
  const span = tracer.startSpan(`${call.service}.${call.operation}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      "rpc.system": "aws-api",
      "rpc.service": call.service,
      "rpc.method": call.operation,
      "cloud.region": call.region,
    },
  });
  return {
    end({ outcome, attempts, requestId, httpStatusCode }: AwsCallEnd): void {
      span.setAttributes({
        "aws.request_id": requestId,
        "aws.attempts": attempts,
        "http.response.status_code": httpStatusCode,
        "gateway.outcome": outcome,
      });
      if (outcome !== "ok") span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
      span.end();
    },
  };
}
