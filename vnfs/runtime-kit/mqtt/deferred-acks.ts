import type { MqttClient } from "mqtt";
import type { IPublishPacket } from "mqtt";

/**
 * Manual PUBACK for mqtt.js subscribers: a QoS 1 message is acknowledged to the broker only when
 * the application says so (e.g. after the message bus confirmed it), while mqtt.js keeps reading
 * further packets so that acknowledgements can be batched.
 *
 * mqtt.js 5 processes incoming packets one at a time and sends the PUBACK before it parses the next
 * packet, so its `customHandleAcks` option would serialise the whole ingress on the bus round trip.
 * This module wraps the client's packet writer: the PUBACK of a deferred message is held back and
 * the packet pump is released at once, unless `maxInFlight` messages are already waiting, in which
 * case the pump (and with it the TCP socket) stays paused: that is the backpressure towards the
 * broker. Held PUBACKs are sent in the order the PUBLISH packets arrived (MQTT 3.1.1 §4.6,
 * MQTT 5.0 §4.6) whatever order the application settles them in.
 *
 * Verified against mqtt 5.16.0 (`handlers/publish.js` QoS 1 path and `MqttClient._sendPacket`);
 * test/runtime-kit/mqtt proves the behaviour against a real broker.
 */

export type AckHandler = (topic: string, payload: Buffer, packet: IPublishPacket, ack: Acknowledge) => void;
/** Settles one message: reason code 0 accepts it; MQTT 5 clients may send an error reason code (>= 0x80). */
export type Acknowledge = (reasonCode?: number) => void;

interface HeldAck {
  messageId: number;
  settled: boolean;
  reasonCode: number;
  send?: () => void;
}

type SendPacket = (
  packet: { cmd: string; messageId?: number },
  cb?: (error?: Error) => void,
  ...rest: unknown[]
) => void;

export interface DeferredAcks {
  /** Messages received and not yet acknowledged to the broker. */
  readonly inFlight: number;
  /** True while the packet pump is paused because `maxInFlight` was reached. */
  readonly paused: boolean;
  /** Forgets held acknowledgements (after a disconnect the broker redelivers them). */
  reset(): void;
}

export function installDeferredAcks(
  client: MqttClient,
  maxInFlight: number,
  handler: AckHandler,
): DeferredAcks {
  const held: HeldAck[] = [];
  const byMessageId = new Map<number, HeldAck>();
  let pausedPump: (() => void) | undefined;
  const internals = client as unknown as {
    _sendPacket: SendPacket;
    handleMessage: MqttClient["handleMessage"];
  };
  const originalSend = internals._sendPacket.bind(client);

  const flush = (): void => {
    while (held.length > 0 && held[0]!.settled && held[0]!.send) {
      const entry = held.shift()!;
      byMessageId.delete(entry.messageId);
      entry.send!();
    }
    if (pausedPump && held.length < maxInFlight) {
      const resume = pausedPump;
      pausedPump = undefined;
      resume();
    }
  };

  internals._sendPacket = (packet, cb, ...rest) => {
    const entry =
      packet.cmd === "puback" && packet.messageId !== undefined
        ? byMessageId.get(packet.messageId)
        : undefined;
    if (!entry) return originalSend(packet, cb, ...rest);
    entry.send = () =>
      originalSend({ ...packet, reasonCode: entry.reasonCode } as typeof packet, undefined, ...rest);
    // Release the pump now (so the next PUBLISH is parsed) unless the in-flight window is full.
    if (held.length < maxInFlight) cb?.();
    else pausedPump = () => cb?.();
    flush();
  };

  client.on("message", (topic, payload, packet) => {
    if (packet.qos !== 1 || packet.messageId === undefined) {
      handler(topic, payload, packet, () => undefined);
      return;
    }
    const entry: HeldAck = { messageId: packet.messageId, settled: false, reasonCode: 0 };
    held.push(entry);
    byMessageId.set(packet.messageId, entry);
    handler(topic, payload, packet, (reasonCode = 0) => {
      if (entry.settled) return;
      entry.settled = true;
      entry.reasonCode = client.options.protocolVersion === 5 ? reasonCode : 0;
      flush();
    });
  });

  return {
    get inFlight() {
      return held.length;
    },
    get paused() {
      return pausedPump !== undefined;
    },
    reset() {
      held.length = 0;
      byMessageId.clear();
      const resume = pausedPump;
      pausedPump = undefined;
      resume?.();
    },
  };
}
