import { readFile } from "node:fs/promises";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import yaml from "js-yaml";
import type { DocumentStore } from "../runtime-kit/store/document-store.js";
import { OpcuaAdapterError } from "./errors.js";
import { serverKey, type OpcuaServerConfig } from "./server-config.js";
import { serverSchema, serversFileSchema } from "./server-config-schema.js";

/** Store collection holding server documents provisioned through the platform's APIs. */
export const SERVERS_COLLECTION = "opcua_servers";

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validateFile = ajv.compile(serversFileSchema);
const validateServer = ajv.compile(serverSchema);

function describe(errors: ErrorObject[] | null | undefined, where: string, prefix = ""): string[] {
  return (errors ?? []).map((error) => {
    const pointer = `${prefix}${error.instancePath}` || "/";
    const extra =
      error.keyword === "additionalProperties"
        ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
        : error.keyword === "enum"
          ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
          : "";
    return `${where}: ${pointer} ${error.message ?? "is invalid"}${extra}`;
  });
}

/** Checks JSON Schema cannot express; every problem is reported with its location. */
function semanticProblems(server: OpcuaServerConfig, where: string, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if ((server.securityMode === "None") !== (server.securityPolicy === "None")) {
    problems.push(
      `${where}: /securityPolicy must be None exactly when securityMode is None (OPC UA Part 4 §7.15)`,
    );
  }
  const sub = server.subscription ?? {};
  if ((sub.lifetimeCount ?? 60) < 3 * (sub.keepAliveCount ?? 10)) {
    problems.push(
      `${where}: /subscription/lifetimeCount must be at least 3 x keepAliveCount (OPC UA Part 4 §5.13.2)`,
    );
  }
  const connection = server.connection ?? {};
  if ((connection.maxDelayMs ?? 10_000) < (connection.initialDelayMs ?? 1000)) {
    problems.push(`${where}: /connection/maxDelayMs must not be below initialDelayMs`);
  }
  const identity = server.identity;
  if (identity?.type === "username") {
    if ((identity.password === undefined) === (identity.passwordEnv === undefined)) {
      problems.push(`${where}: /identity needs exactly one of password or passwordEnv`);
    } else if (identity.passwordEnv && env[identity.passwordEnv] === undefined) {
      problems.push(`${where}: /identity/passwordEnv names ${identity.passwordEnv}, which is not set`);
    }
  }
  const seen = new Set<string>();
  (server.mappings ?? []).forEach((mapping, index) => {
    const key = `${mapping.kind ?? "value"} ${mapping.nodeId}`;
    if (seen.has(key)) problems.push(`${where}: /mappings/${index} maps ${key} a second time`);
    seen.add(key);
  });
  if (!server.mappings?.length && !server.discovery) {
    problems.push(`${where}: the server has neither mappings nor discovery, so nothing would be monitored`);
  }
  return problems;
}

/** Resolves passwordEnv so the rest of the adapter only sees a password. */
function resolveSecrets(server: OpcuaServerConfig, env: NodeJS.ProcessEnv): OpcuaServerConfig {
  const identity = server.identity;
  if (identity?.type === "username" && identity.passwordEnv) {
    return {
      ...server,
      identity: { type: "username", userName: identity.userName, password: env[identity.passwordEnv] ?? "" },
    };
  }
  return server;
}

function checkServers(
  servers: OpcuaServerConfig[],
  where: (index: number) => string,
  env: NodeJS.ProcessEnv,
  problems: string[],
): OpcuaServerConfig[] {
  return servers.map((server, index) => {
    problems.push(...semanticProblems(server, where(index), env));
    return resolveSecrets(server, env);
  });
}

/** Reads and validates the servers file (YAML or JSON, chosen by content). */
export async function loadServersFile(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpcuaServerConfig[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new OpcuaAdapterError(
      "OPCUA_CONFIG_INVALID",
      `cannot read IVF_OPCUA_SERVERS_FILE ${path}: ${(error as Error).message}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = yaml.load(text, { filename: path, schema: yaml.JSON_SCHEMA });
  } catch (error) {
    throw new OpcuaAdapterError(
      "OPCUA_CONFIG_INVALID",
      `${path} is not valid YAML/JSON: ${(error as Error).message}`,
    );
  }
  if (!validateFile(parsed)) {
    throw new OpcuaAdapterError(
      "OPCUA_CONFIG_INVALID",
      `\n  - ${describe(validateFile.errors, path).join("\n  - ")}`,
    );
  }
  const problems: string[] = [];
  const servers = checkServers(
    (parsed as { servers: OpcuaServerConfig[] }).servers,
    (i) => `${path}: /servers/${i}`,
    env,
    problems,
  );
  if (problems.length > 0)
    throw new OpcuaAdapterError("OPCUA_CONFIG_INVALID", `\n  - ${problems.join("\n  - ")}`);
  return servers;
}

/**
 * Reads server documents from the store. A broken document is reported and skipped, not fatal:
 * one tenant's typo must not stop every other tenant's plant.
 */
export async function loadStoredServers(
  store: DocumentStore,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ servers: OpcuaServerConfig[]; problems: string[] }> {
  const collection = await store.collection<OpcuaServerConfig & { id: string }>(SERVERS_COLLECTION);
  const documents = await collection.find();
  const servers: OpcuaServerConfig[] = [];
  const problems: string[] = [];
  for (const document of documents) {
    const { id, version: _version, ...rest } = document;
    const expectedPrefix = `${String(rest.tenant)}.`;
    const server = {
      ...rest,
      id: id.startsWith(expectedPrefix) ? id.slice(expectedPrefix.length) : id,
    } as OpcuaServerConfig;
    const where = `${SERVERS_COLLECTION}/${id}`;
    if (!(validateServer as ValidateFunction)(server)) {
      problems.push(...describe(validateServer.errors, where));
      continue;
    }
    const own: string[] = [];
    const [resolved] = checkServers([server], () => where, env, own);
    if (own.length > 0) problems.push(...own);
    else servers.push(resolved!);
  }
  return { servers, problems };
}

/** Merges file and store servers; the same tenant.id twice is a configuration error. */
export function mergeServers(
  fromFile: OpcuaServerConfig[],
  fromStore: OpcuaServerConfig[],
  tenant?: string,
): OpcuaServerConfig[] {
  const byKey = new Map<string, OpcuaServerConfig>();
  const duplicates: string[] = [];
  for (const server of [...fromFile, ...fromStore]) {
    const key = serverKey(server);
    if (byKey.has(key)) duplicates.push(key);
    byKey.set(key, server);
  }
  if (duplicates.length > 0) {
    throw new OpcuaAdapterError(
      "OPCUA_CONFIG_INVALID",
      `servers provisioned twice (file and store, or twice in one): ${duplicates.join(", ")}; keep one definition each`,
    );
  }
  return [...byKey.values()].filter((server) => tenant === undefined || server.tenant === tenant);
}
