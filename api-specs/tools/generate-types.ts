#!/usr/bin/env node
/**
 * Generates `api-specs/types/<name>.ts` from every `api-specs/<name>.yaml` with openapi-typescript
 * (STYLE.md §5: one source of truth, derived artefacts). `--check` regenerates in memory and exits 1
 * listing every type file that is stale, missing or has no specification any more (CI runs it).
 *
 *   npm run api:types     write the files
 *   npm run api:check     verify them
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

/** The repository root: the nearest ancestor with package.json (works from source and from dist/). */
export function repositoryRoot(start = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "api-specs"))) return dir;
    if (dirname(dir) === dir)
      throw new Error(`no repository root (package.json with api-specs/) above ${start}`);
  }
}

export async function generateTypes(specFile: string): Promise<string> {
  const ast = await openapiTS(pathToFileURL(specFile), { alphabetize: false, exportType: false });
  const name = basename(specFile);
  const header = [
    `// Generated from api-specs/${name} by api-specs/tools/generate-types.ts (openapi-typescript).`,
    "// Do not edit: change the specification and run `npm run api:types`.",
    "",
  ].join("\n");
  return `${header}${astToString(ast)}`;
}

export interface TypeFileStatus {
  spec?: string;
  typesFile: string;
  state: "current" | "stale" | "missing" | "orphan";
}

export async function checkAll(root: string, write: boolean): Promise<TypeFileStatus[]> {
  const specDir = join(root, "api-specs");
  const typesDir = join(specDir, "types");
  const specs = (await readdir(specDir)).filter((file) => file.endsWith(".yaml")).sort();
  const results: TypeFileStatus[] = [];
  for (const spec of specs) {
    const typesFile = join(typesDir, `${spec.replace(/\.yaml$/, "")}.ts`);
    const expected = await generateTypes(join(specDir, spec));
    const actual = existsSync(typesFile) ? await readFile(typesFile, "utf8") : undefined;
    const state = actual === undefined ? "missing" : actual === expected ? "current" : "stale";
    if (write && state !== "current") {
      await mkdir(typesDir, { recursive: true });
      await writeFile(typesFile, expected);
    }
    results.push({ spec: join(specDir, spec), typesFile, state });
  }
  const expectedNames = new Set(specs.map((spec) => `${spec.replace(/\.yaml$/, "")}.ts`));
  if (existsSync(typesDir)) {
    for (const file of (await readdir(typesDir)).filter((name) => name.endsWith(".ts"))) {
      if (!expectedNames.has(file)) results.push({ typesFile: join(typesDir, file), state: "orphan" });
    }
  }
  return results;
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes("--check");
  const root = repositoryRoot();
  const results = await checkAll(root, !check);
  const show = (path: string) => relative(root, path);
  if (check) {
    const bad = results.filter((entry) => entry.state !== "current");
    for (const entry of bad) {
      const why =
        entry.state === "orphan"
          ? "has no api-specs/*.yaml any more; delete it"
          : `is ${entry.state}; run \`npm run api:types\` and commit it`;
      console.error(`${show(entry.typesFile)} ${why}`);
    }
    if (bad.length === 0)
      console.log(`api types up to date (${results.length} file${results.length === 1 ? "" : "s"})`);
    return bad.length === 0 ? 0 : 1;
  }
  for (const entry of results)
    console.log(`${show(entry.typesFile)}: ${entry.state === "current" ? "unchanged" : "written"}`);
  const orphans = results.filter((entry) => entry.state === "orphan");
  for (const entry of orphans) console.error(`${show(entry.typesFile)} has no specification; delete it`);
  return orphans.length === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`generate-types: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}
