import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "../../../../api-specs/tools/generate-types.js";

const run = promisify(execFile);
const root = repositoryRoot();
const specs = readdirSync(join(root, "api-specs")).filter((file) => file.endsWith(".yaml"));

describe("api-specs", () => {
  it("every OpenAPI document lints clean with the shared redocly.yaml", async () => {
    expect(specs).toContain("cloud-api.yaml");
    const redocly = join(root, "node_modules", ".bin", "redocly");
    const result = await run(redocly, ["lint", ...specs.map((file) => join("api-specs", file))], {
      cwd: root,
    }).then(
      (output) => ({ code: 0, text: output.stdout + output.stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? 1,
        text: `${error.stdout ?? ""}${error.stderr ?? ""}`,
      }),
    );
    expect(result.code, result.text).toBe(0);
  }, 120_000);
});
