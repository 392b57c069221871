import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Credentials of the demo tenant, kept in <home>/demo-credentials.json (mode 0600) across runs. */
export interface DemoCredentials {
  deviceApiKey: string;
  applicationKey: string;
  /** OAuth 2.0 client of the VNFM token endpoint (the NFVO role; also the console login). */
  vnfmClientId: string;
  vnfmClientSecret: string;
}

export const DEMO_TENANT = "demo";

const secret = (): string => randomBytes(18).toString("base64url");

export function demoCredentials(home: string): DemoCredentials {
  const file = join(home, "demo-credentials.json");
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<DemoCredentials>) : {};
  const credentials: DemoCredentials = {
    deviceApiKey: stored.deviceApiKey ?? secret(),
    applicationKey: stored.applicationKey ?? secret(),
    vnfmClientId: stored.vnfmClientId ?? "demo-nfvo",
    vnfmClientSecret: stored.vnfmClientSecret ?? secret(),
  };
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

/** The demo tenant's meter group: devices autoprovision on first telemetry (field-gateway). */
export function writeProvisioning(home: string, credentials: DemoCredentials): string {
  const file = join(home, "provisioning.yaml");
  const attributes = [
    ["energy", "kWh"],
    ["power", "kW"],
    ["voltage", "V"],
    ["current", "A"],
    ["powerFactor", "1"],
  ];
  const yaml = [
    "# Written by `ivf up`: the demo tenant's meter group (devices autoprovision on first telemetry).",
    "deviceGroups:",
    "  - id: meters",
    `    tenant: ${DEMO_TENANT}`,
    `    apiKey: ${credentials.deviceApiKey}`,
    "    autoprovision: true",
    "    explicitAttributes: true",
    "    attributes:",
    ...attributes.map(([name, unit]) => `      - { name: ${name}, type: number, unit: "${unit}" }`),
    "",
  ].join("\n");
  writeFileSync(file, yaml, { mode: 0o600 });
  return file;
}
