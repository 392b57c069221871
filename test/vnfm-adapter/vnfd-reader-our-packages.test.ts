/**
 * The VNFM must read the CSARs our own packager builds: a top-level VNFD (VNF node, no
 * substitution mappings) plus one template per deployment flavour, whatever order the
 * Definitions files come in.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildPackages } from "../../descriptors/index.js";
import { readCsar } from "../../vnfm-adapter/packages/csar-reader.js";
import { readVnfd } from "../../vnfm-adapter/vnfd/vnfd-reader.js";
import { referenceAvailable } from "../support/reference.js";

const outDir = mkdtempSync(join(tmpdir(), "vnfd-reader-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe.runIf(referenceAvailable())("VNFD reader on the packages we build", () => {
  it("finds the field gateway's VDU, scaling aspect and levels in either file order", async () => {
    const [csarPath] = await buildPackages({ ivfs: ["field-gateway"], formats: ["csar"], outDir });
    const csar = await readCsar(readFileSync(csarPath!), {
      maxEntries: 1000,
      maxTotalBytes: 64 * 1024 * 1024,
    });
    const entries = Object.entries(csar.vnfdFiles);
    for (const ordered of [entries, [...entries].reverse()]) {
      const vnfd = readVnfd(Object.fromEntries(ordered));
      const [flavour] = Object.values(vnfd.flavours);
      expect(Object.keys(vnfd.flavours)).toHaveLength(1);
      expect(Object.keys(flavour!.vdus).length).toBeGreaterThan(0);
      expect(Object.keys(flavour!.aspects).length).toBeGreaterThan(0);
      expect(flavour!.defaultLevel).toBeTruthy();
    }
  });
});
