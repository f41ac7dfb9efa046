import type { Plugin } from "graphql-yoga";

/** Which browser origins may call the gateway: any, or exactly these (none when empty). */
export type CorsOrigins = "any" | ReadonlySet<string>;

/** The CORS settings yoga's `cors` option takes, minus the `true`/`false` shorthands. */
type CorsOptions =
  | false
  | { origin?: string[] | string; methods?: string[]; credentials?: boolean; maxAge?: number };

/**
 * Parses CORS_ORIGINS: `*`, `none`, or a comma-separated list of origins. Each origin is normalised
 * the way browsers send it in the Origin header (`https://App.example.com:443/` →
 * `https://app.example.com`). A malformed value gives one problem per bad entry instead
 * (checked with the rest of the configuration, see config.ts).
 */
export function parseCorsOrigins(value: string): { origins: CorsOrigins } | { problems: string[] } {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 1 && entries[0] === "*") return { origins: "any" };
  if (entries.length === 1 && entries[0]?.toLowerCase() === "none") return { origins: new Set() };
  if (entries.length === 0) {
    return { problems: ["empty; use `none` for no cross-origin access"] };
  }
  const origins = new Set<string>();
  const problems: string[] = [];
  for (const entry of entries) {
    const origin = parseOrigin(entry);
    if (origin) origins.add(origin);
    else {
      problems.push(
        `"${entry}" is not an origin such as https://app.example.com (scheme, host and optional port; no path), and \`*\` and \`none\` stand alone`,
      );
    }
  }
  return problems.length > 0 ? { problems } : { origins };
}

function parseOrigin(entry: string): string | undefined {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return undefined;
  }
  // `https://app.example.com/path` would never match: browsers send the bare origin.
  const bare = url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
  const http = url.protocol === "http:" || url.protocol === "https:";
  return bare && http ? url.origin : undefined;
}

/**
 * yoga's `cors` option for `origins`. A disallowed origin gets no CORS headers at all (not
 * `Access-Control-Allow-Origin: null`, which sandboxed pages and file:// would match), so the
 * browser refuses to hand the response to the page. The gateway uses no cookies, so credentials
 * are never allowed.
 */
export function corsOptions(origins: CorsOrigins): (request: Request) => CorsOptions {
  const allowed: CorsOptions = { methods: ["GET", "POST"], credentials: false, maxAge: 600 };
  if (origins === "any") return () => allowed;
  return (request) => {
    const origin = request.headers.get("origin");
    return origin !== null && origins.has(origin) ? { ...allowed, origin } : false;
  };
}

/**
 * Answers depend on the Origin header (the allowed one is echoed back, others get none), so
 * caches must key on it; yoga only adds `Vary: Origin` to some of them.
 */
export function varyOnOrigin(): Plugin {
  return {
    onResponse({ response }) {
      const vary = response.headers.get("vary");
      const fields = vary ? vary.split(",").map((field) => field.trim().toLowerCase()) : [];
      if (!fields.includes("origin") && !fields.includes("*")) {
        response.headers.set("vary", vary ? `${vary}, Origin` : "Origin");
      }
    },
  };
}
