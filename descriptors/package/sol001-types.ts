/**
 * Where a CSAR's ETSI SOL001 type definitions come from. The official files are not
 * redistributed here (descriptors/render/sol001/type-files.ts): with them available the
 * package embeds them under Definitions/ (SOL004 4.1, self-contained); without them, and only
 * when the caller accepts it (`missingTypes: "reference"`, what `ivf up` does), the package
 * imports them by their official forge URL instead, as the SOL001 type files themselves import
 * each other. Consumers resolve such imports from their own copy (the package validator looks
 * them up by name in its types folder; the VNFM needs only our own types).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { RenderedFile, Sol001Version } from "../render/render-types.js";
import { loadTypeFiles, typeFileName, type TypeFileKind } from "../render/sol001/type-files.js";

/** What to do when the type files are not in the types folder. */
export type MissingTypes = "fail" | "reference";

export type TypeSource = { mode: "embed"; typesDir: string } | { mode: "reference"; typesDir: string };

export const officialTypesUrl = (version: Sol001Version, kind: TypeFileKind): string =>
  `https://forge.etsi.org/rep/nfv/SOL001/raw/v${version}/${typeFileName(kind)}`;

/** Embeds when every needed file is present; else references by URL, or fails (the default). */
export function chooseTypeSource(
  typesDir: string,
  needs: { version: Sol001Version; kinds: TypeFileKind[] }[],
  missingTypes: MissingTypes,
): TypeSource {
  const present = needs.every(({ version, kinds }) =>
    kinds.every((kind) => existsSync(join(typesDir, `v${version}`, typeFileName(kind)))),
  );
  // "fail" keeps the embedding path, whose loader names every missing file and how to get it.
  return present || missingTypes === "fail" ? { mode: "embed", typesDir } : { mode: "reference", typesDir };
}

/**
 * The type files to put in the package, and the package's own definitions files with their
 * imports of the type files pointed at the official URLs when those files are not embedded.
 */
export function withTypeFiles(
  source: TypeSource,
  version: Sol001Version,
  kinds: TypeFileKind[],
  definitions: RenderedFile[],
): RenderedFile[] {
  if (source.mode === "embed") return [...definitions, ...loadTypeFiles(source.typesDir, version, kinds)];
  const imported = new Map(kinds.map((kind) => [typeFileName(kind), officialTypesUrl(version, kind)]));
  return definitions.map((file) =>
    typeof file.content !== "string"
      ? file
      : {
          ...file,
          content: file.content.replace(
            /^(\s*-\s*)(etsi_nfv_sol001_[a-z]+_types\.yaml)\s*$/gm,
            (line: string, prefix: string, name: string) =>
              imported.has(name) ? `${prefix}${imported.get(name)}` : line,
          ),
        },
  );
}

export const REFERENCE_NOTICE =
  "ETSI SOL001 type definitions not found: the CSARs import them by their official URL " +
  "(https://forge.etsi.org/rep/nfv/SOL001) instead of embedding them, and are validated without them. " +
  "For self-contained packages put etsi_nfv_sol001_{common,vnfd,nsd}_types.yaml (v2.6.1, v3.3.1) in " +
  "../shared/reference/etsi-nfv/sol001/ or in the folder named by IVF_SOL001_TYPES_DIR.";
