import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  loadProvisioningFile,
  ProvisioningFileError,
} from "../../../vnfs/field-gateway/provisioning/provisioning-file.js";

const dir = mkdtempSync(join(tmpdir(), "ivf-provisioning-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function problems(path: string): Promise<string[]> {
  try {
    await loadProvisioningFile(path);
  } catch (error) {
    if (error instanceof ProvisioningFileError) return error.problems;
    throw error;
  }
  throw new Error("expected the file to be refused");
}

describe("provisioning file", () => {
  it("loads a valid file", async () => {
    const loaded = await loadProvisioningFile(
      file(
        "ok.yaml",
        "deviceGroups:\n  - { id: g, tenant: acme, apiKey: abcdefghijklmnop1234 }\ndevices:\n  - { id: d-1, tenant: acme, group: g }\n",
      ),
    );
    expect(loaded.devices).toEqual([{ id: "d-1", tenant: "acme", group: "g" }]);
  });

  it("lists every schema problem with its JSON pointer", async () => {
    const found = await problems(
      file(
        "bad.yaml",
        "deviceGroups:\n  - { id: 'a.b', tenant: acme, apiKey: short, colour: red }\n  - { tenant: acme, apiKey: abcdefghijklmnop1234 }\n",
      ),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/deviceGroups\/0\/id: must match pattern/),
        expect.stringMatching(/^\/deviceGroups\/0\/apiKey: must NOT have fewer than 16 characters/),
        expect.stringMatching(/^\/deviceGroups\/0: must NOT have additional properties/),
        expect.stringMatching(/^\/deviceGroups\/1: must have required property 'id'/),
      ]),
    );
  });

  it("refuses shared keys, duplicate groups and devices of unknown groups", async () => {
    const found = await problems(
      file(
        "refs.yaml",
        [
          "deviceGroups:",
          "  - { id: g, tenant: acme, apiKey: abcdefghijklmnop1234 }",
          "  - { id: g, tenant: acme, apiKey: abcdefghijklmnop1234 }",
          "devices:",
          "  - { id: d, tenant: globex, group: g }",
          "",
        ].join("\n"),
      ),
    );
    expect(found).toEqual([
      expect.stringMatching(/^\/deviceGroups\/1: group acme\/g is also defined/),
      expect.stringMatching(/^\/deviceGroups\/1\/apiKey: the same key is used/),
      '/devices/0/group: no device group "g" in tenant "globex"',
    ]);
  });

  it("reports YAML syntax errors with their position", async () => {
    const [problem] = await problems(file("syntax.yaml", "deviceGroups: [\n"));
    expect(problem).toMatch(/syntax\.yaml|line|end of the stream/);
  });
});
