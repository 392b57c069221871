import { crc32 } from "node:zlib";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { PackageContent } from "../archive/package-content.js";
import { FindingSink } from "../findings/report.js";
import type { ValidationLimits } from "../limits.js";
import { resolveInPackage } from "../sol004/package-paths.js";
import { decodeText, loadDocument, locate, type LoadedDocument } from "../yaml/load-document.js";
import { TypeRegistry } from "./type-registry.js";

export interface TypeSources {
  /** Folder with SOL001 type files: either flat or with one sub-folder per version ("v2.6.1"). */
  typesDir: string;
  /** TOSCA normative types (tosca.nodes.Root, tosca.datatypes.Root...). */
  normativeTypesFile?: string;
}

export interface LoadedTemplate {
  /** Every definitions document of the service template: the entry and its import closure. */
  documents: LoadedDocument[];
  registry: TypeRegistry;
  /** Official SOL001 type files imported by their forge URL that neither the package nor the types folder holds. */
  missingOfficial: string[];
}

/** An import of an official ETSI SOL001 type file by its forge URL. */
const OFFICIAL_TYPES_URL =
  /^https:\/\/forge\.etsi\.org\/rep\/nfv\/SOL001\/raw\/v[0-9.]+\/etsi_nfv_sol001_[a-z]+_types\.yaml$/;

/**
 * Parsed definitions files, keyed by name, size and CRC-32 and confirmed by a full byte
 * comparison (a CRC alone can be forged): the official type files are identical in every
 * package, so they are parsed once per process.
 */
const parsedCache = new Map<string, { bytes: Buffer; document: LoadedDocument }>();

function parseCached(
  bytes: Buffer,
  file: string,
  sink: FindingSink,
  limits: ValidationLimits,
): LoadedDocument | undefined {
  const key = `${file}\0${bytes.length}\0${crc32(bytes)}`;
  const cached = parsedCache.get(key);
  if (cached && cached.bytes.equals(bytes)) return cached.document;
  const text = decodeText(bytes, file, sink);
  const document = text === undefined ? undefined : loadDocument(text, file, sink, limits);
  if (document && parsedCache.size < 256) parsedCache.set(key, { bytes: Buffer.from(bytes), document });
  return document;
}

/** Registries keyed by the identity of their documents, so merged-type lookups are reused. */
const documentIds = new WeakMap<LoadedDocument, number>();
let nextDocumentId = 1;
const registryCache = new Map<string, TypeRegistry>();

function registryFor(documents: LoadedDocument[]): TypeRegistry {
  const key = documents
    .map((document) => {
      if (!documentIds.has(document)) documentIds.set(document, nextDocumentId++);
      return documentIds.get(document);
    })
    .join(",");
  let registry = registryCache.get(key);
  if (!registry) {
    registry = new TypeRegistry();
    for (const document of documents) registry.addDocument(document);
    if (registryCache.size > 64) registryCache.clear();
    registryCache.set(key, registry);
  }
  return registry;
}

const externalBytes = new Map<string, Buffer>();

/** Type files from the types folder are read once per process. */
function readExternal(path: string): Buffer {
  let bytes = externalBytes.get(path);
  if (!bytes) {
    bytes = readFileSync(path);
    externalBytes.set(path, bytes);
  }
  return bytes;
}

const normativeCache = new Map<string, LoadedDocument | undefined>();

function normativeDocument(file: string | undefined, limits: ValidationLimits): LoadedDocument | undefined {
  if (!file) return undefined;
  if (!normativeCache.has(file)) {
    normativeCache.set(
      file,
      existsSync(file) ? parseCached(readFileSync(file), file, new FindingSink(), limits) : undefined,
    );
  }
  return normativeCache.get(file);
}

/** SOL001 type files name their version in the forge URL (".../raw/v2.6.1/..."); else from TOSCA version. */
export function sol001Version(importTarget: string, definitionsVersion: unknown): string {
  const match = /\/v(\d+\.\d+\.\d+)\//.exec(importTarget);
  if (match) return `v${match[1]}`;
  return definitionsVersion === "tosca_simple_yaml_1_3" ? "v3.3.1" : "v2.6.1";
}

function importTargets(document: LoadedDocument): { target: string; path: (string | number)[] }[] {
  const imports = (document.data as Record<string, unknown> | null)?.imports;
  if (!Array.isArray(imports)) return [];
  return imports.flatMap((item, index) => {
    if (typeof item === "string") return [{ target: item, path: ["imports", index] }];
    if (!item || typeof item !== "object") return [];
    const record = item as Record<string, unknown>;
    if (typeof record.file === "string") return [{ target: record.file, path: ["imports", index] }];
    return Object.values(record).flatMap((value) => {
      if (typeof value === "string") return [{ target: value, path: ["imports", index] }];
      const file = (value as Record<string, unknown> | null)?.file;
      return typeof file === "string" ? [{ target: file, path: ["imports", index] }] : [];
    });
  });
}

function fromTypesDir(sources: TypeSources, version: string, name: string): string | undefined {
  for (const candidate of [join(sources.typesDir, version, name), join(sources.typesDir, name)]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/**
 * Loads the import closure of `entry`. A relative import is read from the package; a URL or a
 * file the package does not ship is looked up by name in the types folder, so packages that
 * reference the forge URLs (as the SOL001 type files themselves do) validate offline.
 */
export function loadServiceTemplate(
  entry: string,
  content: PackageContent,
  sources: TypeSources,
  sink: FindingSink,
  limits: ValidationLimits,
): LoadedTemplate | undefined {
  const root = parseCached(content.files.get(entry) as Buffer, entry, sink, limits);
  if (!root) return undefined;
  const normative = normativeDocument(sources.normativeTypesFile, limits);
  const documents: LoadedDocument[] = [];
  const seen = new Set<string>();
  const queue: { document: LoadedDocument; inPackage: boolean }[] = [{ document: root, inPackage: true }];
  seen.add(entry);
  const definitionsVersion = (root.data as Record<string, unknown> | null)?.tosca_definitions_version;
  const missingOfficial = new Set<string>();
  while (queue.length) {
    const { document, inPackage } = queue.shift() as { document: LoadedDocument; inPackage: boolean };
    documents.push(document);
    for (const { target, path } of importTargets(document)) {
      const next = resolveImport(document, inPackage, target, content, sources, definitionsVersion);
      if (!next && OFFICIAL_TYPES_URL.test(target)) {
        // Not an error of the package: the types folder of this validator lacks ETSI's file.
        missingOfficial.add(target);
        continue;
      }
      if (!next) {
        sink.add(
          "IVF-TOSCA-002",
          locate(document, path),
          `import "${target}" cannot be resolved in the package or in the types folder ${sources.typesDir}`,
          "ship the file under Definitions/ or fix the import path",
        );
        continue;
      }
      if (seen.has(next.key)) continue;
      seen.add(next.key);
      const loaded = parseCached(next.bytes, next.label, sink, limits);
      if (loaded) queue.push({ document: loaded, inPackage: next.inPackage });
    }
  }
  return {
    documents,
    registry: registryFor(normative ? [normative, ...documents] : documents),
    missingOfficial: [...missingOfficial],
  };
}

function resolveImport(
  from: LoadedDocument,
  fromPackage: boolean,
  target: string,
  content: PackageContent,
  sources: TypeSources,
  version: unknown,
): { key: string; label: string; bytes: Buffer; inPackage: boolean } | undefined {
  if (fromPackage) {
    const local = resolveInPackage(from.file, target);
    if (local !== undefined && content.files.has(local))
      return { key: local, label: local, bytes: content.files.get(local) as Buffer, inPackage: true };
    const sameFolder = resolveInPackage(from.file, basename(target));
    if (/^https?:/.test(target) && sameFolder !== undefined && content.files.has(sameFolder)) {
      return {
        key: sameFolder,
        label: sameFolder,
        bytes: content.files.get(sameFolder) as Buffer,
        inPackage: true,
      };
    }
  }
  const external = fromTypesDir(sources, sol001Version(target, version), basename(target));
  if (!external) return undefined;
  return { key: external, label: external, bytes: readExternal(external), inPackage: false };
}
