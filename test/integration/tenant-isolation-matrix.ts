/**
 * The tenant-isolation matrix: every operation of every tenant-facing API, with the requests
 * tenant "alpha" makes against tenant "bravo" and what each must answer. The test
 * (tenant-isolation.test.ts) fails when an API document gains an operation this table lacks.
 *
 * Expectations:
 * - hidden: the request names bravo's resource; the answer equals (status, problem type and
 *   title) the answer for a resource that exists nowhere (`ghost`), and is 404 or 422;
 * - own: alpha's own tenant; 2xx, every `tenant` in the answer is alpha's, every `total`
 *   counts alpha's items only;
 * - forbidden: an operator-only operation; 403 before anything is looked up;
 * - public: no tenant data at all (JWKS, token endpoint);
 * - taken: the one inference the platform allows, by design (identity client ids are global
 *   OAuth client_ids): alpha learns that an id is in use, and nothing else.
 * In every case no secret of bravo (names, values, URLs, ids alpha did not send) is in the answer.
 */
export type Api = "cloud-api" | "device-manager" | "data-store" | "identity";
export type Expectation = "hidden" | "own" | "forbidden" | "public" | "taken";
export type Role = "admin" | "writer" | "reader";

export interface Probe {
  method: string;
  path: string;
  body?: unknown;
  /** application/x-www-form-urlencoded body with HTTP Basic credentials (token endpoint). */
  form?: { clientId: string; secret: string; body: string };
  as?: Role;
  expect: Expectation;
  /** For `hidden`: the same request naming resources that exist nowhere. */
  ghost?: { path: string; body?: unknown };
}

/** Ids created during setup that the probes name. */
export interface World {
  bravoCommandId: string;
  bravoJobId: string;
  alphaApp: { clientId: string; secret: string };
}

export const GHOST_UUID = "00000000-0000-4000-8000-000000000000";
const range = "from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";
const dm = "/v1/tenants";

type Entry = { api: Api; operationId: string; probes: (world: World) => Probe[] };

const hidden = (method: string, path: string, ghost: string, body?: unknown, ghostBody?: unknown): Probe => ({
  method,
  path,
  ghost: {
    path: ghost,
    ...(ghostBody !== undefined || body !== undefined ? { body: ghostBody ?? body } : {}),
  },
  expect: "hidden",
  ...(body !== undefined ? { body } : {}),
});
const own = (method: string, path: string, body?: unknown, as?: Role): Probe => ({
  method,
  path,
  expect: "own",
  ...(body !== undefined ? { body } : {}),
  ...(as ? { as } : {}),
});

export const matrix: Entry[] = [
  // cloud-api: the tenant is the credential's, so "bravo's resource" means bravo's ids.
  {
    api: "cloud-api",
    operationId: "listDevices",
    probes: () => [own("GET", "/v1/devices"), own("GET", "/v1/devices?search=b-")],
  },
  {
    api: "cloud-api",
    operationId: "createDevice",
    probes: () => [own("POST", "/v1/devices", { deviceId: "b-secret-device-2", groupId: "meters" })],
  },
  {
    api: "cloud-api",
    operationId: "getDevice",
    probes: () => [hidden("GET", "/v1/devices/b-secret-device", "/v1/devices/ghost-device")],
  },
  {
    api: "cloud-api",
    operationId: "updateDevice",
    probes: () => [
      hidden("PUT", "/v1/devices/b-secret-device", "/v1/devices/ghost-device", { groupId: "meters" }),
    ],
  },
  {
    api: "cloud-api",
    operationId: "deleteDevice",
    probes: () => [hidden("DELETE", "/v1/devices/b-secret-device", "/v1/devices/ghost-device")],
  },
  { api: "cloud-api", operationId: "listGroups", probes: () => [own("GET", "/v1/groups")] },
  {
    api: "cloud-api",
    operationId: "createGroup",
    probes: () => [own("POST", "/v1/groups", { groupId: "bravo-group-2" })],
  },
  {
    api: "cloud-api",
    operationId: "getGroup",
    probes: () => [hidden("GET", "/v1/groups/bravo-group", "/v1/groups/ghost-group")],
  },
  {
    api: "cloud-api",
    operationId: "updateGroup",
    probes: () => [hidden("PUT", "/v1/groups/bravo-group", "/v1/groups/ghost-group", {})],
  },
  {
    api: "cloud-api",
    operationId: "deleteGroup",
    probes: () => [hidden("DELETE", "/v1/groups/bravo-group", "/v1/groups/ghost-group")],
  },
  {
    api: "cloud-api",
    operationId: "getLatestValues",
    probes: () => [
      own("GET", "/v1/devices/meter-1/latest"),
      hidden("GET", "/v1/devices/b-secret-device/latest", "/v1/devices/ghost-device/latest"),
    ],
  },
  {
    api: "cloud-api",
    operationId: "listMeasurements",
    probes: () => [
      own("GET", "/v1/devices/meter-1/measurements"),
      hidden("GET", "/v1/devices/b-secret-device/measurements", "/v1/devices/ghost-device/measurements"),
    ],
  },
  {
    api: "cloud-api",
    operationId: "getAggregates",
    probes: () => [
      own("GET", `/v1/devices/meter-1/attributes/power/aggregates?${range}&interval=1d`),
      hidden(
        "GET",
        `/v1/devices/b-secret-device/attributes/power/aggregates?${range}`,
        `/v1/devices/ghost-device/attributes/power/aggregates?${range}`,
      ),
    ],
  },
  {
    api: "cloud-api",
    operationId: "listCommands",
    probes: () => [
      own("GET", "/v1/devices/meter-1/commands"),
      hidden("GET", "/v1/devices/b-secret-device/commands", "/v1/devices/ghost-device/commands"),
    ],
  },
  {
    api: "cloud-api",
    operationId: "sendCommand",
    probes: () => [
      hidden("POST", "/v1/devices/b-secret-device/commands", "/v1/devices/ghost-device/commands", {
        command: "open",
      }),
    ],
  },
  {
    api: "cloud-api",
    operationId: "getCommand",
    probes: (w) => [
      hidden(
        "GET",
        `/v1/devices/b-secret-device/commands/${w.bravoCommandId}`,
        `/v1/devices/ghost-device/commands/${GHOST_UUID}`,
      ),
      hidden(
        "GET",
        `/v1/devices/meter-1/commands/${w.bravoCommandId}`,
        `/v1/devices/meter-1/commands/${GHOST_UUID}`,
      ),
    ],
  },
  { api: "cloud-api", operationId: "listSubscriptions", probes: () => [own("GET", "/v1/subscriptions")] },
  {
    api: "cloud-api",
    operationId: "createSubscription",
    probes: () => [
      own("POST", "/v1/subscriptions", { subscriptionId: "b-sub-secret-2", target: { kind: "mqtt" } }),
      hidden(
        "POST",
        "/v1/subscriptions",
        "/v1/subscriptions",
        { deviceIds: ["b-secret-device"], target: { kind: "mqtt" } },
        { deviceIds: ["ghost-device"], target: { kind: "mqtt" } },
      ),
    ],
  },
  {
    api: "cloud-api",
    operationId: "getSubscription",
    probes: () => [hidden("GET", "/v1/subscriptions/b-sub-secret", "/v1/subscriptions/ghost-sub")],
  },
  {
    api: "cloud-api",
    operationId: "deleteSubscription",
    probes: () => [hidden("DELETE", "/v1/subscriptions/b-sub-secret", "/v1/subscriptions/ghost-sub")],
  },

  // device-manager: the tenant is in the path; bravo's path answers like a tenant that does not exist.
  {
    api: "device-manager",
    operationId: "listGroups",
    probes: () => [
      own("GET", `${dm}/alpha/groups`),
      hidden("GET", `${dm}/bravo/groups`, `${dm}/ghost/groups`),
    ],
  },
  {
    api: "device-manager",
    operationId: "createGroup",
    probes: () => [
      own("POST", `${dm}/alpha/groups`, { groupId: "bravo-group-3" }),
      hidden("POST", `${dm}/bravo/groups`, `${dm}/ghost/groups`, { groupId: "x" }),
    ],
  },
  {
    api: "device-manager",
    operationId: "getGroup",
    probes: () => [
      hidden("GET", `${dm}/bravo/groups/bravo-group`, `${dm}/ghost/groups/bravo-group`),
      hidden("GET", `${dm}/alpha/groups/bravo-group`, `${dm}/alpha/groups/ghost-group`),
    ],
  },
  {
    api: "device-manager",
    operationId: "updateGroup",
    probes: () => [hidden("PUT", `${dm}/bravo/groups/bravo-group`, `${dm}/ghost/groups/bravo-group`, {})],
  },
  {
    api: "device-manager",
    operationId: "deleteGroup",
    probes: () => [hidden("DELETE", `${dm}/bravo/groups/bravo-group`, `${dm}/ghost/groups/bravo-group`)],
  },
  {
    api: "device-manager",
    operationId: "rotateGroupApiKey",
    probes: () => [
      hidden("POST", `${dm}/bravo/groups/bravo-group/apikey`, `${dm}/ghost/groups/bravo-group/apikey`),
      hidden("POST", `${dm}/alpha/groups/bravo-group/apikey`, `${dm}/alpha/groups/ghost-group/apikey`),
    ],
  },
  {
    api: "device-manager",
    operationId: "listDevices",
    probes: () => [
      own("GET", `${dm}/alpha/devices`),
      hidden("GET", `${dm}/bravo/devices`, `${dm}/ghost/devices`),
    ],
  },
  {
    api: "device-manager",
    operationId: "createDevice",
    probes: () => [
      own("POST", `${dm}/alpha/devices`, { deviceId: "b-secret-device-3", groupId: "meters" }),
      hidden("POST", `${dm}/bravo/devices`, `${dm}/ghost/devices`, { deviceId: "x", groupId: "meters" }),
      hidden(
        "POST",
        `${dm}/alpha/devices`,
        `${dm}/alpha/devices`,
        { deviceId: "x-1", groupId: "bravo-group" },
        { deviceId: "x-1", groupId: "ghost-group" },
      ),
    ],
  },
  {
    api: "device-manager",
    operationId: "getDevice",
    probes: () => [
      hidden("GET", `${dm}/bravo/devices/b-secret-device`, `${dm}/ghost/devices/b-secret-device`),
      hidden("GET", `${dm}/alpha/devices/b-secret-device`, `${dm}/alpha/devices/ghost-device`),
    ],
  },
  {
    api: "device-manager",
    operationId: "updateDevice",
    probes: () => [
      hidden("PUT", `${dm}/bravo/devices/b-secret-device`, `${dm}/ghost/devices/b-secret-device`, {
        groupId: "meters",
      }),
    ],
  },
  {
    api: "device-manager",
    operationId: "deleteDevice",
    probes: () => [
      hidden("DELETE", `${dm}/bravo/devices/b-secret-device`, `${dm}/ghost/devices/b-secret-device`),
    ],
  },
  {
    api: "device-manager",
    operationId: "listCommands",
    probes: () => [
      own("GET", `${dm}/alpha/devices/meter-1/commands`),
      hidden("GET", `${dm}/bravo/devices/meter-1/commands`, `${dm}/ghost/devices/meter-1/commands`),
    ],
  },
  {
    api: "device-manager",
    operationId: "sendCommand",
    probes: () => [
      hidden("POST", `${dm}/bravo/devices/meter-1/commands`, `${dm}/ghost/devices/meter-1/commands`, {
        command: "open",
      }),
      hidden(
        "POST",
        `${dm}/alpha/devices/b-secret-device/commands`,
        `${dm}/alpha/devices/ghost-device/commands`,
        { command: "open" },
      ),
    ],
  },
  {
    api: "device-manager",
    operationId: "getCommand",
    probes: (w) => [
      hidden(
        "GET",
        `${dm}/bravo/devices/b-secret-device/commands/${w.bravoCommandId}`,
        `${dm}/ghost/devices/b-secret-device/commands/${w.bravoCommandId}`,
      ),
      hidden(
        "GET",
        `${dm}/alpha/devices/b-secret-device/commands/${w.bravoCommandId}`,
        `${dm}/alpha/devices/b-secret-device/commands/${GHOST_UUID}`,
      ),
    ],
  },
  {
    api: "device-manager",
    operationId: "listJobs",
    probes: () => [own("GET", `${dm}/alpha/jobs`), hidden("GET", `${dm}/bravo/jobs`, `${dm}/ghost/jobs`)],
  },
  {
    api: "device-manager",
    operationId: "createJob",
    probes: () => [
      hidden("POST", `${dm}/bravo/jobs`, `${dm}/ghost/jobs`, {
        target: { groupId: "meters" },
        configuration: { a: 1 },
      }),
      hidden(
        "POST",
        `${dm}/alpha/jobs`,
        `${dm}/alpha/jobs`,
        { target: { deviceIds: ["b-secret-device"] }, configuration: { a: 1 } },
        { target: { deviceIds: ["ghost-device"] }, configuration: { a: 1 } },
      ),
    ],
  },
  {
    api: "device-manager",
    operationId: "getJob",
    probes: (w) => [
      hidden("GET", `${dm}/bravo/jobs/${w.bravoJobId}`, `${dm}/ghost/jobs/${w.bravoJobId}`),
      hidden("GET", `${dm}/alpha/jobs/${w.bravoJobId}`, `${dm}/alpha/jobs/${GHOST_UUID}`),
    ],
  },
  {
    api: "device-manager",
    operationId: "cancelJob",
    probes: (w) => [
      hidden("POST", `${dm}/bravo/jobs/${w.bravoJobId}/cancel`, `${dm}/ghost/jobs/${w.bravoJobId}/cancel`),
      hidden("POST", `${dm}/alpha/jobs/${w.bravoJobId}/cancel`, `${dm}/alpha/jobs/${GHOST_UUID}/cancel`),
    ],
  },

  // data-store
  {
    api: "data-store",
    operationId: "getAggregates",
    probes: () => [
      own("GET", `${dm}/alpha/devices/meter-1/attributes/power/aggregates?${range}&bucket=1d`),
      hidden(
        "GET",
        `${dm}/bravo/devices/meter-1/attributes/power/aggregates?${range}`,
        `${dm}/ghost/devices/meter-1/attributes/power/aggregates?${range}`,
      ),
    ],
  },
  {
    api: "data-store",
    operationId: "getRetention",
    probes: () => [
      own("GET", `${dm}/alpha/retention`),
      hidden("GET", `${dm}/bravo/retention`, `${dm}/ghost/retention`),
    ],
  },
  {
    api: "data-store",
    operationId: "setRetention",
    probes: () => [
      own("PUT", `${dm}/alpha/retention`, { measurementsDays: 7 }),
      hidden("PUT", `${dm}/bravo/retention`, `${dm}/ghost/retention`, { measurementsDays: 1 }),
    ],
  },

  // identity (admin API and the token endpoint)
  {
    api: "identity",
    operationId: "issueToken",
    probes: (w) => [
      {
        method: "POST",
        path: "/oauth2/token",
        form: { ...w.alphaApp, body: "grant_type=client_credentials" },
        expect: "public",
      },
    ],
  },
  {
    api: "identity",
    operationId: "getJwks",
    probes: () => [{ method: "GET", path: "/.well-known/jwks.json", expect: "public" }],
  },
  {
    api: "identity",
    operationId: "listTenants",
    probes: () => [{ method: "GET", path: "/v1/tenants", expect: "forbidden" }],
  },
  {
    api: "identity",
    operationId: "createTenant",
    probes: () => [{ method: "POST", path: "/v1/tenants", body: { id: "bravo" }, expect: "forbidden" }],
  },
  {
    api: "identity",
    operationId: "getTenant",
    probes: () => [own("GET", "/v1/tenants/alpha"), hidden("GET", "/v1/tenants/bravo", "/v1/tenants/ghost")],
  },
  {
    api: "identity",
    operationId: "listClients",
    probes: () => [
      own("GET", "/v1/tenants/alpha/clients"),
      hidden("GET", "/v1/tenants/bravo/clients", "/v1/tenants/ghost/clients"),
    ],
  },
  {
    api: "identity",
    operationId: "createClient",
    probes: () => [
      hidden("POST", "/v1/tenants/bravo/clients", "/v1/tenants/ghost/clients", {
        id: "intruder",
        roles: ["tenant-admin"],
      }),
      {
        method: "POST",
        path: "/v1/tenants/alpha/clients",
        body: { id: "bravo-admin", roles: ["reader"] },
        expect: "taken",
      },
    ],
  },
  {
    api: "identity",
    operationId: "getClient",
    probes: () => [
      hidden("GET", "/v1/tenants/bravo/clients/bravo-admin", "/v1/tenants/ghost/clients/bravo-admin"),
      hidden("GET", "/v1/tenants/alpha/clients/bravo-admin", "/v1/tenants/alpha/clients/ghost-client"),
    ],
  },
  {
    api: "identity",
    operationId: "revokeClient",
    probes: () => [
      hidden("DELETE", "/v1/tenants/bravo/clients/bravo-admin", "/v1/tenants/ghost/clients/bravo-admin"),
      hidden("DELETE", "/v1/tenants/alpha/clients/bravo-admin", "/v1/tenants/alpha/clients/ghost-client"),
    ],
  },
  {
    api: "identity",
    operationId: "rotateClientSecret",
    probes: () => [
      hidden(
        "POST",
        "/v1/tenants/bravo/clients/bravo-admin/secret",
        "/v1/tenants/ghost/clients/bravo-admin/secret",
      ),
      hidden(
        "POST",
        "/v1/tenants/alpha/clients/bravo-admin/secret",
        "/v1/tenants/alpha/clients/ghost-client/secret",
      ),
    ],
  },
];

/** The API documents whose every operation must be in the matrix. */
export const documents: Record<Api, string> = {
  "cloud-api": "api-specs/cloud-api.yaml",
  "device-manager": "api-specs/device-manager.yaml",
  "data-store": "api-specs/data-store.yaml",
  identity: "api-specs/identity.yaml",
};
