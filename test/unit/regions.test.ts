import { describe, expect, it } from "vitest";
import { expandRegions, RegionPolicy } from "../../src/aws/regions.js";
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

describe("generated region lists", () => {
  it("know every region where a service exists, e.g. AppStream in eu-south-1, eu-south-2 and ap-southeast-5", () => {
    const policy = new RegionPolicy("us-east-1");
    for (const region of ["eu-south-1", "eu-south-2", "ap-southeast-5"]) {
      expect(policy.check("appstream", region)).toBe(region);
    }
    expect(policy.regionsOf("medical-imaging")).toEqual([
      "ap-southeast-2",
      "eu-west-1",
      "eu-west-2",
      "us-east-1",
      "us-west-2",
    ]);
    expect(() => policy.check("medical-imaging", "eu-central-1")).toThrow(/allowed regions: /);
  });
});

describe("expandRegions", () => {
  const policy = new RegionPolicy("us-east-1");

  it("expands * to every region of the partition where the service exists", () => {
    expect(expandRegions("medical-imaging", ["*"], policy)).toEqual(
      policy.regionsOf("medical-imaging"),
    );
    expect(expandRegions("appstream", ["*"], policy)).not.toContain("us-gov-west-1");
  });

  it("expands prefixes and keeps exact names, in the patterns' order and without repeats", () => {
    expect(policy.expand("appstream", ["us-east-1", "eu-*", "eu-west-1"])).toEqual([
      "us-east-1",
      "eu-central-1",
      "eu-south-1",
      "eu-south-2",
      "eu-west-1",
      "eu-west-2",
      "eu-west-3",
    ]);
    expect(policy.expand("appstream", ["us-west-2", "eu-west-1", "us-*"])).toEqual([
      "us-west-2",
      "eu-west-1",
      "us-east-1",
      "us-east-2",
    ]);
    expect(policy.expand("medical-imaging", ["us-*"])).toEqual(["us-east-1", "us-west-2"]);
    expect(policy.expand("imagebuilder", ["*-south-1"])).toEqual([
      "af-south-1",
      "ap-south-1",
      "eu-south-1",
      "me-south-1",
    ]);
  });

  it("skips regions where the service does not exist or that another partition holds", () => {
    expect(policy.expand("medical-imaging", ["eu-central-1", "ap-*", "us-gov-west-1"])).toEqual([
      "ap-southeast-2",
    ]);
    expect(policy.expand("appstream", ["zz-*"])).toEqual([]);
  });

  it("is narrowed by AWS_REGIONS", () => {
    const narrowed = new RegionPolicy("us-east-1", ["us-east-1", "eu-west-1", "eu-west-3"]);
    expect(narrowed.expand("appstream", ["*"])).toEqual(["eu-west-1", "eu-west-3", "us-east-1"]);
    expect(narrowed.expand("medical-imaging", ["eu-*"])).toEqual(["eu-west-1"]);
  });

  it("without a policy, spans every partition", () => {
    expect(expandRegions("appstream", ["us-gov-*", "us-isob-*"])).toEqual([
      "us-gov-east-1",
      "us-gov-west-1",
      "us-isob-east-1",
    ]);
  });

  it.each(["", "eu-**", "EU-WEST-1", "eu west 1", "eu-*-1-*"])(
    "refuses %j as a pattern, naming what is allowed",
    (pattern) => {
      expect(() => policy.expand("appstream", [pattern])).toThrow(/use a name such as eu-west-1/);
    },
  );
});
