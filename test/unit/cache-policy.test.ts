import { describe, expect, it } from "vitest";
import { callTtlMs, ResponseTtl } from "../../src/cache/policy.js";

const ttls = { longMs: 3_600_000, shortMs: 5_000 };
const step = (status: string, rollbackStatus = "SKIPPED") => ({ status, rollbackStatus });

describe("callTtlMs: how long an AWS answer stays true, by the state it shows", () => {
  it.each([
    [
      "packages recorded",
      "ListImagePackages",
      { imagePackageList: [{ packageName: "a" }] },
      "long",
    ],
    ["no packages yet", "ListImagePackages", { imagePackageList: [] }, "short"],
    [
      "a finished execution, read to the end",
      "ListWorkflowStepExecutions",
      { steps: [step("COMPLETED"), step("SKIPPED"), step("FAILED"), step("CANCELLED")] },
      "long",
    ],
    [
      "finished steps with more pages to come",
      "ListWorkflowStepExecutions",
      { steps: [step("COMPLETED")], nextToken: "more" },
      "short",
    ],
    [
      "a running step",
      "ListWorkflowStepExecutions",
      { steps: [step("COMPLETED"), step("RUNNING")] },
      "short",
    ],
    ["a pending step", "ListWorkflowStepExecutions", { steps: [step("PENDING")] }, "short"],
    [
      "a failed step still rolling back",
      "ListWorkflowStepExecutions",
      { steps: [step("FAILED", "RUNNING")] },
      "short",
    ],
    ["one finished step", "GetWorkflowStepExecution", step("COMPLETED"), "long"],
    ["one running step", "GetWorkflowStepExecution", step("RUNNING"), "short"],
    ["an AVAILABLE build", "GetImage", { image: { state: { status: "AVAILABLE" } } }, "long"],
    ["a CANCELLED build", "GetImage", { image: { state: { status: "CANCELLED" } } }, "long"],
    ["a building build", "GetImage", { image: { state: { status: "BUILDING" } } }, "short"],
    [
      "an AVAILABLE build still being scanned",
      "GetImage",
      { image: { state: { status: "AVAILABLE" }, scanState: { status: "SCANNING" } } },
      "short",
    ],
    [
      "a build in a state AWS added later",
      "GetImage",
      { image: { state: { status: "ARCHIVING" } } },
      "short",
    ],
    ["image set versions", "ListImageSetVersions", { imageSetPropertiesList: [] }, "short"],
    ["one image set version", "GetImageSet", { versionId: "1" }, "short"],
    ["AppStream images", "DescribeImages", { Images: [] }, "short"],
    ["an operation without a rule", "ListImagePipelines", {}, "short"],
  ])("%s (%s): %s", (_name, operation, output, expected) => {
    expect(callTtlMs(operation, output, ttls)).toBe(
      expected === "long" ? ttls.longMs : ttls.shortMs,
    );
  });

  it("never keeps what a mutation answered", () => {
    expect(callTtlMs("StartImagePipelineExecution", {}, ttls)).toBe(0);
    expect(callTtlMs("CancelImageCreation", {}, ttls)).toBe(0);
  });

  it("keeps a response for the shortest its calls allow", () => {
    const ttl = new ResponseTtl(ttls);
    expect(ttl.milliseconds).toBe(ttls.longMs);
    ttl.observe("ListImagePackages", { imagePackageList: [{ packageName: "a" }] });
    expect(ttl.milliseconds).toBe(ttls.longMs);
    ttl.observe("DescribeImages", { Images: [] });
    ttl.observe("ListImagePackages", { imagePackageList: [{ packageName: "a" }] });
    expect(ttl.milliseconds).toBe(ttls.shortMs);
  });
});
