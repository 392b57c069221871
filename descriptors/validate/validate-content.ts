import type { PackageContent } from "./archive/package-content.js";
import { readTar, gunzipPackage } from "./archive/tar-reader.js";
import { readZip } from "./archive/zip-reader.js";
import type { FindingSink, InputKind } from "./findings/report.js";
import { classifyContent, detectContainer, type Container } from "./input/detect-kind.js";
import { checkOsmTarLayout, checkOsmZipLayout, type OsmLayout } from "./osm/package-layout.js";
import { checkSol006, isSol006Document } from "./osm/sol006-layer.js";
import type { Settings } from "./settings.js";
import { checkVnfd } from "./sol001/vnfd-layer.js";
import { verifyCms } from "./sol004/check-signature.js";
import { checkCsarStructure } from "./sol004/csar-layer.js";
import { decodeText, loadDocument } from "./yaml/load-document.js";

/** Reads the container of a byte input and validates what it holds. */
export async function validateBytes(
  bytes: Buffer,
  label: string,
  sink: FindingSink,
  settings: Settings,
): Promise<InputKind> {
  const container = detectContainer(bytes);
  if (container === "text") return validateDocument(bytes, label, sink, settings);
  let content: PackageContent | undefined;
  if (container === "zip") content = readZip(bytes, label, sink, settings.limits);
  else {
    const tar = container === "gzip" ? gunzipPackage(bytes, label, sink, settings.limits) : bytes;
    if (tar) content = readTar(tar, label, sink, settings.limits);
  }
  if (!content) return container === "zip" ? "osm-zip" : "osm-tar";
  return validateContent(content, container, label, sink, settings);
}

/** Dispatches a package's files to the layers of its kind; archive problems stop deeper layers. */
export async function validateContent(
  content: PackageContent,
  container: Container | "directory",
  label: string,
  sink: FindingSink,
  settings: Settings,
): Promise<InputKind> {
  const kind = classifyContent(content, container);
  if (!content.complete) return kind;
  if (kind === "csar") await validateCsar(content, sink, settings);
  else if (kind === "csar-option2") await validateOption2(content, label, sink, settings);
  else
    validateOsm(
      content,
      kind === "osm-zip" ? checkOsmZipLayout(content, sink) : checkOsmTarLayout(content, sink),
      sink,
      settings,
    );
  return kind;
}

async function validateCsar(content: PackageContent, sink: FindingSink, settings: Settings): Promise<void> {
  const structure = await checkCsarStructure(content, sink, settings.signing);
  if (structure.entryDefinitions)
    checkVnfd(structure.entryDefinitions, content, settings.types, sink, settings.limits);
}

/** SOL004 5.1 option 2: an outer ZIP with the CSAR, its CMS signature and the certificate. */
async function validateOption2(
  content: PackageContent,
  label: string,
  sink: FindingSink,
  settings: Settings,
): Promise<void> {
  const root = [...content.files.keys()].filter((path) => !path.includes("/"));
  const csars = root.filter((path) => /\.csar$/i.test(path));
  const csar = csars[0] as string;
  const base = csar.replace(/\.csar$/i, "");
  const cms = content.files.get(`${base}.cms`);
  if (csars.length !== 1 || !cms) {
    sink.add(
      "IVF-CSAR-010",
      { file: label },
      `option 2 archive holds ${csars.length} .csar file(s) and ${cms ? "a" : "no"} matching .cms signature`,
      `put exactly one <name>.csar with <name>.cms (and <name>.cert) at the root`,
    );
    if (csars.length !== 1) return;
  }
  const inner = content.files.get(csar) as Buffer;
  const certificate = content.files.get(`${base}.cert`);
  if (cms)
    await verifyCms(
      {
        subject: `"${csar}"`,
        file: `${base}.cms`,
        content: inner,
        cms,
        ...(certificate ? { certificate } : {}),
      },
      settings.signing,
      sink,
    );
  const innerContent = readZip(inner, csar, sink, settings.limits);
  if (innerContent.complete) await validateCsar(innerContent, sink, settings);
}

function validateOsm(
  content: PackageContent,
  layout: OsmLayout,
  sink: FindingSink,
  settings: Settings,
): void {
  if (!layout.descriptor) return;
  const bytes = content.files.get(layout.descriptor) as Buffer;
  const text = decodeText(bytes, layout.descriptor, sink);
  const document =
    text === undefined ? undefined : loadDocument(text, layout.descriptor, sink, settings.limits);
  if (!document) return;
  if (!isSol006Document(document.data)) {
    sink.add(
      "IVF-IN-001",
      { file: layout.descriptor },
      `${layout.descriptor} is neither a SOL006 descriptor (vnfd/nsd root) nor part of a CSAR`,
      "check the package type",
    );
    return;
  }
  checkSol006(document, settings.yang, sink, layout.artifacts);
}

/** A bare descriptor: SOL001 TOSCA YAML or SOL006 YAML/JSON. */
function validateDocument(bytes: Buffer, label: string, sink: FindingSink, settings: Settings): InputKind {
  const text = decodeText(bytes, label, sink);
  if (text === undefined) return "unknown";
  const document = loadDocument(text, label, sink, settings.limits);
  if (!document) return "unknown";
  const data = document.data as Record<string, unknown> | null;
  if (data && typeof data === "object" && "tosca_definitions_version" in data) {
    const content: PackageContent = {
      files: new Map([[label, bytes]]),
      directories: new Set(),
      container: "file",
      complete: true,
    };
    checkVnfd(label, content, settings.types, sink, settings.limits);
    return "sol001-yaml";
  }
  if (isSol006Document(data)) {
    checkSol006(document, settings.yang, sink);
    return text.trimStart().startsWith("{") ? "sol006-json" : "sol006-yaml";
  }
  sink.add(
    "IVF-IN-001",
    { file: label },
    `${label} is not a package (ZIP, tar.gz) nor a SOL001/SOL006 descriptor`,
    "pass a CSAR, an OSM package or a descriptor with tosca_definitions_version / vnfd / nsd at the top",
  );
  return "unknown";
}
