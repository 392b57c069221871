import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileModules } from "./compile-schema.js";
import type { CompiledSchema } from "./schema-types.js";

/** Bump when the compiler's output shape changes, so stale cache files are ignored. */
const compilerVersion = "ivf-yang-3";

const memory = new Map<string, CompiledSchema>();

export function defaultCacheDir(): string {
  return process.env.IVF_YANG_CACHE_DIR ?? join(tmpdir(), "ivf-yang-schema-cache");
}

function readSources(directories: string[]): { file: string; text: string }[] {
  return directories.flatMap((directory) =>
    readdirSync(directory)
      .filter((name) => name.endsWith(".yang"))
      .sort()
      .map((name) => ({ file: join(directory, name), text: readFileSync(join(directory, name), "utf8") })),
  );
}

/**
 * The compiled schema for a set of YANG folders. Compiling the OSM model takes a few hundred
 * milliseconds, so the result is kept in memory and as JSON on disk, keyed by a digest of every
 * source file: editing a module recompiles, nothing else does.
 */
const byStamp = new Map<string, CompiledSchema>();

/** Cheap identity of the sources (names, sizes, mtimes) so repeated runs skip reading and hashing. */
function stamp(directories: string[]): string {
  return directories
    .flatMap((directory) =>
      readdirSync(directory)
        .filter((name) => name.endsWith(".yang"))
        .sort()
        .map((name) => {
          const info = statSync(join(directory, name));
          return `${directory}/${name}:${info.size}:${info.mtimeMs}`;
        }),
    )
    .join("|");
}

export function loadCompiledSchema(directories: string[], cacheDir = defaultCacheDir()): CompiledSchema {
  const key = stamp(directories);
  const known = byStamp.get(key);
  if (known) return known;
  const schema = loadBySources(directories, cacheDir);
  byStamp.set(key, schema);
  return schema;
}

function loadBySources(directories: string[], cacheDir: string): CompiledSchema {
  const sources = readSources(directories);
  const hash = createHash("sha256").update(compilerVersion);
  for (const source of sources)
    hash.update(source.file.replace(/^.*\//, "")).update("\0").update(source.text);
  const digest = hash.digest("hex");
  const cached = memory.get(digest);
  if (cached) return cached;
  const file = join(cacheDir, `${digest}.json`);
  if (existsSync(file)) {
    try {
      const schema = JSON.parse(readFileSync(file, "utf8")) as CompiledSchema;
      if (schema.digest === digest) {
        memory.set(digest, schema);
        return schema;
      }
    } catch {
      // a damaged cache file is recompiled below
    }
  }
  const { root, modules } = compileModules(sources);
  const schema: CompiledSchema = { digest, modules, root };
  memory.set(digest, schema);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(schema));
    renameSync(temporary, file);
  } catch {
    // the cache is an optimisation; a read-only temp dir only costs recompilation
  }
  return schema;
}
