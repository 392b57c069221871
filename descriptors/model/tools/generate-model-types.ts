/**
 * Generates descriptors/model/generated/model-types.ts from the JSON Schemas in
 * model-schema.ts (via openapi-typescript, as api-specs/ does for the APIs), so the
 * TypeScript model types are derived, never hand-kept. `--check` exits 1 when the file is stale.
 *   npx tsx descriptors/model/tools/generate-model-types.ts [--check]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderModelTypes } from "./render-model-types.js";

const target = join(dirname(fileURLToPath(import.meta.url)), "..", "generated", "model-types.ts");

async function main(): Promise<number> {
  const source = await renderModelTypes();
  if (process.argv.includes("--check")) {
    const current = readFileSync(target, "utf8");
    if (current !== source) {
      console.error(`${target} is stale: run npx tsx descriptors/model/tools/generate-model-types.ts`);
      return 1;
    }
    return 0;
  }
  writeFileSync(target, source);
  console.log(`wrote ${target}`);
  return 0;
}

process.exitCode = await main();
