import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { problemSummary } from "../../console/backend/console-error.js";
import { callIvf } from "../../console/backend/ivf-api.js";
import type { IvfLocator } from "../../console/backend/ivf-endpoints.js";

/**
 * The demo tenant of `ivf up`: its credentials (kept in <home>/demo-credentials.json, mode 0600,
 * across runs), its meter group for the field gateway, and its tenant and console client in the
 * identity IVF, created through identity's own API with the bootstrap operator client.
 */

/** Credentials of the demo tenant, kept in <home>/demo-credentials.json (mode 0600) across runs. */
export interface DemoCredentials {
  deviceApiKey: string;
  applicationKey: string;
  /** OAuth 2.0 client of the VNFM token endpoint (the NFVO role: ivf verbs, monitoring agent, console backend). */
  vnfmClientId: string;
  vnfmClientSecret: string;
  /** Operator client of the identity IVF (IVF_IDENTITY_BOOTSTRAP_CLIENT_ID/_SECRET): creates the demo tenant. */
  identityOperatorId: string;
  identityOperatorSecret: string;
  /** OAuth client_id of the demo tenant's identity client (tenant-admin): the web console login. */
  consoleClientId: string;
  consoleClientSecret: string;
}

export const DEMO_TENANT = "demo";
/** Name of the console client within the demo tenant; identity knows it as `demo.demo-console`. */
const CONSOLE_CLIENT_NAME = "demo-console";

const secret = (): string => randomBytes(18).toString("base64url");

export function demoCredentials(home: string): DemoCredentials {
  const file = join(home, "demo-credentials.json");
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<DemoCredentials>) : {};
  const credentials: DemoCredentials = {
    deviceApiKey: stored.deviceApiKey ?? secret(),
    applicationKey: stored.applicationKey ?? secret(),
    vnfmClientId: stored.vnfmClientId ?? "demo-nfvo",
    vnfmClientSecret: stored.vnfmClientSecret ?? secret(),
    identityOperatorId: stored.identityOperatorId ?? "ivf-up-operator",
    identityOperatorSecret: stored.identityOperatorSecret ?? secret(),
    consoleClientId: stored.consoleClientId ?? `${DEMO_TENANT}.${CONSOLE_CLIENT_NAME}`,
    consoleClientSecret: stored.consoleClientSecret ?? "",
  };
  saveCredentials(home, credentials);
  return credentials;
}

function saveCredentials(home: string, credentials: DemoCredentials): void {
  writeFileSync(join(home, "demo-credentials.json"), `${JSON.stringify(credentials, null, 2)}\n`, {
    mode: 0o600,
  });
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

/** Environment of every VNFC that makes the identity IVF create the operator client at its start. */
export function identityBootstrapEnv(credentials: DemoCredentials): Record<string, string> {
  return {
    IVF_IDENTITY_BOOTSTRAP_CLIENT_ID: credentials.identityOperatorId,
    IVF_IDENTITY_BOOTSTRAP_CLIENT_SECRET: credentials.identityOperatorSecret,
  };
}

async function identityToken(
  locator: IvfLocator,
  clientId: string,
  secret: string,
): Promise<string | undefined> {
  const answer = await callIvf<{ access_token?: string }>(locator, "identity", "/oauth2/token", {
    method: "POST",
    basic: { user: clientId, password: secret },
    form: { grant_type: "client_credentials" },
  });
  return answer.status === 200 ? answer.body?.access_token : undefined;
}

/**
 * Creates the demo tenant and its console client (tenant-admin) in the identity IVF, or keeps
 * them when a previous run made them and the stored secret still works; a client whose secret
 * was lost gets a new one (secret rotation). Saves the console secret in the credentials file.
 */
export async function provisionDemoTenant(
  locator: IvfLocator,
  home: string,
  credentials: DemoCredentials,
): Promise<void> {
  const { consoleClientId } = credentials;
  if (
    credentials.consoleClientSecret &&
    (await identityToken(locator, consoleClientId, credentials.consoleClientSecret))
  )
    return;
  const operator = await identityToken(
    locator,
    credentials.identityOperatorId,
    credentials.identityOperatorSecret,
  );
  if (!operator)
    throw new Error(
      `identity refused the operator client ${credentials.identityOperatorId}: its store in ${join(home, "data")} ` +
        `was made with another demo-credentials.json; remove ${join(home, "data", "identity.sqlite")} and run ivf up again`,
    );
  const post = async (path: string, json?: unknown) =>
    callIvf<{ secret?: string; clientId?: string }>(locator, "identity", path, {
      method: "POST",
      token: operator,
      ...(json !== undefined ? { json } : {}),
    });
  const tenant = await post("/v1/tenants", { id: DEMO_TENANT, name: "Demo tenant of ivf up" });
  if (tenant.status !== 201 && tenant.status !== 409)
    throw new Error(
      `identity did not create tenant ${DEMO_TENANT}: HTTP ${tenant.status} ${problemSummary(tenant.body)}`,
    );
  const clients = `/v1/tenants/${DEMO_TENANT}/clients`;
  let client = await post(clients, {
    id: CONSOLE_CLIENT_NAME,
    roles: ["tenant-admin"],
    description: "web console login of the demo tenant (ivf up)",
  });
  if (client.status === 409) client = await post(`${clients}/${CONSOLE_CLIENT_NAME}/secret`);
  if (
    (client.status !== 201 && client.status !== 200) ||
    typeof client.body?.secret !== "string" ||
    typeof client.body.clientId !== "string"
  )
    throw new Error(
      `identity did not create client ${CONSOLE_CLIENT_NAME}: HTTP ${client.status} ${problemSummary(client.body)}`,
    );
  credentials.consoleClientId = client.body.clientId;
  credentials.consoleClientSecret = client.body.secret;
  saveCredentials(home, credentials);
}
