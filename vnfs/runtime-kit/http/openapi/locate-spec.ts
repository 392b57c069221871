import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Finds `api-specs/<file>` from a module's URL, whether the module runs from source (tsx,
 * vitest) or from dist/ (the built product and VNF packages keep api-specs/ next to dist/).
 */
export function locateApiSpec(file: string, from: string = import.meta.url): string {
  const start = dirname(fileURLToPath(from));
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, "api-specs", file);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`api-specs/${file} not found above ${start}`);
  }
}
