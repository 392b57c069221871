import { hostname } from "node:os";
import { checkTelemetryPartitionCount } from "../runtime-kit/primitives/partition-count-check.js";
import { REQUESTS_EXCHANGE } from "../runtime-kit/primitives/request-primitive.js";
import { join } from "node:path";
import type { IvfContext, IvfDefinition } from "../runtime-kit/ivf-process.js";
import { OpcuaAdapter } from "./adapter.js";
import { OpcuaKpis } from "./kpis.js";
import { openPki } from "./pki.js";
import type { OpcuaServerConfig } from "./server-config.js";
import { loadServersFile, loadStoredServers, mergeServers } from "./server-config-loader.js";
import { opcuaSettings } from "./settings.js";

/**
 * The OPC UA protocol-adaptation IVF (TR 103 527 interworking proxy): connects the OPC UA
 * servers provisioned for its tenant(s), maps their nodes to devices and attributes, and puts
 * request primitives on the bus like the field gateway does for MQTT and HTTP devices.
 */
export const opcuaAdapterDefinition: IvfDefinition<typeof opcuaSettings> = {
  name: "opcua-adapter",
  settings: opcuaSettings,
  // The "iot" database: server provisioning (opcua_servers) and discovered devices are shared with
  // the device-manager and cloud-api; leases and checkpoints are shared by every adapter instance.
  uses: { bus: true, store: { database: "iot" } },
  start: startOpcuaAdapter,
};

async function startOpcuaAdapter(context: IvfContext<typeof opcuaSettings>): Promise<void> {
  const { config, logger, store, bus } = context;
  await checkTelemetryPartitionCount(store, {
    exchange: REQUESTS_EXCHANGE,
    partitions: config.telemetryPartitions,
    instanceId: context.instanceId,
  });
  const fileServers = config.serversFile ? await loadServersFile(config.serversFile) : [];
  const pki = await openPki({
    rootDir: config.pkiDir ?? join(config.dataDir, "opcua-pki"),
    applicationUri: config.applicationUri ?? `urn:${hostname()}:iotvf:opcua-adapter`,
    applicationName: "iotvf-opcua-adapter",
  });
  context.shutdown.add("close PKI", () => pki.close());
  logger.info({ event: "pki_ready", pkiDir: pki.rootDir, applicationUri: pki.applicationUri }, "PKI ready");
  let reported = "";
  const loadServers = async (): Promise<OpcuaServerConfig[]> => {
    const stored = await loadStoredServers(store);
    const problems = stored.problems.join("\n");
    if (problems && problems !== reported)
      logger.error({ event: "invalid_server_documents", problems: stored.problems }, problems);
    reported = problems;
    return mergeServers(fileServers, stored.servers, config.tenant);
  };
  const adapter = new OpcuaAdapter({
    instanceId: context.instanceId,
    scope: config.tenant ?? "*",
    loadServers,
    bus,
    store,
    pki,
    kpis: new OpcuaKpis(context.metrics),
    logger,
    leaseTtlMs: config.leaseTtl,
    reconcileIntervalMs: config.reconcileInterval,
    handoverTimeoutMs: config.handoverTimeout,
    connectRetryMs: config.connectRetry,
    checkpointIntervalMs: config.checkpointInterval,
    telemetryPartitions: config.telemetryPartitions,
  });
  await adapter.start();
  context.readiness.add("opcua", () => adapter.reconciled);
  context.shutdown.add("hand over OPC UA servers", () => adapter.stop());
  adapterRegistry.set(context.instanceId, adapter);
  context.shutdown.add("unregister", async () => void adapterRegistry.delete(context.instanceId));
}

/** Running adapters by instance id: lets tests and the benchmark observe their workers. */
export const adapterRegistry = new Map<string, OpcuaAdapter>();
