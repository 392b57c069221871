/**
 * The SOL004 manifest (4.3.2 - 4.3.7): a `metadata:` section, then one block per file
 * (`Source`, `Algorithm`, `Hash`, optionally `Signature`/`Certificate`), an optional
 * `non_mano_artifact_sets:` section and an optional CMS signature at the end. It is YAML-like
 * but repeats keys, so it is read line by line.
 */
export interface ManifestSource {
  source: string;
  line: number;
  algorithm?: { value: string; line: number };
  hash?: { value: string; line: number };
  signature?: string;
  certificate?: string;
}

export interface Manifest {
  metadata: Map<string, { value: string; line: number }>;
  sources: ManifestSource[];
  nonMano: Map<string, { source: string; line: number }[]>;
  cms?: { pem: string; signedLength: number; line: number };
  malformed: { line: number; text: string }[];
}

const CMS_BEGIN = "-----BEGIN CMS-----";
const CMS_END = "-----END CMS-----";

export function parseManifest(text: string): Manifest {
  const manifest: Manifest = { metadata: new Map(), sources: [], nonMano: new Map(), malformed: [] };
  const cmsStart = text.indexOf(CMS_BEGIN);
  const body = cmsStart === -1 ? text : text.slice(0, cmsStart);
  if (cmsStart !== -1) {
    const end = text.indexOf(CMS_END, cmsStart);
    const pemEnd = end === -1 ? text.length : end + CMS_END.length;
    manifest.cms = {
      pem: `${text.slice(cmsStart, pemEnd)}\n`,
      signedLength: Buffer.byteLength(body),
      line: body.split("\n").length,
    };
  }
  let section: "none" | "metadata" | "sources" | "non-mano" = "none";
  let currentSet: string | undefined;
  body.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "" || raw.trimStart().startsWith("#")) return;
    const indented = /^\s/.test(raw);
    const match = /^\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*:\s?(.*)$/.exec(raw);
    if (!match) {
      manifest.malformed.push({ line, text: raw });
      return;
    }
    const key = match[1] as string;
    const value = (match[2] as string).trim().replace(/^(["'])(.*)\1$/, "$2");
    if (!indented) {
      if (key === "metadata" && value === "") section = "metadata";
      else if (key === "non_mano_artifact_sets" && value === "") section = "non-mano";
      else {
        section = "sources";
        addSourceKey(manifest, key, value, line, false);
      }
      return;
    }
    if (section === "metadata") manifest.metadata.set(key, { value, line });
    else if (section === "non-mano") currentSet = addNonMano(manifest, currentSet, key, value, line);
    else if (section === "sources") addSourceKey(manifest, key, value, line, true);
    else manifest.malformed.push({ line, text: raw });
  });
  return manifest;
}

function addSourceKey(manifest: Manifest, key: string, value: string, line: number, indented: boolean): void {
  const last = manifest.sources[manifest.sources.length - 1];
  if (key === "Source") {
    manifest.sources.push({ source: value, line });
    return;
  }
  if (!last || indented) {
    manifest.malformed.push({ line, text: `${key}: ${value}` });
    return;
  }
  if (key === "Algorithm") last.algorithm = { value, line };
  else if (key === "Hash") last.hash = { value, line };
  else if (key === "Signature") last.signature = value;
  else if (key === "Certificate") last.certificate = value;
  else manifest.malformed.push({ line, text: `${key}: ${value}` });
}

function addNonMano(
  manifest: Manifest,
  currentSet: string | undefined,
  key: string,
  value: string,
  line: number,
): string | undefined {
  if (key === "Source" && currentSet) {
    manifest.nonMano.get(currentSet)?.push({ source: value, line });
    return currentSet;
  }
  if (value === "") {
    manifest.nonMano.set(key, []);
    return key;
  }
  manifest.malformed.push({ line, text: `${key}: ${value}` });
  return currentSet;
}
