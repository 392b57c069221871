import { GHOST_UUID, hidden, own, range, type Entry } from "./tenant-isolation-probes.js";

/** cloud-api: the tenant is the credential's, so "bravo's resource" means bravo's ids. */
export const cloudApiEntries: Entry[] = [
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
];
