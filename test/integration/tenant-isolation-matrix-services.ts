import { GHOST_UUID, dm, hidden, own, range, type Entry } from "./tenant-isolation-probes.js";

/** device-manager, data-store and identity: the tenant is in the path. */
export const serviceEntries: Entry[] = [
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
      // Client names are scoped by tenant: bravo's name is free in alpha (no 409, nothing inferred).
      {
        method: "POST",
        path: "/v1/tenants/alpha/clients",
        body: { id: "bravo-reader", roles: ["reader"] },
        expect: "own",
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
