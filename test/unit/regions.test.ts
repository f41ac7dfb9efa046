import { describe, expect, it } from "vitest";
import { RegionPolicy } from "../../src/aws/regions.js";
import { ConfigError, loadConfig } from "../../src/config.js";

function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("AWS_REGION and AWS_REGIONS", () => {
  it.each(["zz-evil-1", "us-iso-east-1", `us-${"a".repeat(70)}-1`])(
    "refuse AWS_REGION=%s at startup, naming the known regions",
    (region) => {
      const [problem] = configProblems({ AWS_REGION: region });
      expect(problem).toMatch(/^AWS_REGION: /);
      expect(problem).toContain("use one of af-south-1");
    },
  );

  it("accept a known region of any partition", () => {
    expect(configProblems({ AWS_REGION: "us-gov-west-1" })).toEqual([]);
    expect(configProblems({ AWS_REGION: "cn-north-1" })).toEqual([]);
  });

  it("refuse an allow-list outside AWS_REGION's partition or without it", () => {
    expect(
      configProblems({ AWS_REGION: "us-east-1", AWS_REGIONS: "us-east-1,us-gov-west-1" }),
    ).toEqual([
      "AWS_REGIONS: us-gov-west-1 is not a known region of partition aws (the partition of AWS_REGION us-east-1)",
    ]);
    expect(configProblems({ AWS_REGION: "us-east-1", AWS_REGIONS: "eu-west-1" })).toEqual([
      "AWS_REGIONS: must include AWS_REGION (us-east-1)",
    ]);
  });
});

describe("RegionPolicy", () => {
  it("allows only the configured partition's regions where the service exists", () => {
    const gov = new RegionPolicy("us-gov-west-1");
    expect(gov.regionsOf("appstream")).toEqual(["us-gov-east-1", "us-gov-west-1"]);
    expect(gov.regionsOf("medical-imaging")).toEqual([]);
    expect(() => gov.check("imagebuilder", "us-east-1")).toThrow(
      'Region "us-east-1" is not one where this gateway calls EC2 Image Builder; allowed regions: us-gov-east-1, us-gov-west-1.',
    );
    expect(gov.check("imagebuilder", "us-gov-east-1")).toBe("us-gov-east-1");
  });

  it("narrows by the allow-list", () => {
    const policy = new RegionPolicy("us-east-1", ["us-east-1", "eu-central-1"]);
    expect(policy.regionsOf("imagebuilder")).toEqual(["eu-central-1", "us-east-1"]);
    expect(policy.regionsOf("medical-imaging")).toEqual(["us-east-1"]);
  });
});
