import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Default locations of the official files the validator loads at run time: the SOL001 type
 * definitions, TOSCA normative types and the SOL006/OSM YANG. They live in the shared reference
 * folder beside the checkout (or IVF_REFERENCE_DIR); every path can be overridden by options.
 */
function repositoryRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    if (existsSync(join(directory, "package.json"))) return directory;
    directory = dirname(directory);
  }
  return process.cwd();
}

export function referenceRoot(): string {
  return process.env.IVF_REFERENCE_DIR ?? resolve(repositoryRoot(), "..", "shared", "reference");
}

export function defaultTypesDir(): string {
  return join(referenceRoot(), "etsi-nfv", "sol001");
}

export function defaultNormativeTypes(): string {
  return join(
    referenceRoot(),
    "tosca-parser-2.6.0-data",
    "toscaparser",
    "elements",
    "TOSCA_definition_1_0.yaml",
  );
}

/** SOL006 v2.6.1 plus OSM's augments: what OSM NBI compiles (IM Makefile `sol006_deps`). */
export function defaultYangDirs(): string[] {
  return [
    join(referenceRoot(), "osm-im", "sol006_model", "src", "yang"),
    join(referenceRoot(), "osm-im", "models", "augments"),
  ];
}
