import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkIvfModel } from "./ivf-checks.js";
import { ModelLoadError, modelErrorCodes, type ModelIssue } from "./model-errors.js";
import type {
  IvfModel,
  LoadedIvfModel,
  LoadedNetworkService,
  NetworkServiceModel,
  Platform,
} from "./model-types.js";
import { checkNetworkService } from "./ns-checks.js";
import type { RootSchemaName } from "./model-schema.js";
import { checkSchema } from "./schema-check.js";
import { defaultYamlLimits, parseYamlSource, type YamlSource } from "./yaml-source.js";

/**
 * Loads the authored models under descriptors/: platform.yaml (shared facts), ivfs/<name>.yaml
 * (one per IVF) and ns/<name>.yaml. Works from source and from dist/ (the YAML is not copied
 * by tsc, so we look beside the source tree); IVF_DESCRIPTORS_DIR overrides the location.
 */
export function descriptorsRoot(): string {
  if (process.env.IVF_DESCRIPTORS_DIR) return resolve(process.env.IVF_DESCRIPTORS_DIR);
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, ".."), resolve(here, "..", "..", "..", "descriptors")];
  const found = candidates.find((candidate) => existsSync(join(candidate, "platform.yaml")));
  return found ?? (candidates[0] as string);
}

export interface LoadOptions {
  /** Directory holding platform.yaml, ivfs/ and ns/ (default: descriptorsRoot()). */
  root?: string;
}

function readSource(file: string): YamlSource {
  let text: string;
  try {
    if (statSync(file).size > defaultYamlLimits.maxBytes)
      throw new ModelLoadError([
        {
          code: modelErrorCodes.TOO_LARGE,
          file,
          line: 0,
          pointer: "",
          message: `file is larger than ${defaultYamlLimits.maxBytes} bytes`,
        },
      ]);
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelLoadError([
      { code: modelErrorCodes.IO, file, line: 0, pointer: "", message: `cannot read: ${reason}` },
    ]);
  }
  const parsed = parseYamlSource(file, text);
  if (!parsed.ok) throw new ModelLoadError(parsed.issues);
  return parsed.source;
}

function validated<T>(
  source: YamlSource,
  root: RootSchemaName,
  extra: (data: T) => ModelIssue[] = () => [],
): T {
  const issues = checkSchema(source, root);
  if (issues.length > 0) throw new ModelLoadError(issues);
  const data = source.data as T;
  const semantic = extra(data);
  if (semantic.length > 0) throw new ModelLoadError(semantic);
  return data;
}

export function loadPlatform(options: LoadOptions = {}): Platform {
  const root = options.root ?? descriptorsRoot();
  return validated<Platform>(readSource(join(root, "platform.yaml")), "Platform");
}

/** Parses and checks one IVF model file (no platform merge): used by tests and the validator. */
export function readIvfModelFile(file: string): IvfModel {
  const source = readSource(file);
  return validated<IvfModel>(source, "IvfModel", (model) => checkIvfModel(source, model));
}

function ivfFile(nameOrPath: string, root: string): { file: string; expectedName?: string } {
  if (nameOrPath.includes("/") || nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml"))
    return { file: isAbsolute(nameOrPath) ? nameOrPath : resolve(nameOrPath) };
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(nameOrPath))
    throw new ModelLoadError([
      {
        code: modelErrorCodes.NOT_FOUND,
        file: nameOrPath,
        line: 0,
        pointer: "",
        message: "not an IVF name",
        hint: `one of: ${listIvfModels({ root }).join(", ")}`,
      },
    ]);
  return { file: join(root, "ivfs", `${nameOrPath}.yaml`), expectedName: nameOrPath };
}

export function loadIvfModel(nameOrPath: string, options: LoadOptions = {}): LoadedIvfModel {
  const root = options.root ?? descriptorsRoot();
  const { file, expectedName } = ivfFile(nameOrPath, root);
  if (!existsSync(file))
    throw new ModelLoadError([
      {
        code: modelErrorCodes.NOT_FOUND,
        file,
        line: 0,
        pointer: "",
        message: "no such IVF model",
        hint: `available: ${listIvfModels({ root }).join(", ")}`,
      },
    ]);
  const model = readIvfModelFile(file);
  const stem = basename(file).replace(/\.ya?ml$/, "");
  if ((expectedName ?? stem) !== model.name)
    throw new ModelLoadError([
      {
        code: modelErrorCodes.CONSISTENCY,
        file,
        line: 1,
        pointer: "/name",
        message: `name "${model.name}" does not match the file name "${stem}"`,
        hint: "name the file <name>.yaml",
      },
    ]);
  return { model, platform: loadPlatform({ root }), sourceFile: file };
}

export function listIvfModels(options: LoadOptions = {}): string[] {
  const directory = join(options.root ?? descriptorsRoot(), "ivfs");
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((entry) => entry.endsWith(".yaml"))
    .map((entry) => entry.slice(0, -".yaml".length))
    .sort();
}

export function loadNetworkServiceModel(
  nameOrPath = "iot-platform",
  options: LoadOptions = {},
): LoadedNetworkService {
  const root = options.root ?? descriptorsRoot();
  const file =
    nameOrPath.includes("/") || nameOrPath.endsWith(".yaml")
      ? resolve(nameOrPath)
      : join(root, "ns", `${nameOrPath}.yaml`);
  const source = readSource(file);
  const schemaOnly = validated<NetworkServiceModel>(source, "NetworkServiceModel");
  const members: Record<string, LoadedIvfModel> = {};
  const available = new Set(listIvfModels({ root }));
  for (const member of schemaOnly.members)
    if (available.has(member.ivf) && !members[member.ivf])
      members[member.ivf] = loadIvfModel(member.ivf, { root });
  const models = Object.fromEntries(Object.entries(members).map(([name, loaded]) => [name, loaded.model]));
  const model = validated<NetworkServiceModel>(source, "NetworkServiceModel", (ns) =>
    checkNetworkService(source, ns, models),
  );
  return { model, platform: loadPlatform({ root }), members, sourceFile: file };
}
