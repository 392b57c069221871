import { Ajv } from "ajv";
import type { Collection, DocumentStore } from "../../runtime-kit/store/document-store.js";
import { defaultParameters, withOverrides, type DetectionParameters } from "../detection/parameters.js";

/**
 * Per-group detection parameters (collection `fault_detection_profiles`, id `<tenant>/<groupId>`):
 * overrides per attribute name, with `*` for every attribute of the group. A device's group comes
 * from the device registry (collection `devices`, id `<tenant>/<deviceId>`). Profiles are
 * validated when read, so a hostile or broken profile falls back to defaults with a logged
 * reason instead of breaking detection for the whole tenant.
 */
export const PROFILES = "fault_detection_profiles";

export interface DetectionProfileRecord {
  id: string;
  tenant: string;
  groupId: string;
  attributes: Record<string, unknown>;
}

interface DeviceGroupLink {
  id: string;
  groupId: string;
}

const positive = { type: "number", exclusiveMinimum: 0 };
const overridesSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    windowSize: { type: "integer", minimum: 3, maximum: 1000 },
    minSamples: { type: "integer", minimum: 2, maximum: 1000 },
    hampel: {
      type: "object",
      additionalProperties: false,
      properties: {
        halfWindow: { type: "integer", minimum: 1, maximum: 50 },
        suspectSigmas: positive,
        failSigmas: positive,
        minScale: positive,
      },
    },
    spike: {
      type: "object",
      additionalProperties: false,
      properties: {
        suspectSigmas: positive,
        failSigmas: positive,
        suspectThreshold: positive,
        failThreshold: positive,
      },
    },
    rateOfChange: {
      type: "object",
      additionalProperties: false,
      properties: { deviations: positive, maxPerSecond: positive },
    },
    flatLine: {
      type: "object",
      additionalProperties: false,
      properties: {
        tolerance: { type: "number", minimum: 0 },
        suspectSeconds: positive,
        failSeconds: positive,
        minSamples: { type: "integer", minimum: 2 },
      },
    },
    range: {
      type: "object",
      additionalProperties: false,
      properties: {
        failMin: { type: "number" },
        failMax: { type: "number" },
        suspectMin: { type: "number" },
        suspectMax: { type: "number" },
      },
    },
  },
} as const;

const validateOverrides = new Ajv({ allErrors: true }).compile(overridesSchema);

export type ProfileProblem = (message: string) => void;

export class DetectionProfiles {
  private readonly cache = new Map<string, { at: number; parameters: DetectionParameters }>();

  private constructor(
    private readonly profiles: Collection<DetectionProfileRecord>,
    private readonly devices: Collection<DeviceGroupLink>,
    private readonly ttlMs: number,
    private readonly onProblem: ProfileProblem,
  ) {}

  static async open(
    store: DocumentStore,
    ttlMs: number,
    onProblem: ProfileProblem,
  ): Promise<DetectionProfiles> {
    const profiles = await store.collection<DetectionProfileRecord>(PROFILES);
    const devices = await store.collection<DeviceGroupLink>("devices");
    return new DetectionProfiles(profiles, devices, ttlMs, onProblem);
  }

  /** Parameters for one series, cached per (tenant, device, attribute) for the TTL. */
  async parametersFor(
    tenant: string,
    deviceId: string,
    attribute: string,
    now = Date.now(),
  ): Promise<DetectionParameters> {
    const key = `${tenant}\u0000${deviceId}\u0000${attribute}`;
    const cached = this.cache.get(key);
    if (cached && now - cached.at < this.ttlMs) return cached.parameters;
    const parameters = await this.load(tenant, deviceId, attribute);
    this.cache.set(key, { at: now, parameters });
    if (this.cache.size > 100_000) this.cache.delete(this.cache.keys().next().value!);
    return parameters;
  }

  private async load(tenant: string, deviceId: string, attribute: string): Promise<DetectionParameters> {
    const device = await this.devices.get(`${tenant}/${deviceId}`);
    if (!device) return defaultParameters;
    const profile = await this.profiles.get(`${tenant}/${device.groupId}`);
    if (!profile || profile.tenant !== tenant) return defaultParameters;
    let parameters = defaultParameters;
    for (const name of ["*", attribute]) {
      const overrides = profile.attributes?.[name];
      if (overrides === undefined) continue;
      if (!validateOverrides(overrides)) {
        const problems = (validateOverrides.errors ?? []).map(
          (error) => `${error.instancePath} ${error.message}`,
        );
        this.onProblem(`profile ${profile.id} attribute "${name}" ignored: ${problems.join("; ")}`);
        continue;
      }
      parameters = withOverrides(parameters, overrides as Parameters<typeof withOverrides>[1]);
    }
    return parameters;
  }
}
