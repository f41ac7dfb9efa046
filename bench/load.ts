/**
 * The load generator: autocannon in its own process, checking every answer. Requests take turns
 * over a scenario's bodies (one counter for all connections, so the requests in flight at once
 * ask for different things); an answer counts as served only when its status is 200 and its
 * data, normalised, is the one expected for the body it answers. Refusals, errors and wrong data
 * are counted apart.
 *
 * `node load.js <job.json>`; prints one JSON line (LoadReport).
 */
import { readFile } from "node:fs/promises";
import autocannon from "autocannon";
import { normalizeAnswer, SCENARIOS } from "./scenarios.js";

export interface LoadJob {
  url: string;
  scenario: string;
  /** Request bodies, taken in turn. */
  bodies: string[];
  /** For each body, the normalised JSON of the data it must answer. */
  expected: string[];
  connections: number;
  seconds: number;
}

export interface LoadReport {
  /** Answers with the expected data, per second. */
  requestsPerSecond: number;
  served: number;
  /** Answers with a status other than 200, errors, or data other than expected. */
  wrong: number;
  firstWrong?: string;
  p50: number;
  p99: number;
}

const job = JSON.parse(await readFile(process.argv[2] ?? "", "utf8")) as LoadJob;
const scenario = SCENARIOS.find((candidate) => candidate.name === job.scenario);
let next = 0;
let served = 0;
let wrong = 0;
let firstWrong: string | undefined;

interface Turn {
  turn?: number;
}

const result = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.seconds,
  requests: [
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      setupRequest(request, context: Turn) {
        const turn = next++ % job.bodies.length;
        context.turn = turn;
        return { ...request, body: job.bodies[turn] };
      },
      onResponse(status, body, context: Turn) {
        const expected = job.expected[context.turn ?? 0];
        let answer: string | undefined;
        try {
          const parsed = JSON.parse(body) as { data?: unknown; errors?: unknown };
          if (status === 200 && !parsed.errors) answer = normalizeAnswer(scenario, parsed.data);
        } catch {}
        if (answer !== undefined && answer === expected) {
          served++;
          return;
        }
        wrong++;
        firstWrong ??= `${status} ${body.slice(0, 300)}`;
      },
    },
  ],
});

const report: LoadReport = {
  requestsPerSecond: served / job.seconds,
  served,
  wrong: wrong + result.errors + result.timeouts,
  firstWrong,
  p50: result.latency.p50,
  p99: result.latency.p99,
};
console.log(JSON.stringify(report));
process.exit(0);
