import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildPackages, type BuildOptions } from "../../../descriptors/index.js";
import { referencePath } from "../../support/reference.js";

/** Builds packages into a fresh temp dir with the reference SOL001 type files. */
export async function buildInTemp(
  options: Omit<BuildOptions, "outDir" | "typesDir">,
): Promise<{ dir: string; files: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), "ivf-pkg-"));
  const files = await buildPackages({
    ...options,
    outDir: dir,
    typesDir: referencePath("etsi-nfv", "sol001"),
  });
  return { dir, files };
}
