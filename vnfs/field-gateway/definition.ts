import type { IvfContext, IvfDefinition } from "../runtime-kit/ivf-process.js";
import { IvfKpis } from "../runtime-kit/metrics/ivf-kpis.js";
import { startEmbeddedBroker } from "../runtime-kit/mqtt/embedded-broker.js";
import { fieldGatewaySettings } from "./settings.js";
import { TelemetryIntake } from "./ingest/accept-telemetry.js";
import { BatchPublisher } from "./ingest/batch-publisher.js";
import { packTelemetry } from "../runtime-kit/primitives/telemetry-envelope.js";
import { mountHttpIngress } from "./http/http-ingress.js";
import { startMqttIngress } from "./mqtt/mqtt-ingress.js";
import { loadProvisioningFile } from "./provisioning/provisioning-file.js";
import { seedRegistry } from "./provisioning/seed-registry.js";
import { DeviceDirectory } from "./registry/device-directory.js";
import { openDeviceCollections } from "./registry/device-records.js";
import { startCommandDelivery, type MqttTarget } from "./commands/start-command-delivery.js";
import { httpTlsFromConfig } from "../runtime-kit/http/http-server.js";
import { RateLimitedIntake } from "./limits/device-rate-limit.js";
import { gatewayBrokerPolicy } from "./mqtt/embedded-broker-policy.js";
import { mqttClientTls, type MqttSessionOptions } from "./mqtt/mqtt-session-options.js";
import { checkTelemetryPartitionCount } from "../runtime-kit/primitives/partition-count-check.js";

type Context = IvfContext<typeof fieldGatewaySettings>;

/** Calibrated by `npm run bench:ingest` on the 2-core reference machine (messages/s per instance). */
const CAPACITY_PER_SECOND = 10_000;

/**
 * The field gateway (TR 103 527 "field device protocol" service): device telemetry in over MQTT
 * and HTTP, request primitives out on the bus (docs/design/telemetry-path.md).
 */
export const definition: IvfDefinition<typeof fieldGatewaySettings> = {
  name: "field-gateway",
  settings: fieldGatewaySettings,
  uses: { bus: true, store: { database: "iot" } },
  async start(context) {
    const { config, logger, bus, store } = context;
    const kpis = new IvfKpis({ registry: context.metrics, capacityPerSecond: CAPACITY_PER_SECOND });
    kpis.watchReadiness(context.readiness);
    if (config.provisioningFile) {
      const seeded = await seedRegistry(store, await loadProvisioningFile(config.provisioningFile));
      logger.info(
        { file: config.provisioningFile, ...seeded },
        "device registry seeded from the provisioning file",
      );
    }
    // Refuses to start when the request processors use another partition count (telemetry-path.md).
    await checkTelemetryPartitionCount(store, {
      exchange: config.requestsExchange,
      partitions: config.telemetryPartitions,
      instanceId: context.instanceId,
    });
    await bus.declareExchange(config.requestsExchange);
    const { groups, devices } = await openDeviceCollections(store);
    const directory = new DeviceDirectory(groups, devices, config.registryCacheTtl);
    const publisher = new BatchPublisher({
      bus,
      exchange: config.requestsExchange,
      logger,
      batchSize: config.batchSize,
      lingerMs: config.batchLinger,
      maxInFlight: config.maxInFlight,
      ...(config.envelopes ? { pack: packTelemetry } : {}),
    });
    const checked = new TelemetryIntake(
      directory,
      publisher,
      kpis,
      logger,
      config.maxFutureSkew,
      config.telemetryPartitions,
    );
    const intake = new RateLimitedIntake(checked, kpis, {
      perSecond: config.deviceRate,
      burst: 10 * config.deviceRate,
    });
    const backpressure = setInterval(() => kpis.backpressure.set(publisher.saturated ? 1 : 0), 1000);
    backpressure.unref();

    context.shutdown.add("close bus publisher", async () => {
      clearInterval(backpressure);
      await publisher.close();
    });
    mountHttpIngress(context.app, intake, publisher, {
      maxPayloadBytes: config.maxPayloadBytes,
      publishTimeoutMs: config.publishTimeout,
      logger,
    });
    // Commands down to MQTT and HTTP devices (issue 6, docs/design/device-manager.md).
    const commands = await startCommandDelivery(context);
    const mqttTarget = await startMqtt(context, intake, kpis, directory);
    if (mqttTarget) await commands.connectMqtt(mqttTarget);
  },
};

async function startMqtt(
  context: Context,
  intake: Pick<TelemetryIntake, "accept">,
  kpis: IvfKpis,
  directory: DeviceDirectory,
): Promise<MqttTarget | undefined> {
  const { config, logger } = context;
  let url = config.mqttUrl;
  let shared = config.mqttSharedSubscription;
  let session: MqttSessionOptions = {
    protocolVersion: config.mqttProtocolVersion === "5" ? 5 : 4,
    ...(config.mqttUsername ? { username: config.mqttUsername } : {}),
    ...(config.mqttPassword ? { password: config.mqttPassword } : {}),
  };
  const clientTls = mqttClientTls(config);
  if (clientTls) session.tls = clientTls;
  let certificateTopics = false;
  if (!url && config.mqttEmbeddedPort !== undefined) {
    const serverTls = config.mqttEmbeddedTlsPort === undefined ? undefined : httpTlsFromConfig(config);
    if (config.mqttEmbeddedTlsPort !== undefined && !serverTls) {
      throw new Error("IVF_MQTT_EMBEDDED_TLS_PORT needs IVF_HTTP_TLS_CERT_FILE and IVF_HTTP_TLS_KEY_FILE");
    }
    const { policy, gatewayCredentials } = gatewayBrokerPolicy(directory, config.mqttTopicPrefix, logger);
    const broker = await startEmbeddedBroker({
      host: config.httpHost,
      port: config.mqttEmbeddedPort,
      logger,
      policy,
      limits: {
        // The payload limit plus room for the topic (prefix, key, device id) and headers.
        maxPacketBytes: config.maxPayloadBytes + 4096,
        maxConnections: config.mqttEmbeddedMaxConnections,
        connectsPerSecond: config.mqttEmbeddedConnectRate,
      },
      onRefusal: (reason) => {
        if (reason === "packet_too_large") kpis.dropped.inc({ reason: "too_large" });
      },
      ...(serverTls ? { tls: { port: config.mqttEmbeddedTlsPort!, material: serverTls } } : {}),
    });
    context.shutdown.add("stop embedded MQTT broker", () => broker.close());
    url = broker.url;
    shared = false; // aedes has no shared subscriptions: this instance is the only consumer
    // aedes speaks 3.1.1; the gateway's sessions use its plain loopback listener and own credential.
    session = { protocolVersion: 4, ...gatewayCredentials };
    certificateTopics = true; // the policy enforces who publishes on certificate topics
  }
  if (!url) {
    logger.warn("MQTT ingress disabled: set IVF_MQTT_URL or IVF_MQTT_EMBEDDED_PORT");
    return undefined;
  }
  const ingress = await startMqttIngress(intake, {
    url,
    clientId: `ivf-fg-${context.instanceId}`.slice(0, 128),
    topicPrefix: config.mqttTopicPrefix,
    sharedSubscription: shared,
    certificateTopics,
    maxPayloadBytes: config.maxPayloadBytes,
    maxInFlight: Math.max(1, Math.floor(config.maxInFlight / 2)),
    logger,
    kpis,
    ...session,
  });
  context.readiness.add("mqtt", () => ingress.connected);
  context.shutdown.add("stop MQTT ingress", () => ingress.close(config.shutdownGrace / 2));
  return { url, shared, session, certificateTopics };
}
