/**
 * Reads a SOL004 CSAR (ZIP) held in memory, with limits against hostile archives (entry count,
 * total size, path traversal). Only what the VNFM needs: every file's bytes, TOSCA.meta's
 * Entry-Definitions and the Definitions/ YAML files the VNFD reader consumes.
 */
import { posix } from "node:path";
import yauzl from "yauzl";
import { vnfmError } from "../errors.js";

export interface CsarLimits {
  maxEntries: number;
  maxTotalBytes: number;
}

export interface CsarContent {
  files: Map<string, Buffer>;
  entryDefinitions: string;
  /** Path -> YAML text of every Definitions file (and the entry definitions). */
  vnfdFiles: Record<string, string>;
}

const reject = (detail: string) =>
  vnfmError("PACKAGE_REJECTED", detail, {
    findings: [{ rule: "VNFM-CSAR", severity: "error", message: detail, location: {} }],
  });

function readZip(bytes: Buffer, limits: CsarLimits): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject_) => {
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: true },
      (openError, zip) => {
        if (openError || !zip)
          return reject_(
            reject(`package_content is not a ZIP archive: ${openError?.message ?? "unreadable"}`),
          );
        const files = new Map<string, Buffer>();
        let total = 0;
        zip.on("error", (error: Error) => reject_(reject(`corrupt ZIP archive: ${error.message}`)));
        zip.on("end", () => resolve(files));
        zip.on("entry", (entry: yauzl.Entry) => {
          const name = entry.fileName;
          if (files.size >= limits.maxEntries)
            return reject_(reject(`the CSAR has more than ${limits.maxEntries} entries`));
          if (name.startsWith("/") || posix.normalize(name).startsWith(".."))
            return reject_(reject(`entry "${name}" escapes the package root`));
          if (name.endsWith("/")) return zip.readEntry();
          total += entry.uncompressedSize;
          if (total > limits.maxTotalBytes)
            return reject_(reject(`the CSAR expands beyond ${limits.maxTotalBytes} bytes`));
          zip.openReadStream(entry, (streamError, stream) => {
            if (streamError || !stream)
              return reject_(reject(`cannot read entry "${name}": ${streamError?.message}`));
            const chunks: Buffer[] = [];
            stream.on("data", (chunk: Buffer) => chunks.push(chunk));
            stream.on("error", (error) => reject_(reject(`cannot read entry "${name}": ${error.message}`)));
            stream.on("end", () => {
              files.set(name, Buffer.concat(chunks));
              zip.readEntry();
            });
          });
        });
        zip.readEntry();
      },
    );
  });
}

export function entryDefinitionsOf(meta: string): string | undefined {
  const line = meta.split(/\r?\n/).find((l) => /^Entry-Definitions\s*:/.test(l));
  return line?.split(":").slice(1).join(":").trim();
}

export async function readCsar(bytes: Buffer, limits: CsarLimits): Promise<CsarContent> {
  const files = await readZip(bytes, limits);
  const meta = files.get("TOSCA-Metadata/TOSCA.meta");
  if (!meta)
    throw reject("TOSCA-Metadata/TOSCA.meta is missing (SOL004 4.3.2; the VNFM reads the VNFD through it)");
  const entryDefinitions = entryDefinitionsOf(meta.toString("utf8"));
  if (!entryDefinitions || !files.has(entryDefinitions))
    throw reject(
      `TOSCA.meta Entry-Definitions "${entryDefinitions ?? ""}" does not name a file of the package`,
    );
  const vnfdFiles: Record<string, string> = {};
  for (const [path, content] of files) {
    const isDefinition =
      (path.startsWith("Definitions/") && /\.ya?ml$/.test(path)) || path === entryDefinitions;
    if (isDefinition) vnfdFiles[path] = content.toString("utf8");
  }
  return { files, entryDefinitions, vnfdFiles };
}
