import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { type GraphiQLOptions, type Plugin, shouldRenderGraphiQL } from "graphql-yoga";
import { PREFLIGHT_HEADERS } from "./csrf.js";
import { GRAPHIQL_EXAMPLES } from "./graphiql-examples.js";

/**
 * GraphiQL's settings: one tab per example, used until the browser has tabs of its own saved.
 * Every request the page sends (introspection, queries, mutations, and the GET that opens a
 * subscription's event stream) carries a preflight header: the page is served from the gateway's
 * own origin, so the header says nothing a page of another site could say without CORS_ORIGINS
 * allowing it.
 */
export const graphiqlOptions: GraphiQLOptions = {
  title: "AWS image graph",
  defaultTabs: GRAPHIQL_EXAMPLES.map((example) => ({ query: example.query })),
  additionalHeaders: { [PREFLIGHT_HEADERS[0] as string]: "graphiql" },
};

/**
 * GraphiQL 5 draws its tabs as draggable, layout-animated motion `Reorder.Item`s. When it mounts
 * its preloaded tabs, each tab is left with an inline `transform: translateX(…)` that never
 * animates back to zero (seen with any bar width, overflowing or not), which draws it over
 * another tab: a click lands on the wrong one (keyboard focus and Enter work, they ignore
 * transforms), and pressing a tab brings its offset back mid-click. Tabs are therefore always
 * drawn where the layout puts them. Dragging still reorders them; the dragged tab just does not
 * follow the pointer between places.
 */
const TAB_FIX = "<style>.graphiql-tab{transform:none!important}</style>";

type Encoding = "br" | "gzip" | "identity";

interface Variant {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

const compressors: Record<Exclude<Encoding, "identity">, (html: Buffer) => Promise<Buffer>> = {
  // Quality 5: within a few percent of the best gzip-beating size, in seconds instead of minutes.
  br: (html) =>
    promisify(brotliCompress)(html, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: html.length,
      },
    }),
  gzip: (html) => promisify(gzip)(html),
};

/**
 * The GraphiQL page, rendered once with its scripts, styles, editor workers and favicon inlined
 * (from `@graphql-yoga/render-graphiql`, so it needs no CDN and works offline). It is about 9 MB,
 * so each compressed form is made once, on first demand, and kept; every form carries an ETag so
 * a reload is answered 304 without a body.
 */
export class GraphiQLPage {
  private readonly html: Buffer;
  private readonly hash: string;
  private readonly variants = new Map<Encoding, Promise<Variant>>();

  /**
   * The renderer is imported here, on the first page view: loading it costs about 85 MB of
   * memory, which a gateway that only answers API calls never pays.
   */
  static async render(options: GraphiQLOptions = graphiqlOptions): Promise<GraphiQLPage> {
    const { renderGraphiQL } = await import("@graphql-yoga/render-graphiql");
    return new GraphiQLPage(renderGraphiQL(options));
  }

  private constructor(rendered: string) {
    this.html = Buffer.from(rendered.replace("</head>", `${TAB_FIX}</head>`));
    this.hash = createHash("sha256").update(this.html).digest("base64url").slice(0, 22);
  }

  async respond(request: Request): Promise<Response> {
    const encoding = preferredEncoding(request.headers.get("accept-encoding"));
    const variant = await this.variant(encoding);
    const headers = new Headers({
      etag: variant.etag,
      // Revalidate every time: the ETag makes that a 304 until the gateway changes.
      "cache-control": "no-cache",
      // The same URL answers JSON to GraphQL clients.
      vary: "Accept, Accept-Encoding",
    });
    if (matchesEtag(request.headers.get("if-none-match"), variant.etag)) {
      return new Response(null, { status: 304, headers });
    }
    headers.set("content-type", "text/html; charset=utf-8");
    if (encoding !== "identity") headers.set("content-encoding", encoding);
    return new Response(variant.body, { status: 200, headers });
  }

  private variant(encoding: Encoding): Promise<Variant> {
    let variant = this.variants.get(encoding);
    if (!variant) {
      const etag = `"${this.hash}${encoding === "identity" ? "" : `-${encoding}`}"`;
      const body =
        encoding === "identity" ? Promise.resolve(this.html) : compressors[encoding](this.html);
      variant = body.then((bytes) => ({ body: new Uint8Array(bytes), etag }));
      this.variants.set(encoding, variant);
    }
    return variant;
  }
}

/** Brotli when the browser takes it, else gzip, else none (`q=0` refuses an encoding). */
export function preferredEncoding(acceptEncoding: string | null): Encoding {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? "").toLowerCase().split(",")) {
    const [name = "", ...parameters] = part.split(";").map((piece) => piece.trim());
    const quality = parameters.find((parameter) => parameter.startsWith("q="));
    if (name && !(quality && Number(quality.slice(2)) === 0)) accepted.add(name);
  }
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip") || accepted.has("*")) return "gzip";
  return "identity";
}

function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}

const isGraphQLPath = (request: Request, endpoint: string) => {
  const { pathname } = new URL(request.url);
  return pathname === endpoint || pathname === `${endpoint}/`;
};

// One page for every gateway in the process, rendered when a browser first asks for it.
let defaultPage: Promise<GraphiQLPage> | undefined;

/** Serves GraphiQL to browsers (GET, `Accept: text/html`) at the GraphQL endpoint. */
export function serveGraphiQL(endpoint: string): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (!shouldRenderGraphiQL(request) || !isGraphQLPath(request, endpoint)) return;
      defaultPage ??= GraphiQLPage.render();
      return defaultPage.then((page) => page.respond(request)).then(endResponse);
    },
  };
}

const GRAPHIQL_OFF_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AWS image graph: GraphiQL is off</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5">
<h1>GraphiQL is off</h1>
<p>This GraphQL endpoint runs persisted operations only (<code>PERSISTED_OPERATIONS</code> is set):
it accepts the ids of the operations in its manifest, never a document sent by a client. GraphiQL
sends documents of its own, so it could not run anything here.</p>
<p>Send <code>POST {"documentId": "&lt;id&gt;", "variables": {…}}</code> to this URL, or run the
gateway without <code>PERSISTED_OPERATIONS</code> to use GraphiQL.</p>
</body></html>`;

/**
 * With an allow-list GraphiQL is off; a browser opening the endpoint gets a short page saying
 * why, instead of an empty 406.
 */
export function explainGraphiQLOff(endpoint: string): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (!shouldRenderGraphiQL(request) || !isGraphQLPath(request, endpoint)) return;
      endResponse(
        new Response(GRAPHIQL_OFF_PAGE, {
          status: 200,
          headers: { "content-type": "text/html; charset=utf-8", vary: "Accept" },
        }),
      );
    },
  };
}

/**
 * `GET /` (or HEAD) is where people type the address: it leads to the GraphQL endpoint, which
 * serves GraphiQL to browsers (or the page saying why it is off).
 */
export function redirectRootToEndpoint(endpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== "/" || (request.method !== "GET" && request.method !== "HEAD")) return;
      endResponse(new Response(null, { status: 302, headers: { location: endpoint } }));
    },
  };
}
