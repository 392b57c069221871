import { join } from "node:path";
import type { Platform } from "./platform.js";
import type { VnfInstance } from "./vnfm-client.js";

/** Loopback URL of the first VNFC of an IVF (port from the local VIM's vnfcResourceInfo metadata). */
async function firstVnfcUrl(platform: Platform, ivf: string): Promise<string | undefined> {
  const { body } = await platform.client!.request<VnfInstance[]>(
    "lcm",
    "GET",
    "/vnflcm/v2/vnf_instances?all_fields",
  );
  const port = body.find((instance) => instance.vnfInstanceName === ivf)?.instantiatedVnfInfo
    ?.vnfcResourceInfo?.[0]?.metadata?.port;
  return typeof port === "number" ? `http://127.0.0.1:${port}` : undefined;
}

/** The short welcome printed once the platform is up: where to look and what to try. */
export async function printSummary(platform: Platform): Promise<void> {
  const cloudApi = await firstVnfcUrl(platform, "cloud-api").catch(() => undefined);
  const { credentials, options } = platform;
  const vnfm = platform.host!.url;
  const ok = platform.instances.filter((entry) => entry.vnfInstanceId);
  const failed = platform.instances.filter((entry) => entry.error);
  const lines = [
    "",
    `IoT platform is up: ${ok.length} IVF(s) instantiated through the VNFM${failed.length ? `, ${failed.length} failed` : ""}.`,
    ...failed.map((entry) => `  ✖ ${entry.ivf}: ${entry.error}`),
    "",
    `  Web console     ${platform.consoleServer!.url}   ${consoleLogin(credentials)}`,
    `  VNFM (SOL003)   ${vnfm}/vnflcm/v2   packages: ${vnfm}/vnfpkgm/v2   token: ${vnfm}/oauth2/token`,
    `  VNFM client     ${credentials.vnfmClientId} / ${credentials.vnfmClientSecret}`,
    ...(platform.monitorUrl ? [`  Monitoring      ${platform.monitorUrl}/metrics`] : []),
    `  MQTT (devices)  ${platform.mqttUrl}   device API key ${credentials.deviceApiKey}`,
    `  Demo tenant     "demo"   application key ${credentials.applicationKey}`,
    "",
    "Try:",
    ...(cloudApi
      ? [
          "  Latest values of a simulated meter (cloud-api VNFC; ivf status --json lists every VNFC):",
          `    curl -H 'X-API-Key: ${credentials.applicationKey}' ${cloudApi}/v1/devices/meter-0001/latest`,
        ]
      : []),
    "  ivf status                        instances, VNFC counts, scale levels",
    "  ivf scale field-gateway out       one more field-gateway VNFC (SOL003 ScaleVnfRequest)",
    "  ivf heal cloud-api                replace unhealthy cloud-api VNFCs",
    "  ivf down                          or Ctrl-C here: terminate everything through the VNFM",
    "",
    `State: ${join(options.home, "up-state.json")}   Credentials: ${join(options.home, "demo-credentials.json")}`,
    "",
  ];
  console.log(lines.join("\n"));
}

/** The console login of the demo tenant (an identity client), or why there is none. */
function consoleLogin(credentials: Platform["credentials"]): string {
  return credentials.consoleClientSecret
    ? `log in as ${credentials.consoleClientId} / ${credentials.consoleClientSecret} (identity, tenant "demo")`
    : "(no login: the identity IVF did not create the demo tenant, see above)";
}
