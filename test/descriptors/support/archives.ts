import { gunzipSync } from "node:zlib";
import tar from "tar-stream";
import yauzl from "yauzl";

/** Reads a whole zip into a path -> content map (test inspection only). */
export function readZip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("no zip"));
      const files = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error("no stream"));
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(files));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

export interface TarMember {
  name: string;
  type: string;
  content: Buffer;
  mtime: Date;
  uid: number;
}

export function readTarGz(buffer: Buffer): Promise<TarMember[]> {
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    const members: TarMember[] = [];
    extract.on("entry", (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: unknown) => {
        chunks.push(chunk as Buffer);
      });
      stream.on("end", () => {
        members.push({
          name: header.name,
          type: header.type ?? "file",
          content: Buffer.concat(chunks),
          mtime: header.mtime ?? new Date(0),
          uid: header.uid ?? 0,
        });
        next();
      });
      stream.resume();
    });
    extract.on("finish", () => resolve(members));
    extract.on("error", reject);
    extract.end(gunzipSync(buffer));
  });
}
