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
