import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const repoRoot = new URL("../../", import.meta.url);

describe("README", () => {
  it("lists every environment variable the product reads, exactly as `ivf config --markdown` prints them", () => {
    const generated = execFileSync(
      process.execPath,
      ["--import", "tsx", "vnfs/cli/main.ts", "config", "--markdown"],
      {
        cwd: repoRoot,
        encoding: "utf8",
      },
    )
      .split("\n")
      .filter((line) => line.startsWith("|"))
      .join("\n");
    const readme = readFileSync(new URL("README.md", repoRoot), "utf8");
    const section = /<!-- config-table:start -->\n([\s\S]*?)\n<!-- config-table:end -->/.exec(readme)?.[1];
    expect(section, "README.md needs the config-table markers").toBeDefined();
    expect(section!.trim()).toBe(generated);
  }, 60_000);

  it("gives the two quick-start commands that CI runs", () => {
    const readme = readFileSync(new URL("README.md", repoRoot), "utf8");
    const ci = readFileSync(new URL(".ci/run", repoRoot), "utf8");
    expect(readme).toContain("npm ci && npm start");
    expect(readme).toContain("npm ci && npm test");
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
