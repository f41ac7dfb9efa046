// What a subscriber of imageBuildProgress sees of a build that succeeds in the emulator.

/** Selects what `transitions` reads. */
export const PROGRESS = /* GraphQL */ `
  subscription Progress($arn: String!) {
    imageBuildProgress(imageBuildVersionArn: $arn) {
      buildState { status }
      step { name }
      stepStatus
      finished
    }
  }
`;

export interface ProgressEvent {
  imageBuildProgress: {
    buildState: { status: string };
    step: { name: string } | null;
    stepStatus: string | null;
    finished: boolean;
  };
}

/** Every transition of a successful build of the emulator's five steps, in order. */
export const EVERY_TRANSITION = [
  "LaunchBuildInstance RUNNING",
  "build BUILDING",
  "LaunchBuildInstance COMPLETED",
  "ApplyBuildComponents RUNNING",
  "ApplyBuildComponents COMPLETED",
  "InventoryCollection RUNNING",
  "InventoryCollection COMPLETED",
  "CreateOutputAMI RUNNING",
  "CreateOutputAMI COMPLETED",
  "TerminateBuildInstance RUNNING",
  "TerminateBuildInstance COMPLETED",
  "build AVAILABLE",
];

/** One line per event: the step and its new status, or the build's new state. */
export function transitions(results: ReadonlyArray<{ data?: ProgressEvent | null }>): string[] {
  return results.map(({ data }) => {
    const event = data?.imageBuildProgress;
    return event?.step
      ? `${event.step.name} ${event.stepStatus}`
      : `build ${event?.buildState.status}`;
  });
}

/** A query that costs one AWS call (GetImage): spends its caller's budget one call at a time. */
const SPEND = `query ($arn: String!) { imageBuildVersion(arn: $arn) { buildState { status } } }`;

/**
 * Spends the rest of a caller's per-minute budget: asks about `arn` through `ask` (as that
 * caller) until the gateway answers RATE_LIMITED. False when it never did within `max` queries.
 */
export async function spendBudget(
  ask: (body: { query: string; variables: Record<string, unknown> }) => Promise<{
    errors?: Array<{ extensions?: Record<string, unknown> }>;
  }>,
  arn: string,
  max: number,
): Promise<boolean> {
  for (let query = 0; query < max; query++) {
    const answer = await ask({ query: SPEND, variables: { arn } });
    if (answer.errors?.[0]?.extensions?.code === "RATE_LIMITED") return true;
  }
  return false;
}
