import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { RenderedFile, Sol001Version } from "../render-types.js";

/**
 * The official SOL001 type definitions are not copied into this repository (licence and
 * provenance stay with ETSI): the builder reads them at build time from a directory laid out
 * as <dir>/v2.6.1/etsi_nfv_sol001_*_types.yaml, by default ../shared/reference/etsi-nfv/sol001
 * next to the checkout, and places them in the package's Definitions/ with their forge URL
 * imports rewritten to the local file names (SOL004 4.1: a package is self-contained).
 */
export class TypeFilesMissingError extends Error {
  constructor(
    readonly directory: string,
    readonly missing: string[],
  ) {
    super(
      `SOL001 type definitions not found: ${missing.join(", ")} under ${directory}. ` +
        "Download etsi_nfv_sol001_{common,vnfd,nsd}_types.yaml from https://forge.etsi.org/rep/nfv/SOL001 " +
        "(tags v2.6.1 and v3.3.1) into <dir>/v2.6.1/ and <dir>/v3.3.1/, then pass --types-dir <dir> " +
        "(or set IVF_SOL001_TYPES_DIR).",
    );
    this.name = "TypeFilesMissingError";
  }
}

export function defaultTypesDir(): string {
  if (process.env.IVF_SOL001_TYPES_DIR) return resolve(process.env.IVF_SOL001_TYPES_DIR);
  const here = fileURLToPath(new URL(".", import.meta.url));
  const candidates = [
    resolve(here, "../../../../shared/reference/etsi-nfv/sol001"),
    resolve(here, "../../../../../shared/reference/etsi-nfv/sol001"),
  ];
  return candidates.find((candidate) => existsSync(candidate)) ?? (candidates[0] as string);
}

export type TypeFileKind = "common" | "vnfd" | "nsd";

export function typeFileName(kind: TypeFileKind): string {
  return `etsi_nfv_sol001_${kind}_types.yaml`;
}

const FORGE_IMPORT =
  /https:\/\/forge\.etsi\.org\/rep\/nfv\/SOL001\/raw\/v[0-9.]+\/(etsi_nfv_sol001_[a-z]+_types\.yaml)/g;

/** Reads the type files a descriptor imports; imports of files not shipped are dropped. */
export function loadTypeFiles(
  directory: string,
  version: Sol001Version,
  kinds: TypeFileKind[],
): RenderedFile[] {
  const versionDir = join(directory, `v${version}`);
  const missing = kinds.map(typeFileName).filter((name) => !existsSync(join(versionDir, name)));
  if (missing.length > 0) throw new TypeFilesMissingError(versionDir, missing);
  const shipped = new Set(kinds.map(typeFileName));
  return kinds.map((kind) => {
    const text = readFileSync(join(versionDir, typeFileName(kind)), "utf8");
    const localised = text
      .split("\n")
      .filter((line) => {
        const match = /^\s*-\s*https:\/\/forge\.etsi\.org\/.*\/(etsi_nfv_sol001_[a-z]+_types\.yaml)\s*$/.exec(
          line,
        );
        return !match || shipped.has(match[1] as string);
      })
      .join("\n")
      .replace(FORGE_IMPORT, "$1");
    return { path: `Definitions/${typeFileName(kind)}`, content: localised };
  });
}
