import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import type { Plugin } from "graphql-yoga";
import { gatewayError } from "../graph/errors.js";

/**
 * Headers a web page cannot add to a cross-site request without a CORS preflight, which
 * CORS_ORIGINS then decides. Any one, with any value, marks a request as not forged: ours, yoga's
 * and the two Apollo clients and servers use.
 */
export const PREFLIGHT_HEADERS = [
  "x-graphql-csrf",
  "x-graphql-yoga-csrf",
  "apollo-require-preflight",
  "x-apollo-operation-name",
];

/**
 * No cross-site request forgery: a request any web page can make through its visitor's browser
 * without a preflight (a GET, or a POST as application/x-www-form-urlencoded, multipart/form-data
 * or text/plain) runs nothing unless it carries one of PREFLIGHT_HEADERS. The browser would hide
 * the answer from the page, but the operation would already have run. The check is yoga's CSRF
 * prevention plugin; this only gives its refusal a message that says what to send instead.
 */
export function usePreflightRequired(): Plugin {
  const guard = useCSRFPrevention({ requestHeaders: PREFLIGHT_HEADERS });
  return {
    async onRequestParse(payload) {
      try {
        await guard.onRequestParse?.(payload);
      } catch {
        throw gatewayError(
          "CSRF_PREFLIGHT_REQUIRED",
          `This request has a form any web page can send through its visitor's browser (a GET, or a POST as application/x-www-form-urlencoded, multipart/form-data or text/plain), so the gateway runs nothing from it. Send a POST with \`content-type: application/json\`, or add one of the headers ${PREFLIGHT_HEADERS.join(", ")} (any value).`,
          { http: { status: 403 } },
        );
      }
    },
  };
}
