import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const repoRoot = new URL("../../", import.meta.url);

const generatedTable = () =>
  execFileSync(process.execPath, ["--import", "tsx", "vnfs/cli/main.ts", "config", "--markdown"], {
    cwd: repoRoot,
    encoding: "utf8",
  })
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .join("\n");

describe("README and the configuration reference", () => {
  it("docs/configuration.md lists every environment variable exactly as `ivf config --markdown` prints them", () => {
    const reference = readFileSync(new URL("docs/configuration.md", repoRoot), "utf8");
    const section = /<!-- config-table:start -->\n([\s\S]*?)\n<!-- config-table:end -->/.exec(reference)?.[1];
    expect(section, "docs/configuration.md needs the config-table markers").toBeDefined();
    expect(section!.trim(), "regenerate with: ivf config --write docs/configuration.md").toBe(
      generatedTable(),
    );
  }, 60_000);

  it("names only variables the product reads in the README's short configuration table", () => {
    const readme = readFileSync(new URL("README.md", repoRoot), "utf8");
    const section = readme.slice(
      readme.indexOf("## Configuration"),
      readme.indexOf("\n## ", readme.indexOf("## Configuration") + 3),
    );
    const named = [...section.matchAll(/`(IVF_[A-Z0-9_]+)`/g)].map((match) => match[1]!);
    expect(named.length).toBeGreaterThan(3);
    const known = new Set(
      [...generatedTable().matchAll(/^\| `(IVF_[A-Z0-9_]+)`/gm)].map((match) => match[1]!),
    );
    expect(named.filter((name) => !known.has(name))).toEqual([]);
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
