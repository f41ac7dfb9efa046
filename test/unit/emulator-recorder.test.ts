import { describe, expect, it } from "vitest";
import { CallRecorder } from "../../src/emulator/recorder.js";

const record = (recorder: CallRecorder, operation: string) =>
  recorder.finish(recorder.begin("appstream"), {
    operation,
    region: "us-east-1",
    accountId: "123456789012",
    status: 200,
    input: {},
  });

describe("the emulator's call log", () => {
  it("keeps only the latest calls, in arrival order, however many it answers", () => {
    const recorder = new CallRecorder(10);
    for (let call = 0; call < 1000; call++) record(recorder, `Op${call}`);
    expect(recorder.calls().map((call) => call.operation)).toEqual(
      Array.from({ length: 10 }, (_, index) => `Op${990 + index}`),
    );
  });

  it("keeps calls that finish out of order in arrival order within the bound", () => {
    const recorder = new CallRecorder(2);
    const first = recorder.begin("appstream");
    record(recorder, "B");
    record(recorder, "C");
    recorder.finish(first, { operation: "A", region: "", accountId: "", status: 200, input: {} });
    expect(recorder.calls().map((call) => call.operation)).toEqual(["B", "C"]);
  });
});
