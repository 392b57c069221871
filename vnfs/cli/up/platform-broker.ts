/**
 * The MQTT broker `ivf up` runs for the whole platform (every field-gateway VNFC and every device
 * connect to it), with the same rules as a gateway's own embedded broker
 * (vnfs/field-gateway/mqtt/embedded-broker-policy.ts): devices publish telemetry and command
 * replies and subscribe to exact topics only; nobody publishes to `$` topics; wildcard
 * subscriptions, which would expose other devices' topics and the API keys in them, are for the
 * gateways' sessions alone. The gateways prove it with a credential made here for this run and
 * passed to their VNFCs as IVF_MQTT_USERNAME / IVF_MQTT_PASSWORD.
 *
 * This broker has no TLS listener, so no client ever presents a certificate; the resolver that
 * certificate devices would need refuses, should one appear.
 */
import type { Logger } from "../../runtime-kit/logging/logger.js";
import { startEmbeddedBroker, type EmbeddedBroker } from "../../runtime-kit/mqtt/embedded-broker.js";
import { IngestError } from "../../field-gateway/ingest/ingest-errors.js";
import {
  gatewayBrokerPolicy,
  type CertificateResolver,
} from "../../field-gateway/mqtt/embedded-broker-policy.js";

export interface PlatformBroker {
  broker: EmbeddedBroker;
  /** Environment of field-gateway VNFCs: the credential of the gateways' sessions. */
  gatewayEnv: { IVF_MQTT_USERNAME: string; IVF_MQTT_PASSWORD: string };
}

const noCertificateDevices: CertificateResolver = {
  resolve: () =>
    Promise.reject(
      new IngestError("CERTIFICATE_NOT_ACCEPTED", [
        "the ivf up broker has no TLS listener; certificate devices connect to a field gateway's mqtts listener",
      ]),
    ),
};

export async function startPlatformBroker(logger: Logger, topicPrefix = "ivf/v1"): Promise<PlatformBroker> {
  const { policy, gatewayCredentials } = gatewayBrokerPolicy(noCertificateDevices, topicPrefix, logger);
  const broker = await startEmbeddedBroker({ port: 0, logger, policy });
  return {
    broker,
    gatewayEnv: {
      IVF_MQTT_USERNAME: gatewayCredentials.username,
      IVF_MQTT_PASSWORD: gatewayCredentials.password,
    },
  };
}
