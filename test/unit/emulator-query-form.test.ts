import { describe, expect, it } from "vitest";
import { stsModel } from "../../src/aws/generated/sts.js";
import { decodeQueryForm, ServiceError } from "../../src/emulator/protocol.js";
import { checkInput, Violations } from "../../src/emulator/validation.js";

const VALIDATION = { name: "ValidationError", status: 400 };

/** The validation message AssumeRole's form gets, or undefined when it is valid. */
function refusal(body: string): string | undefined {
  const v = new Violations();
  checkInput(stsModel, "AssumeRole", decodeQueryForm(stsModel, "AssumeRole", body), v);
  try {
    v.throwIfAny(VALIDATION);
    return undefined;
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return error.message;
  }
}

const BASE =
  "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2FReader&RoleSessionName=s1";

describe("awsQuery form decoding by the model", () => {
  it("reads numbers, lists of structures and lists of strings as the model types them", () => {
    const input = decodeQueryForm(
      stsModel,
      "AssumeRole",
      `${BASE}&DurationSeconds=900&Tags.member.2.Key=b&Tags.member.2.Value=2&Tags.member.1.Key=a&Tags.member.1.Value=1&TransitiveTagKeys.member.1=a&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FX&Unknown=1`,
    );
    expect(input).toEqual({
      RoleArn: "arn:aws:iam::111111111111:role/Reader",
      RoleSessionName: "s1",
      DurationSeconds: 900,
      Tags: [
        { Key: "a", Value: "1" },
        { Key: "b", Value: "2" },
      ],
      TransitiveTagKeys: ["a"],
      PolicyArns: [{ arn: "arn:aws:iam::aws:policy/X" }],
    });
  });

  it.each(["abc", "", "9e2", "0x384", "900.0", "1 000"])(
    "refuses a DurationSeconds of %j, naming the member and the model's range",
    (duration) => {
      expect(refusal(`${BASE}&DurationSeconds=${encodeURIComponent(duration)}`)).toBe(
        `1 validation error detected: Value '${duration}' at 'DurationSeconds' failed to satisfy constraint: Member must be an integer between 900 and 43200`,
      );
    },
  );

  it("reads an empty list as empty, so the model's minimum applies", () => {
    expect(refusal(`${BASE}&ProvidedContexts=`)).toContain(
      "at 'ProvidedContexts' failed to satisfy constraint: Member must have length between 1 and 5",
    );
  });

  it("refuses missing required members by name", () => {
    expect(refusal("Action=AssumeRole&Version=2011-06-15")).toBe(
      "2 validation errors detected: Value null at 'RoleArn' failed to satisfy constraint: Member must not be null; Value null at 'RoleSessionName' failed to satisfy constraint: Member must not be null",
    );
  });
});
