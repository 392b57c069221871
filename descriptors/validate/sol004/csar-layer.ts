import type { PackageContent } from "../archive/package-content.js";
import type { FindingSink } from "../findings/report.js";
import { decodeText } from "../yaml/load-document.js";
import { checkManifest } from "./check-manifest.js";
import { verifyCms, type SignatureCheck, type SignatureOptions } from "./check-signature.js";
import { checkToscaMeta, toscaMetaPath } from "./check-tosca-meta.js";
import { parseManifest, type Manifest } from "./manifest.js";
import { parseToscaMeta } from "./tosca-meta.js";

export interface CsarStructure {
  entryDefinitions?: string;
}

const rootFiles = (content: PackageContent, pattern: RegExp): string[] =>
  [...content.files.keys()].filter((path) => !path.includes("/") && pattern.test(path)).sort();

/** The SOL004 layer: TOSCA.meta, manifest, digests and signatures of an option 1 CSAR. */
export async function checkCsarStructure(
  content: PackageContent,
  sink: FindingSink,
  signing: SignatureOptions,
): Promise<CsarStructure> {
  let entryDefinitions: string | undefined;
  let manifestPath: string | undefined;
  let certificatePath: string | undefined;
  const metaBytes = content.files.get(toscaMetaPath);
  if (metaBytes) {
    const text = decodeText(metaBytes, toscaMetaPath, sink);
    if (text === undefined) return {};
    const result = checkToscaMeta(parseToscaMeta(text), content, sink);
    ({ entryDefinitions, manifest: manifestPath, certificate: certificatePath } = result);
    if (!manifestPath && !result.manifest) manifestPath = rootFiles(content, /\.mf$/i)[0];
  } else {
    ({ entryDefinitions, manifestPath } = withoutMetadata(content, sink));
  }
  certificatePath ??= rootFiles(content, /\.cert$/i)[0];
  const certificate = certificatePath ? content.files.get(certificatePath) : undefined;
  const exempt = new Set([toscaMetaPath, ...(certificatePath ? [certificatePath] : [])]);
  const checks: SignatureCheck[] = [];
  if (manifestPath) {
    const bytes = content.files.get(manifestPath) as Buffer;
    const text = decodeText(bytes, manifestPath, sink);
    if (text !== undefined) {
      const manifest = parseManifest(text);
      collectSignatures(manifest, manifestPath, bytes, content, certificate, checks, exempt);
      checkManifest(manifest, manifestPath, content, exempt, sink);
    }
  }
  if (checks.length === 0)
    sink.add(
      "IVF-SIG-003",
      { file: manifestPath ?? toscaMetaPath },
      "the package carries no CMS signature",
      "sign the manifest (SOL004 5.4) if consumers require integrity protection",
    );
  for (const check of checks) await verifyCms(check, signing, sink);
  return entryDefinitions ? { entryDefinitions } : {};
}

/** SOL004 4.3.3 alternative: no TOSCA-Metadata, one root YAML and a manifest of the same name. */
function withoutMetadata(
  content: PackageContent,
  sink: FindingSink,
): { entryDefinitions?: string; manifestPath?: string } {
  const yamls = rootFiles(content, /\.ya?ml$/i);
  if (yamls.length !== 1) {
    sink.add(
      "IVF-CSAR-009",
      { file: "." },
      `no TOSCA-Metadata/TOSCA.meta and ${yamls.length} YAML files at the root`,
      "add TOSCA-Metadata/TOSCA.meta with Entry-Definitions, or keep exactly one root YAML",
    );
    return {};
  }
  const entry = yamls[0] as string;
  sink.add(
    "IVF-CSAR-012",
    { file: entry },
    "package has no TOSCA-Metadata directory; Tacker v2 rejects such packages (InvalidVnfdFormat)",
    "add TOSCA-Metadata/TOSCA.meta",
  );
  const manifest = entry.replace(/\.ya?ml$/i, ".mf");
  if (!content.files.has(manifest)) {
    sink.add(
      "IVF-CSAR-009",
      { file: entry },
      `no manifest "${manifest}" beside the root YAML`,
      "add the manifest with the same base name (SOL004 4.3.3)",
    );
    return { entryDefinitions: entry };
  }
  return { entryDefinitions: entry, manifestPath: manifest };
}

function collectSignatures(
  manifest: Manifest,
  path: string,
  bytes: Buffer,
  content: PackageContent,
  certificate: Buffer | undefined,
  checks: SignatureCheck[],
  exempt: Set<string>,
): void {
  const withCert = (check: SignatureCheck): SignatureCheck =>
    certificate ? { ...check, certificate } : check;
  if (manifest.cms) {
    checks.push(
      withCert({
        subject: "the manifest",
        file: path,
        line: manifest.cms.line,
        content: bytes.subarray(0, manifest.cms.signedLength),
        cms: Buffer.from(manifest.cms.pem),
      }),
    );
  }
  const sibling = [path.replace(/\.mf$/i, ".cms"), `${path}.cms`].find((candidate) =>
    content.files.has(candidate),
  );
  if (sibling) {
    exempt.add(sibling);
    checks.push(
      withCert({
        subject: "the manifest",
        file: sibling,
        content: bytes,
        cms: content.files.get(sibling) as Buffer,
      }),
    );
  }
  for (const entry of manifest.sources) {
    if (!entry.signature) continue;
    const signature = content.files.get(entry.signature);
    const data = content.files.get(entry.source);
    exempt.add(entry.signature);
    if (entry.certificate) exempt.add(entry.certificate);
    if (!signature || !data) continue;
    const artifactCert = entry.certificate ? content.files.get(entry.certificate) : certificate;
    checks.push({
      subject: `"${entry.source}"`,
      file: path,
      line: entry.line,
      content: data,
      cms: signature,
      ...(artifactCert ? { certificate: artifactCert } : {}),
    });
  }
}
