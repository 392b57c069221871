import { posix } from "node:path";

/** Resolves a path written inside `fromFile` (relative to its folder) to a package path. */
export function resolveInPackage(fromFile: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("/")) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(fromFile), target));
  if (joined.startsWith("..")) return undefined;
  return joined === "." ? "" : joined;
}

export function isExternalUri(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(target);
}
