import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import type { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Config } from "../config.js";
import { gatewayError } from "../graph/errors.js";

/** What one request may cost; every value comes from the configuration. */
export interface CostLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxResultNodes: number;
  maxAwsCallsPerRequest: number;
}

export function costLimitsFromConfig(config: Config): CostLimits {
  return {
    maxDepth: config.MAX_QUERY_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxTokens: config.MAX_TOKENS,
    maxDirectives: config.MAX_DIRECTIVES,
    maxResultNodes: config.MAX_RESULT_NODES,
    maxAwsCallsPerRequest: config.MAX_AWS_CALLS_PER_REQUEST,
  };
}

/**
 * Rejects a GraphQL Armor finding as QUERY_LIMIT_EXCEEDED, naming the variable that sets the limit.
 * Armor's own errors carry no code and read "Syntax Error: …", which they are not.
 */
function rejectWith(variable: string, max: number) {
  return [
    (_context: unknown, error: GraphQLError): never => {
      const finding = error.message.replace(/^Syntax Error: /, "");
      throw gatewayError(
        "QUERY_LIMIT_EXCEEDED",
        `${finding} The limit is set by ${variable}; split the query or send fewer fields.`,
        { limit: variable, max },
      );
    },
  ];
}

/**
 * Limits on the document itself, checked while it is parsed and validated, before anything runs:
 * tokens (the parser stops at the first one over), depth, aliases and directives. What the
 * document costs in results and AWS calls is the cost plugin's business, not Armor's cost limit.
 */
export function documentLimitsPlugin(limits: CostLimits): Plugin {
  return EnvelopArmorPlugin({
    maxTokens: { n: limits.maxTokens, onReject: rejectWith("MAX_TOKENS", limits.maxTokens) },
    maxDepth: {
      n: limits.maxDepth,
      // Fragments are how clients share selections, not extra depth in the answer.
      flattenFragments: true,
      // GraphiQL's introspection query is deep by nature and costs no AWS call.
      ignoreIntrospection: true,
      onReject: rejectWith("MAX_QUERY_DEPTH", limits.maxDepth),
    },
    maxAliases: { n: limits.maxAliases, onReject: rejectWith("MAX_ALIASES", limits.maxAliases) },
    maxDirectives: {
      n: limits.maxDirectives,
      onReject: rejectWith("MAX_DIRECTIVES", limits.maxDirectives),
    },
    costLimit: { enabled: false },
    // Suggestions help people write queries; the schema is public (introspection is on).
    blockFieldSuggestion: { enabled: false },
  }) as Plugin;
}
