/**
 * `npm run bench:profile -- <dir>`: where each CPU profile in `dir` (written by
 * `BENCH_CPU_PROF=<dir> npm run bench`) spent its busy time: self time per npm package (the
 * gateway's own code is the bundle the benchmark builds), Node's internals, garbage collection,
 * and the functions with the most self time. Idle time is left out of every share.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** The parts of V8's `.cpuprofile` format read here. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  samples: number[];
  timeDeltas: number[];
}

/** What a frame's self time is counted under: a package, Node, V8's own work, or the bundle. */
function categoryOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage?.[1]) return inPackage[1];
  if (url.startsWith("node:")) return "node internals";
  return "bundle (the system's own code)";
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)} %`;
}

const directory = process.argv[2];
if (!directory) {
  console.error("usage: npm run bench:profile -- <directory of .cpuprofile files>");
  process.exit(2);
}
const files = (await readdir(directory)).filter((name) => name.endsWith(".cpuprofile")).sort();
for (const file of files) {
  const profile = JSON.parse(await readFile(join(directory, file), "utf8")) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfByNode = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const [id, micros] of selfByNode) {
    const frame = frames.get(id);
    if (!frame || frame.functionName === "(idle)") continue;
    busy += micros;
    const category = categoryOf(frame.url, frame.functionName);
    byCategory.set(category, (byCategory.get(category) ?? 0) + micros);
    const where = frame.url
      ? `${frame.url.split("/").slice(-2).join("/")}:${frame.lineNumber + 1}`
      : "";
    const name = `${frame.functionName || "(anonymous)"} ${where}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  }
  const top = (map: Map<string, number>, count: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, count);
  console.log(`\n## ${file}: ${(busy / 1e6).toFixed(2)} s busy\n`);
  console.log("| Self time in | Share of busy time |\n| --- | ---: |");
  for (const [category, micros] of top(byCategory, 20)) {
    console.log(`| ${category} | ${percent(micros, busy)} |`);
  }
  console.log("\n| Function (self time) | Share |\n| --- | ---: |");
  for (const [name, micros] of top(byFunction, 20)) {
    console.log(`| ${name} | ${percent(micros, busy)} |`);
  }
}
