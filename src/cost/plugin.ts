import type { DocumentNode, GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { GatewayContext } from "../context.js";
import { gatewayError } from "../graph/errors.js";
import { partitionCount } from "../graph/partitions.js";
import { type CostEstimate, estimateCost } from "./estimate.js";
import type { CostLimits } from "./limits.js";
import type { Spent } from "./request-allowance.js";

const count = (value: number) =>
  Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "too many to count";

/** JSON has no Infinity: a walk too large to finish is reported as the largest safe integer. */
const finite = (value: number) => Math.min(value, Number.MAX_SAFE_INTEGER);

/**
 * The errors of an estimate over the limits, one per limit it breaks. `spent` is what the
 * operations before it in the same HTTP request (a batch) took of the limits.
 */
export function costErrors(
  estimate: CostEstimate,
  limits: CostLimits,
  spent: Readonly<Spent> = { awsCalls: 0, resultNodes: 0, operations: 0 },
): GraphQLError[] {
  if (estimate.tooComplex) {
    return [
      gatewayError(
        "QUERY_TOO_COMPLEX",
        `This document's fragments fan out too far to estimate its cost: the analysis passed ${count(estimate.tooComplex.maxSteps)} steps. Spread each fragment in fewer places, or select the fields directly.`,
        { maxSteps: estimate.tooComplex.maxSteps },
      ),
    ];
  }
  const errors: GraphQLError[] = [];
  if (estimate.resultNodes > limits.maxResultNodes) {
    const heaviest = estimate.heaviest
      ? ` The largest part is ${estimate.heaviest.path} with ${count(estimate.heaviest.nodes)}.`
      : "";
    errors.push(
      gatewayError(
        "RESULT_TOO_LARGE",
        `This query could return ${count(estimate.resultNodes)} nodes, over the limit of ${count(limits.maxResultNodes)} (MAX_RESULT_NODES).${heaviest} Ask for smaller pages (first) or nest fewer connections.`,
        {
          estimate: finite(estimate.resultNodes),
          limit: limits.maxResultNodes,
          path: estimate.heaviest?.path,
        },
      ),
    );
  } else if (spent.resultNodes + estimate.resultNodes > limits.maxResultNodes) {
    const left = limits.maxResultNodes - spent.resultNodes;
    errors.push(
      gatewayError(
        "RESULT_TOO_LARGE",
        `This query could return ${count(estimate.resultNodes)} nodes, but ${earlierOperations(spent)} ${count(spent.resultNodes)} of the limit of ${count(limits.maxResultNodes)} per request (MAX_RESULT_NODES), leaving ${count(left)}. Send it in another request, or ask for smaller pages (first).`,
        {
          estimate: finite(estimate.resultNodes),
          limit: limits.maxResultNodes,
          remaining: left,
        },
      ),
    );
  }
  if (estimate.awsCalls > limits.maxAwsCallsPerRequest) {
    errors.push(
      gatewayError(
        "COST_ESTIMATED_TOO_EXPENSIVE",
        `This query is estimated to cost ${count(estimate.awsCalls)} AWS calls, over the limit of ${count(limits.maxAwsCallsPerRequest)} per request (MAX_AWS_CALLS_PER_REQUEST). Ask for fewer items or look-ups, or split the query.`,
        { estimate: finite(estimate.awsCalls), limit: limits.maxAwsCallsPerRequest },
      ),
    );
  } else if (spent.awsCalls + estimate.awsCalls > limits.maxAwsCallsPerRequest) {
    const left = limits.maxAwsCallsPerRequest - spent.awsCalls;
    errors.push(
      gatewayError(
        "COST_ESTIMATED_TOO_EXPENSIVE",
        `This query is estimated to cost ${count(estimate.awsCalls)} AWS calls, but ${earlierOperations(spent)} ${count(spent.awsCalls)} of the limit of ${count(limits.maxAwsCallsPerRequest)} per request (MAX_AWS_CALLS_PER_REQUEST), leaving ${count(left)}. Send it in another request.`,
        {
          estimate: finite(estimate.awsCalls),
          limit: limits.maxAwsCallsPerRequest,
          remaining: left,
        },
      ),
    );
  }
  return errors;
}

/** Who took what a batched operation finds spent, as the subject of "… of the limit". */
const earlierOperations = (spent: Readonly<Spent>) =>
  spent.operations === 1
    ? "another operation of its batch already takes"
    : `${spent.operations} other operations of its batch already take`;

/** Estimates kept per parsed document (yoga reuses one DocumentNode per query text). */
const ESTIMATES_PER_DOCUMENT = 32;

/**
 * Estimates each operation's cost from its document and variables, after validation and before
 * execution, and refuses it without any AWS call when it is over a limit, or over what the
 * operations before it in the same batch left of the request's limits. The estimate depends only
 * on the document, the operation and the variables, so a repeated query reuses it.
 */
export function useCostEstimate(): Plugin<GatewayContext> {
  const estimates = new WeakMap<DocumentNode, Map<string, CostEstimate>>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue;
      let byInput = estimates.get(args.document);
      if (!byInput) {
        byInput = new Map();
        estimates.set(args.document, byInput);
      }
      const inputKey = `${args.operationName ?? ""}\0${JSON.stringify(args.variableValues ?? null)}`;
      let estimate = byInput.get(inputKey);
      if (!estimate) {
        estimate = estimateCost({
          schema: args.schema,
          document: args.document,
          operationName: args.operationName,
          variables: args.variableValues,
          paging: context.paging,
          defaultRegion: context.clients.defaultRegion,
          partitions: (service, fieldArgs) => partitionCount(service, fieldArgs, context.clients),
        });
        if (byInput.size >= ESTIMATES_PER_DOCUMENT) byInput.clear();
        byInput.set(inputKey, estimate);
      }
      context.estimatedAwsCalls = finite(estimate.awsCalls);
      const { allowance } = context;
      if (allowance.admit(estimate)) return;
      const errors = costErrors(estimate, context.costLimits, allowance.spent);
      setResultAndStopExecution({
        errors,
        // The debug extension never sees a stopped execution, so report the cost here.
        ...(context.showAwsCalls
          ? { extensions: { awsCalls: [], cost: costExtension(context) } }
          : undefined),
      });
    },
  };
}

/** `extensions.cost` of the debug output: the estimate and the calls actually made. */
export function costExtension(context: GatewayContext) {
  return { estimated: context.estimatedAwsCalls ?? 0, actual: context.aws.callsMade };
}
