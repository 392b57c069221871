import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { run } from "../../descriptors/cli/package-command.js";
import { referenceAvailable, referencePath } from "../support/reference.js";

const out = mkdtempSync(join(tmpdir(), "ivf-cli-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("ivf package", () => {
  it("refuses bad options with exit code 2 and says why", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await run(["build", "--format", "tgz", "--out", out])).toBe(2);
      expect(errors.mock.calls.at(-1)?.[0]).toMatch(/--format must be csar, osm or all/);
      expect(await run(["build", "--format", "csar"])).toBe(2);
      expect(await run(["build", "--sign", "k.pem", "--out", out])).toBe(2);
      expect(await run(["frobnicate"])).toBe(2);
    } finally {
      errors.mockRestore();
    }
  });

  it("reports an unknown IVF as invalid input (exit 1) without writing anything", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await run(["build", "no-such-ivf", "--out", join(out, "none")])).toBe(1);
      expect(existsSync(join(out, "none"))).toBe(false);
    } finally {
      errors.mockRestore();
    }
  });

  it.skipIf(!referenceAvailable())("builds the requested IVF in the requested format", async () => {
    const written = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const code = await run([
        "build",
        "identity",
        "--format",
        "osm",
        "--out",
        out,
        "--types-dir",
        referencePath("etsi-nfv", "sol001"),
      ]);
      expect(code).toBe(0);
      expect(written.mock.calls.map((call) => String(call[0]).trim())).toEqual([
        join(out, "identity_vnf.tar.gz"),
        join(out, "identity_knf.tar.gz"),
      ]);
    } finally {
      written.mockRestore();
    }
  });

  it.skipIf(!referenceAvailable())(
    "is wired into the ivf command, and validate goes to the validator",
    async () => {
      const cliOut = join(out, "via-ivf");
      const stdout = execFileSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "vnfs/cli/main.ts",
          "package",
          "build",
          "fault-detector",
          "--format",
          "csar",
          "--out",
          cliOut,
        ],
        {
          cwd: new URL("../../", import.meta.url).pathname,
          stdio: ["ignore", "pipe", "pipe"],
          timeout: 60_000,
        },
      ).toString();
      expect(stdout.trim()).toBe(join(cliOut, "fault-detector.csar"));
      const printed = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
      try {
        expect(await run(["validate", join(cliOut, "fault-detector.csar")])).toBe(0);
        expect(printed.mock.calls.map((call) => String(call[0])).join("")).toMatch(
          /fault-detector\.csar: valid/,
        );
      } finally {
        printed.mockRestore();
      }
    },
    90_000,
  );
});
