import { readFile } from "node:fs/promises";
import { Ajv } from "ajv";
import yaml from "js-yaml";
import { ATTRIBUTE_PATTERN, IDENTIFIER_PATTERN } from "../../runtime-kit/primitives/request-primitive.js";
import type { AttributeDefinition, DeviceAuthentication } from "../registry/device-records.js";

/**
 * The provisioning file (IVF_PROVISIONING_FILE, YAML): device groups and devices to seed the
 * registry with at start-up. Example and field reference: docs/design/telemetry-path.md.
 */
export interface ProvisioningFile {
  deviceGroups: {
    id: string;
    tenant: string;
    apiKey: string;
    autoprovision?: boolean;
    explicitAttributes?: boolean;
    /** Accepted device credentials (default [apiKey]); see docs/design/telemetry-path.md. */
    authentication?: DeviceAuthentication[];
    attributes?: AttributeDefinition[];
  }[];
  devices?: { id: string; tenant: string; group: string }[];
}

const identifier = { type: "string", pattern: IDENTIFIER_PATTERN.source };
const schema = {
  type: "object",
  additionalProperties: false,
  required: ["deviceGroups"],
  properties: {
    deviceGroups: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "tenant", "apiKey"],
        properties: {
          id: identifier,
          tenant: identifier,
          apiKey: { type: "string", minLength: 16, maxLength: 256, pattern: "^[A-Za-z0-9_-]+$" },
          autoprovision: { type: "boolean" },
          explicitAttributes: { type: "boolean" },
          authentication: {
            type: "array",
            minItems: 1,
            uniqueItems: true,
            items: { enum: ["apiKey", "certificate"] },
          },
          attributes: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["name", "type"],
              properties: {
                name: { type: "string", pattern: ATTRIBUTE_PATTERN.source },
                type: { enum: ["number", "string", "boolean"] },
                unit: { type: "string", maxLength: 32 },
              },
            },
          },
        },
      },
    },
    devices: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "tenant", "group"],
        properties: { id: identifier, tenant: identifier, group: identifier },
      },
    },
  },
} as const;

const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

export class ProvisioningFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`provisioning file ${file} is invalid:\n  - ${problems.join("\n  - ")}`);
    this.name = "ProvisioningFileError";
  }
}

/** Reads, parses and validates the file; every problem is listed with its JSON pointer. */
export async function loadProvisioningFile(file: string): Promise<ProvisioningFile> {
  let parsed: unknown;
  try {
    parsed = yaml.load(await readFile(file, "utf8"), { filename: file, schema: yaml.CORE_SCHEMA });
  } catch (error) {
    throw new ProvisioningFileError(file, [error instanceof Error ? error.message : String(error)]);
  }
  if (!validate(parsed)) {
    throw new ProvisioningFileError(
      file,
      (validate.errors ?? []).map(
        (error) => `${error.instancePath || "/"}: ${error.message ?? "is invalid"}`,
      ),
    );
  }
  const content = parsed as ProvisioningFile;
  const problems = crossReferenceProblems(content);
  if (problems.length > 0) throw new ProvisioningFileError(file, problems);
  return content;
}

/** Checks the file's internal references: unique group keys and ids, devices naming existing groups. */
function crossReferenceProblems(content: ProvisioningFile): string[] {
  const problems: string[] = [];
  const groups = new Map<string, number>();
  const keys = new Map<string, number>();
  content.deviceGroups.forEach((group, index) => {
    const id = `${group.tenant}/${group.id}`;
    if (groups.has(id))
      problems.push(`/deviceGroups/${index}: group ${id} is also defined at /deviceGroups/${groups.get(id)}`);
    if (keys.has(group.apiKey)) {
      problems.push(
        `/deviceGroups/${index}/apiKey: the same key is used by /deviceGroups/${keys.get(group.apiKey)}; keys identify one group`,
      );
    }
    groups.set(id, index);
    keys.set(group.apiKey, index);
  });
  (content.devices ?? []).forEach((device, index) => {
    if (!groups.has(`${device.tenant}/${device.group}`)) {
      problems.push(
        `/devices/${index}/group: no device group "${device.group}" in tenant "${device.tenant}"`,
      );
    }
  });
  return problems;
}
