import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { CONFIGURATION_PAGE, configurationPage } from "../../scripts/config-docs.js";
import { describeConfig } from "../../src/config.js";

describe("docs/configuration.md", () => {
  it("is what the configuration schema describes (npm run docs:config writes it)", async () => {
    const committed = await readFile(CONFIGURATION_PAGE, "utf8");
    expect(committed, "docs/configuration.md is stale: run `npm run docs:config`").toBe(
      configurationPage(),
    );
  });

  it("describes every variable, with its default when it has one", () => {
    const page = configurationPage();
    for (const variable of describeConfig()) {
      expect(variable.description, variable.name).not.toBe("");
      const section = page.slice(page.indexOf(`### ${variable.name}\n`)).split("\n### ")[0] ?? "";
      expect(section.replaceAll("\n", " "), variable.name).toContain(variable.description);
    }
    expect(page).toContain(
      "### PORT\n\nPort the gateway listens on (0 picks a free one).\n\nDefault: `4000`.",
    );
  });
});
