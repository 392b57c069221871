import { readFileSync } from "node:fs";
import type { ArchiveEntry } from "../archive/archive-entry.js";
import { fixedTime } from "../archive/archive-entry.js";
import { writeZip } from "../archive/zip-writer.js";
import type { RenderedFile } from "../../render/render-types.js";
import { SigningError, cmsSign, pemBody, type SigningKey } from "./cms-sign.js";
import { renderManifest } from "./manifest.js";
import { renderToscaMeta } from "./tosca-meta.js";

/**
 * SOL004 CSAR with TOSCA-Metadata (option 1 security: manifest digests, optional CMS signature
 * of the manifest and the signing certificate in the package) and, when signing, the option 2
 * outer ZIP holding <name>.csar, <name>.cms (signature over the whole CSAR) and <name>.cert.
 */
export interface CsarContent {
  name: string;
  createdBy: string;
  entryDefinitions: string;
  metadata: [string, string][];
  files: RenderedFile[];
  changeLog: string;
  licence: string;
  nonMano: Record<string, string[]>;
  releaseDateTime: string;
}

export interface BuiltCsar {
  csar: Buffer;
  /** Option 2 outer zip, only when signed. */
  signedZip?: Buffer;
}

const toEntry = (file: RenderedFile): ArchiveEntry => ({
  path: file.path,
  content: typeof file.content === "string" ? Buffer.from(file.content, "utf8") : file.content,
  mode: file.mode ?? 0o644,
});

export async function buildCsar(content: CsarContent, signing?: SigningKey): Promise<BuiltCsar> {
  const manifestPath = `${content.name}.mf`;
  const certificatePath = signing ? `Files/Certificates/${content.name}.cert` : undefined;
  const entries: ArchiveEntry[] = [
    ...content.files.map(toEntry),
    toEntry({ path: "Files/ChangeLog.txt", content: content.changeLog }),
    toEntry({ path: "Files/Licenses/LICENSE.txt", content: content.licence }),
    toEntry({
      path: "TOSCA-Metadata/TOSCA.meta",
      content: renderToscaMeta({
        createdBy: content.createdBy,
        entryDefinitions: content.entryDefinitions,
        manifest: manifestPath,
        changeLog: "Files/ChangeLog.txt",
        licenses: "Files/Licenses",
        ...(certificatePath ? { certificate: certificatePath } : {}),
      }),
    }),
  ];
  let certificate: Buffer | undefined;
  if (signing && certificatePath) {
    try {
      certificate = readFileSync(signing.certFile);
    } catch (error) {
      throw new SigningError(`cannot read --cert ${signing.certFile}: ${(error as Error).message}`);
    }
    entries.push({ path: certificatePath, content: certificate, mode: 0o644 });
  }
  let manifest = renderManifest(content.metadata, entries, content.nonMano);
  if (signing) manifest = `${manifest}${pemBody(await cmsSign(Buffer.from(manifest, "utf8"), signing))}\n`;
  entries.push(toEntry({ path: manifestPath, content: manifest }));
  const time = fixedTime(content.releaseDateTime);
  const csar = await writeZip(entries, time);
  if (!signing || !certificate) return { csar };
  const signature = await cmsSign(csar, signing);
  const signedZip = await writeZip(
    [
      { path: `${content.name}.csar`, content: csar, mode: 0o644 },
      { path: `${content.name}.cms`, content: signature, mode: 0o644 },
      { path: `${content.name}.cert`, content: certificate, mode: 0o644 },
    ],
    time,
  );
  return { csar, signedZip };
}
