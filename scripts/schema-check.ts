import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type Change, CriticalityLevel, diff } from "@graphql-inspector/core";
import { buildSchema } from "graphql";
import { PLAIN_SCHEMA_FILE, printPlainSchema } from "./print-schema.js";

/**
 * `npm run schema:check`: what the schema clients code against changed, and whether it may.
 *
 * Compares schema/schema.graphql as the Pothos schema prints it now with
 * - the previous commit's file (`HEAD~1`): what this commit changes for clients;
 * - the committed file (`HEAD`, or the working tree's when there is no commit): what is not yet
 *   committed.
 * Prints every change with its criticality (BREAKING, DANGEROUS, NON_BREAKING) and fails on a
 * BREAKING one unless HEAD's commit message contains `[breaking]` or
 * ALLOW_BREAKING_SCHEMA_CHANGES=1. A baseline that does not exist (first commit, shallow clone,
 * no file yet) is skipped with a note.
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MARKER = "[breaking]";

/** Runs git in the repository; undefined when git, the repository or the object is missing. */
function git(...args: string[]): string | undefined {
  try {
    return execFileSync("git", args, {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
}

interface Baseline {
  label: string;
  text: string;
}

type Lookup = { baseline: Baseline } | { note: string };

function atRevision(revision: string, label: string): Lookup {
  const commit = git("rev-parse", "--verify", "--quiet", `${revision}^{commit}`)?.trim();
  if (!commit)
    return { note: `${label}: no such commit (first commit or shallow clone); skipped.` };
  const text = git("show", `${commit}:${PLAIN_SCHEMA_FILE}`);
  if (text === undefined) return { note: `${label}: has no ${PLAIN_SCHEMA_FILE}; skipped.` };
  return { baseline: { label: `${label} ${commit.slice(0, 10)}`, text } };
}

async function committed(): Promise<Lookup> {
  const head = atRevision("HEAD", "the committed file (HEAD)");
  if ("baseline" in head) return head;
  const text = await readFile(new URL(`../${PLAIN_SCHEMA_FILE}`, import.meta.url), "utf8").catch(
    () => undefined,
  );
  if (text === undefined) return { note: `No committed ${PLAIN_SCHEMA_FILE}; skipped.` };
  return { baseline: { label: `the working tree's ${PLAIN_SCHEMA_FILE} (no commit)`, text } };
}

const ORDER = [CriticalityLevel.Breaking, CriticalityLevel.Dangerous, CriticalityLevel.NonBreaking];

function printChanges(changes: Change[]): void {
  const sorted = [...changes].sort(
    (a, b) => ORDER.indexOf(a.criticality.level) - ORDER.indexOf(b.criticality.level),
  );
  for (const change of sorted) {
    const level = change.criticality.level.padEnd(12);
    console.log(`  ${level} ${change.message}${change.path ? `  [${change.path}]` : ""}`);
    if (change.criticality.reason && change.criticality.level !== CriticalityLevel.NonBreaking) {
      console.log(`  ${"".padEnd(12)}   ${change.criticality.reason}`);
    }
  }
}

const current = printPlainSchema();
const currentSchema = buildSchema(current);
console.log(`Schema check: ${PLAIN_SCHEMA_FILE} as printed from the Pothos schema now, against`);

const lookups = [atRevision("HEAD~1", "the previous commit (HEAD~1)"), await committed()];
const seen = new Map<string, string>();
let breaking = 0;
for (const lookup of lookups) {
  if ("note" in lookup) {
    console.log(`- ${lookup.note}`);
    continue;
  }
  const { label, text } = lookup.baseline;
  const same = seen.get(text);
  if (same !== undefined) {
    console.log(`- ${label}: identical to ${same}; see above.`);
    continue;
  }
  seen.set(text, label);
  if (text === current) {
    console.log(`- ${label}: no changes.`);
    continue;
  }
  const changes = await diff(buildSchema(text), currentSchema);
  const count = (level: CriticalityLevel) =>
    changes.filter((change) => change.criticality.level === level).length;
  console.log(
    `- ${label}: ${changes.length} change(s): ${count(CriticalityLevel.Breaking)} breaking, ` +
      `${count(CriticalityLevel.Dangerous)} dangerous, ${count(CriticalityLevel.NonBreaking)} safe.`,
  );
  printChanges(changes);
  breaking += count(CriticalityLevel.Breaking);
}

if (breaking === 0) {
  console.log("No breaking schema changes.");
} else {
  const message = git("log", "-1", "--format=%B", "HEAD") ?? "";
  const markedInCommit = message.toLowerCase().includes(MARKER);
  const allowedByEnv = process.env.ALLOW_BREAKING_SCHEMA_CHANGES === "1";
  if (markedInCommit || allowedByEnv) {
    const why = markedInCommit
      ? `HEAD's commit message contains ${MARKER}`
      : "ALLOW_BREAKING_SCHEMA_CHANGES=1";
    console.log(`${breaking} breaking schema change(s), allowed: ${why}.`);
  } else {
    console.error(
      `${breaking} breaking schema change(s) would break existing clients. If intended, say so ` +
        `with ${MARKER} in the commit message (or set ALLOW_BREAKING_SCHEMA_CHANGES=1), and ` +
        "tell the clients; otherwise deprecate instead of removing or changing.",
    );
    process.exit(1);
  }
}
