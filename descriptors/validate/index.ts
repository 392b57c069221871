import { basename } from "node:path";
import { FindingSink, finishReport, type InputKind, type ValidationReport } from "./findings/report.js";
import { readInput } from "./input/read-input.js";
import { resolveSettings, type ValidateOptions } from "./settings.js";
import { validateBytes, validateContent } from "./validate-content.js";
import type { PackageContent } from "./archive/package-content.js";
import { classifyContent } from "./input/detect-kind.js";

export type { ValidateOptions } from "./settings.js";
export type { Finding, FindingLocation, InputKind, ValidationReport } from "./findings/report.js";
export { ValidationInputError } from "./input/read-input.js";
export { ruleCatalogue } from "./findings/rule-catalogue.js";

/** An OSM package folder is the package's top directory: view its files under that name. */
function asTopFolder(content: PackageContent, root: string): PackageContent {
  const name = basename(root.replace(/\/+$/, "")) || "package";
  const files = new Map([...content.files].map(([path, data]) => [`${name}/${path}`, data]));
  const directories = new Set([name, ...[...content.directories].map((path) => `${name}/${path}`)]);
  return { ...content, files, directories };
}

/**
 * Validates a package or descriptor: a path (file or unpacked folder) or the bytes of an upload.
 * Everything is read into memory under `limits`; nothing is written except short-lived files in
 * a private temp folder for `openssl cms -verify`. Throws ValidationInputError only when the
 * input cannot be read at all; every problem with its content is a finding in the report.
 */
export async function validatePackage(
  input: string | Buffer,
  options: ValidateOptions = {},
): Promise<ValidationReport> {
  const started = performance.now();
  const settings = resolveSettings(options);
  const sink = new FindingSink();
  const label = typeof input === "string" ? input : (options.name ?? "upload");
  const raw = await readInput(input, sink, settings.limits);
  let kind: InputKind;
  if ("bytes" in raw) {
    kind = await validateBytes(
      raw.bytes,
      typeof input === "string" ? basename(input) : label,
      sink,
      settings,
    );
  } else {
    const content = raw.directory;
    const isCsar = classifyContent(content, "directory") === "csar";
    kind = await validateContent(
      isCsar ? content : asTopFolder(content, label),
      "directory",
      label,
      sink,
      settings,
    );
  }
  return finishReport(label, kind, sink.findings, settings.strict, started);
}
