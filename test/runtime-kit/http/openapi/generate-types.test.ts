import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkAll, repositoryRoot } from "../../../../api-specs/tools/generate-types.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function specText(property: string): string {
  return [
    "openapi: 3.1.0",
    "info: { title: t, version: '1' }",
    "paths: {}",
    "components:",
    "  schemas:",
    "    Thing:",
    "      type: object",
    `      properties: { ${property}: { type: string } }`,
    "",
  ].join("\n");
}

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "ivf-api-types-"));
  dirs.push(root);
  mkdirSync(join(root, "api-specs"));
  return root;
}

describe("api-specs type generation", () => {
  it("reports missing, then writes, then finds current, then detects a stale file after a spec change", async () => {
    const root = tempRoot();
    writeFileSync(join(root, "api-specs", "thing.yaml"), specText("name"));
    expect((await checkAll(root, false)).map((entry) => entry.state)).toEqual(["missing"]);
    await checkAll(root, true);
    const written = readFileSync(join(root, "api-specs", "types", "thing.ts"), "utf8");
    expect(written).toMatch(/Generated from api-specs\/thing.yaml/);
    expect(written).toMatch(/name\?: string/);
    expect((await checkAll(root, false)).map((entry) => entry.state)).toEqual(["current"]);
    writeFileSync(join(root, "api-specs", "thing.yaml"), specText("label"));
    expect((await checkAll(root, false)).map((entry) => entry.state)).toEqual(["stale"]);
  });

  it("flags a type file whose specification was removed", async () => {
    const root = tempRoot();
    mkdirSync(join(root, "api-specs", "types"));
    writeFileSync(join(root, "api-specs", "types", "gone.ts"), "export {};\n");
    const results = await checkAll(root, false);
    expect(results).toEqual([expect.objectContaining({ state: "orphan" })]);
  });

  it("keeps the committed cloud-api types in step with api-specs/cloud-api.yaml", async () => {
    const cloud = (await checkAll(repositoryRoot(), false)).find((entry) =>
      entry.typesFile.endsWith("cloud-api.ts"),
    );
    expect(cloud?.state).toBe("current");
  });
});
