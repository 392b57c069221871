import type { ConfigSpec } from "./runtime-kit/config/env-config.js";
import type { IvfDefinition } from "./runtime-kit/ivf-process.js";

/**
 * Every IVF the product runs, by name: `ivf run <name>` starts one, `ivf config` lists their
 * settings, the VIM driver launches VNFCs by these names. Definitions load lazily, so running the
 * field gateway never loads node-opcua. A new function adds one line here.
 */
export interface FunctionEntry {
  name: string;
  summary: string;
  /** Module path relative to this file and the export holding the IvfDefinition. */
  module: string;
  exportName: string;
}

export const functions: FunctionEntry[] = [
  {
    name: "field-gateway",
    summary: "Device telemetry in over MQTT and HTTP",
    module: "./field-gateway/definition.js",
    exportName: "definition",
  },
  {
    name: "request-processor",
    summary: "Validates and stores request primitives",
    module: "./request-processor/definition.js",
    exportName: "definition",
  },
  {
    name: "cloud-api",
    summary: "Northbound REST API for applications",
    module: "./cloud-api/definition.js",
    exportName: "definition",
  },
  {
    name: "data-store",
    summary: "Retention and aggregates of stored measurements",
    module: "./data-store/definition.js",
    exportName: "definition",
  },
  {
    name: "device-manager",
    summary: "Device groups, device registry, commands and firmware/configuration jobs",
    module: "./device-manager/definition.js",
    exportName: "definition",
  },
  {
    name: "identity",
    summary: "Tenants, API clients, OAuth 2.0 tokens and JWKS",
    module: "./identity/definition.js",
    exportName: "definition",
  },
  {
    name: "subscription-notifier",
    summary: "Notifies subscribed applications by webhook or MQTT",
    module: "./subscription-notifier/definition.js",
    exportName: "definition",
  },
  {
    name: "fault-detector",
    summary: "Passive detection of outliers, spikes, steps and stuck sensors",
    module: "./fault-detector/definition.js",
    exportName: "definition",
  },
  {
    name: "opcua-adapter",
    summary: "OPC UA servers to request primitives",
    module: "./opcua-adapter/definition.js",
    exportName: "opcuaAdapterDefinition",
  },
];

export class UnknownFunctionError extends Error {
  constructor(readonly requested: string) {
    super(`unknown function "${requested}"; known: ${functions.map((entry) => entry.name).join(", ")}`);
    this.name = "UnknownFunctionError";
  }
}

export function findFunction(name: string): FunctionEntry {
  const entry = functions.find((candidate) => candidate.name === name);
  if (!entry) throw new UnknownFunctionError(name);
  return entry;
}

/** Imports a function's definition (the specifier is computed so a function still being written does not break the build). */
export async function loadDefinition(entry: FunctionEntry): Promise<IvfDefinition<ConfigSpec>> {
  const module = (await import(new URL(entry.module, import.meta.url).href)) as Record<string, unknown>;
  const definition = module[entry.exportName] as IvfDefinition<ConfigSpec> | undefined;
  if (!definition || typeof definition.start !== "function" || definition.name !== entry.name) {
    throw new Error(
      `${entry.module} does not export an IvfDefinition named "${entry.name}" as ${entry.exportName}`,
    );
  }
  return definition;
}
