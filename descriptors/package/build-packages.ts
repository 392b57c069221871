import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  listIvfModels,
  loadIvfModel,
  loadNetworkServiceModel,
  type LoadOptions,
} from "../model/model-loader.js";
import type { Sol001Version } from "../render/render-types.js";
import { defaultTypesDir } from "../render/sol001/type-files.js";
import { buildCsar } from "./csar/build-csar.js";
import type { SigningKey } from "./csar/cms-sign.js";
import { buildOsmPackage } from "./osm/build-osm-package.js";
import {
  nsCsarContent,
  osmKnfContent,
  osmNsContent,
  osmVnfContent,
  vnfCsarContent,
} from "./package-contents.js";
import { chooseTypeSource, REFERENCE_NOTICE, type MissingTypes } from "./sol001-types.js";

export type PackageFormat = "csar" | "osm";

export interface BuildOptions extends LoadOptions {
  /** IVF names; empty or absent = every IVF plus the network service. */
  ivfs?: string[];
  formats: PackageFormat[];
  outDir: string;
  sol001Version?: Sol001Version;
  /** Directory with v2.6.1/ and v3.3.1/ SOL001 type files (default ../shared/reference/etsi-nfv/sol001). */
  typesDir?: string;
  /**
   * Without the type files: "fail" (default) stops with the list of missing files; "reference"
   * builds CSARs that import them by their official URL (see ./sol001-types.ts) and calls onNotice.
   */
  missingTypes?: MissingTypes;
  onNotice?: (notice: string) => void;
  signing?: SigningKey;
  /** Build the NS packages too (default: when no IVF list is given). */
  includeNetworkService?: boolean;
}

/** Writes through a temporary name and renames, so a failed build never leaves a partial file. */
function writeAtomically(path: string, data: Buffer): string {
  const temporary = `${path}.partial-${process.pid}`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return path;
}

/** Builds the requested packages; returns the absolute paths written, in build order. */
export async function buildPackages(options: BuildOptions): Promise<string[]> {
  const outDir = resolve(options.outDir);
  const version = options.sol001Version ?? "2.6.1";
  const typesDir = options.typesDir ?? defaultTypesDir();
  const names = options.ivfs && options.ivfs.length > 0 ? options.ivfs : listIvfModels(options);
  const includeNs = options.includeNetworkService ?? !(options.ivfs && options.ivfs.length > 0);
  const types = chooseTypeSource(
    typesDir,
    [
      { version, kinds: ["common", "vnfd"] },
      ...(includeNs
        ? [{ version: "3.3.1" as const, kinds: ["common" as const, "vnfd" as const, "nsd" as const] }]
        : []),
    ],
    options.missingTypes ?? "fail",
  );
  if (types.mode === "reference" && options.formats.includes("csar")) options.onNotice?.(REFERENCE_NOTICE);
  const loaded = names.map((name) => loadIvfModel(name, options));
  const ns = includeNs ? loadNetworkServiceModel("iot-platform", options) : undefined;
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  if (options.formats.includes("csar")) {
    for (const model of loaded) {
      const built = await buildCsar(vnfCsarContent(model, version, types), options.signing);
      written.push(writeAtomically(join(outDir, `${model.model.name}.csar`), built.csar));
      if (built.signedZip)
        written.push(writeAtomically(join(outDir, `${model.model.name}.zip`), built.signedZip));
    }
    if (ns) {
      const built = await buildCsar(nsCsarContent(ns, types), options.signing);
      written.push(writeAtomically(join(outDir, `${ns.model.name}-ns.csar`), built.csar));
      if (built.signedZip)
        written.push(writeAtomically(join(outDir, `${ns.model.name}-ns.zip`), built.signedZip));
    }
  }
  if (options.formats.includes("osm")) {
    for (const model of loaded) {
      written.push(
        writeAtomically(
          join(outDir, `${model.model.name}_vnf.tar.gz`),
          await buildOsmPackage(osmVnfContent(model)),
        ),
      );
      written.push(
        writeAtomically(
          join(outDir, `${model.model.name}_knf.tar.gz`),
          await buildOsmPackage(osmKnfContent(model)),
        ),
      );
    }
    if (ns)
      written.push(
        writeAtomically(join(outDir, `${ns.model.name}_ns.tar.gz`), await buildOsmPackage(osmNsContent(ns))),
      );
  }
  return written;
}
