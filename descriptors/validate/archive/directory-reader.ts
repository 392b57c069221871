import { lstat, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FindingSink } from "../findings/report.js";
import type { ValidationLimits } from "../limits.js";
import { addImpliedDirectories, emptyContent, type PackageContent } from "./package-content.js";

/**
 * Reads an unpacked package directory. Links are never followed (lstat): a symlink inside a
 * package could point anywhere on the validating host.
 */
export async function readDirectory(
  root: string,
  sink: FindingSink,
  limits: ValidationLimits,
): Promise<PackageContent> {
  const content = emptyContent("directory");
  const state = { count: 0, total: 0 };
  await walk(root, "", content, sink, limits, state);
  return content;
}

async function walk(
  root: string,
  relative: string,
  content: PackageContent,
  sink: FindingSink,
  limits: ValidationLimits,
  state: { count: number; total: number },
): Promise<void> {
  const names = (await readdir(join(root, relative))).sort();
  for (const name of names) {
    const path = relative ? `${relative}/${name}` : name;
    state.count += 1;
    if (state.count > limits.maxEntries) {
      if (content.complete)
        sink.add(
          "IVF-AR-005",
          { file: root },
          `directory has more than ${limits.maxEntries} entries`,
          "split the package or raise --max-entries",
        );
      content.complete = false;
      return;
    }
    const info = await lstat(join(root, path));
    if (info.isSymbolicLink() || (!info.isFile() && !info.isDirectory())) {
      const what = info.isSymbolicLink() ? "a symbolic link" : "a special file";
      sink.add("IVF-AR-003", { file: path }, `"${path}" is ${what}`, "replace it with the file itself");
      continue;
    }
    if (info.isDirectory()) {
      content.directories.add(path);
      addImpliedDirectories(content, path);
      await walk(root, path, content, sink, limits, state);
      continue;
    }
    if (info.size > limits.maxEntryBytes || state.total + info.size > limits.maxTotalBytes) {
      sink.add(
        "IVF-AR-006",
        { file: path },
        `"${path}" (${info.size} bytes) exceeds the size limits`,
        "raise the limit only for trusted packages",
      );
      content.complete = false;
      continue;
    }
    state.total += info.size;
    content.files.set(path, await readFile(join(root, path)));
    addImpliedDirectories(content, path);
  }
}
