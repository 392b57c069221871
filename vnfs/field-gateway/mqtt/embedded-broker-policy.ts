import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Client } from "aedes";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import { LogThrottle } from "../../runtime-kit/logging/log-throttle.js";
import type { BrokerPolicy } from "../../runtime-kit/mqtt/embedded-broker.js";
import { IngestError } from "../ingest/ingest-errors.js";
import { checkPeerCertificate, type CertifiedDevice } from "../registry/certificate-identity.js";
import type { DeviceDirectory } from "../registry/device-directory.js";
import { certificateResultTopic, commandTopic } from "../commands/command-topics.js";
import { CERTIFICATE_LEVEL, certificateTelemetryTopic } from "./topic-scheme.js";

/**
 * Who may do what on the gateway's embedded broker (docs/design/telemetry-path.md "Transport
 * security"). The broker is the only place where the publisher of a message is known, so it is
 * where certificate identities are enforced:
 *
 * - CONNECT with a client certificate (mqtts listener): the TLS layer verified it against the CA
 *   and CRL; the certificate must name a registered device of a group that accepts certificates.
 *   Otherwise the session is refused (CONNACK 5, not authorised) with a log line naming the
 *   certificate's subject, serial and fingerprint and the reason, never key material.
 * - PUBLISH to `<prefix>/x509/...` only by a certificate session, only on its own telemetry and
 *   command-reply topics; no
 *   client publishes to `$` topics. API-key topics are open: the gateway checks the key.
 * - SUBSCRIBE with wildcards or to `$` topics only by the gateway's own sessions (an internal
 *   credential made at start); a certificate device only to its own command topic. So a device
 *   cannot harvest other devices' topics, which carry API keys.
 */
export interface GatewayBrokerPolicy {
  policy: BrokerPolicy;
  /** Credentials of the gateway's own sessions on this broker. */
  gatewayCredentials: { username: string; password: string };
}

const GATEWAY_USERNAME = "ivf-field-gateway";
const NOT_AUTHORIZED = 5;
const SERVER_UNAVAILABLE = 3;

/** What the policy needs of the device registry: resolving the device a certificate names. */
export type CertificateResolver = Pick<DeviceDirectory, "resolve">;

export function gatewayBrokerPolicy(
  directory: CertificateResolver,
  prefix: string,
  logger: Logger,
): GatewayBrokerPolicy {
  const password = randomBytes(24).toString("base64url");
  const log = new LogThrottle(logger);
  const gateways = new WeakSet<Client>();
  const certified = new WeakMap<Client, CertifiedDevice>();

  const refuse = (done: (error: never, success: false) => void, message: string): void =>
    done(Object.assign(new Error(message), { returnCode: NOT_AUTHORIZED }) as never, false);

  const policy: BrokerPolicy = {
    authenticate(client, username, secret, done) {
      if (username === GATEWAY_USERNAME) {
        if (secret && sameSecret(secret, password)) {
          gateways.add(client);
          done(null, true);
        } else refuse(done, "wrong gateway credential");
        return;
      }
      const peer = checkPeerCertificate(client.conn);
      if (!peer.presented) {
        done(null, true); // API-key device: every message is authenticated by its topic's key
        return;
      }
      if (!peer.ok) {
        log.warn(
          "certificate-rejected",
          { clientId: client.id, ...peer.details, problem: peer.problem, code: "CERTIFICATE_REJECTED" },
          "device certificate refused",
        );
        refuse(done, peer.problem);
        return;
      }
      directory.resolve(undefined, peer.device.deviceId, peer.device).then(
        () => {
          certified.set(client, peer.device);
          done(null, true);
        },
        (error: unknown) => {
          const known = error instanceof IngestError;
          const problems = known ? error.problems : ["device registry unavailable; retry later"];
          log.warn(
            "certificate-refused",
            {
              clientId: client.id,
              ...peer.details,
              problems,
              code: known ? error.code : "REGISTRY_UNAVAILABLE",
              ...(known ? {} : { err: error }),
            },
            "device certificate refused",
          );
          // A registry outage is not the device's fault: CONNACK 3 (server unavailable) invites a retry.
          done(
            Object.assign(new Error(problems.join("; ")), {
              returnCode: known ? NOT_AUTHORIZED : SERVER_UNAVAILABLE,
            }) as never,
            false,
          );
        },
      );
    },
    authorizePublish(client, packet, done) {
      if (!client || gateways.has(client)) return done(null);
      const topic = packet.topic;
      if (topic.startsWith("$"))
        return done(new Error(`publishing to $ topics is not allowed (${topic.slice(0, 80)})`));
      const device = certified.get(client);
      if (topic.startsWith(`${prefix}/${CERTIFICATE_LEVEL}/`)) {
        const own = device && [
          certificateTelemetryTopic(prefix, device),
          certificateResultTopic(prefix, device.tenant, device.deviceId),
        ];
        if (own && own.includes(topic)) return done(null);
        log.warn(
          "certificate-topic-publish-refused",
          { clientId: client.id, device: device ?? null, topic: topic.slice(0, 256) },
          "MQTT publish refused: certificate topics belong to the device their certificate names",
        );
        return done(new Error("not authorised for this certificate topic"));
      }
      done(null);
    },
    authorizeSubscribe(client, subscription, done) {
      if (gateways.has(client)) return done(null, subscription);
      const filter = subscription.topic;
      const device = certified.get(client);
      const allowed = device
        ? filter === commandTopic(prefix, device.tenant, device.deviceId)
        : !/[+#]/.test(filter) && !filter.startsWith("$");
      if (allowed) return done(null, subscription);
      log.warn(
        "subscription-refused",
        { clientId: client.id, filter: filter.slice(0, 256) },
        "MQTT subscription refused: devices subscribe to their own exact topics only",
      );
      done(null, null); // SUBACK 0x80 for this filter; the session stays
    },
  };
  return { policy, gatewayCredentials: { username: GATEWAY_USERNAME, password } };
}

function sameSecret(given: Buffer | string, expected: string): boolean {
  const a = Buffer.isBuffer(given) ? given : Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
