import type { ConfigSpec } from "../runtime-kit/config/env-config.js";

/** Settings of the OPC UA adapter process (IVF_OPCUA_*), read with the common IVF settings. */
export const opcuaSettings = {
  serversFile: {
    kind: "string",
    env: "IVF_OPCUA_SERVERS_FILE",
    description:
      "YAML or JSON file provisioning OPC UA servers ({servers: [...]}, schema in docs/design/opcua-adapter.md); optional when servers are in the store collection opcua_servers",
  },
  pkiDir: {
    kind: "string",
    env: "IVF_OPCUA_PKI_DIR",
    description:
      "PKI folder of this adapter instance (own certificate, trusted/ and rejected/ server certificates); default <IVF_DATA_DIR>/opcua-pki",
  },
  applicationUri: {
    kind: "string",
    env: "IVF_OPCUA_APPLICATION_URI",
    description:
      "Application URI put in the adapter's certificate on first start (default urn:<hostname>:iotvf:opcua-adapter)",
  },
  tenant: {
    kind: "string",
    env: "IVF_OPCUA_TENANT",
    description: "Serve only the servers provisioned for this tenant (default: every tenant)",
    pattern: /^[A-Za-z0-9_-]{1,64}$/,
  },
  leaseTtl: {
    kind: "duration",
    env: "IVF_OPCUA_LEASE_TTL",
    description: "Ownership lease lifetime; a crashed instance's servers move after at most this long",
    default: 15_000,
  },
  reconcileInterval: {
    kind: "duration",
    env: "IVF_OPCUA_RECONCILE_INTERVAL",
    description: "How often ownership is renewed and rebalanced (keep it below a third of the lease TTL)",
    default: 2_000,
  },
  handoverTimeout: {
    kind: "duration",
    env: "IVF_OPCUA_HANDOVER_TIMEOUT",
    description:
      "How long a stopping instance waits for successors to take its servers before releasing them",
    default: 30_000,
  },
  connectRetry: {
    kind: "duration",
    env: "IVF_OPCUA_CONNECT_RETRY",
    description:
      "Delay between attempts when a server cannot be connected (e.g. its certificate is not trusted yet)",
    default: 5_000,
  },
  checkpointInterval: {
    kind: "duration",
    env: "IVF_OPCUA_CHECKPOINT_INTERVAL",
    description: "How often the last published source timestamp per item is saved for the next owner",
    default: 2_000,
  },
} satisfies ConfigSpec;
