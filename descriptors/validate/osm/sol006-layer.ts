import type { FindingSink } from "../findings/report.js";
import { locate, type LoadedDocument } from "../yaml/load-document.js";
import { loadCompiledSchema } from "../yang/schema-cache.js";
import { validateYangData } from "../yang/validate-data.js";
import { checkAutoscalingConventions } from "./autoscaling-conventions.js";
import { checkNbiRules, type PackageArtifacts } from "./nbi-rules.js";

export interface YangOptions {
  yangDirs: string[];
  schemaCacheDir?: string;
}

const legacyRoots = ["vnfd-catalog", "vnfd:vnfd-catalog", "nsd-catalog", "nsd:nsd-catalog"];

/** True when a document's top key marks it as a SOL006 (or legacy OSM) descriptor. */
export function isSol006Document(data: unknown): boolean {
  if (!data || typeof data !== "object" || Array.isArray(data)) return false;
  return Object.keys(data).some(
    (key) =>
      ["vnfd", "nsd", "pnfd"].includes(key.replace(/^etsi-nfv-(vnfd|nsd|pnfd):/, "")) ||
      legacyRoots.includes(key),
  );
}

/** The SOL006 layer: strict YANG validation, then OSM NBI's cross-reference rules. */
export function checkSol006(
  document: LoadedDocument,
  options: YangOptions,
  sink: FindingSink,
  artifacts?: PackageArtifacts,
): void {
  const data = document.data as Record<string, unknown>;
  const legacy = Object.keys(data).find((key) => legacyRoots.includes(key));
  if (legacy) {
    sink.add(
      "IVF-OSM-005",
      locate(document, [legacy]),
      "ERROR: Unsupported descriptor format. Please, use an ETSI SOL006 descriptor.",
      "translate it with osm_im.im_translation.translate_im_model_to_sol006",
    );
    return;
  }
  let schema;
  try {
    schema = loadCompiledSchema(options.yangDirs, options.schemaCacheDir);
  } catch (error) {
    sink.add(
      "IVF-YANG-009",
      { file: document.file },
      `YANG model cannot be compiled: ${(error as Error).message}`,
      "check the YANG folders given with --yang-dir",
    );
    return;
  }
  validateYangData(schema.root, data, document, sink);
  const key = Object.keys(data).find((name) => name.replace(/^etsi-nfv-vnfd:/, "") === "vnfd");
  const vnfd = key ? data[key] : undefined;
  if (key && vnfd && typeof vnfd === "object" && !Array.isArray(vnfd)) {
    checkNbiRules(vnfd as Record<string, unknown>, document, [key], sink, artifacts);
    checkAutoscalingConventions(vnfd as Record<string, unknown>, document, [key], sink, artifacts);
  }
}
