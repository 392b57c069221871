import type { Consumer, Delivery, MessageBus } from "../../runtime-kit/bus/message-bus.js";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import {
  telemetryPartitionBinding,
  telemetryPartitionQueue,
} from "../../runtime-kit/primitives/telemetry-partitions.js";

/**
 * The consumers of the telemetry partitions this instance owns: one durable queue per partition
 * (`<prefix>.p<k>`, bound to `telemetry.*.*.<k>`, single active consumer), all feeding the same
 * handler. Starting declares the queue and consumes it; stopping is the break of a
 * break-before-make hand-over: no new deliveries, in-flight ones finish and are acknowledged
 * (their batch is stored and announced), anything unfinished after the timeout is handed back and
 * redelivered in order to the next owner.
 *
 * Single active consumer is a second fence behind the lease: should two instances ever consume
 * one partition queue (a lease lost during a long pause), the broker still delivers to only one.
 */
export interface PartitionConsumerOptions {
  queuePrefix: string;
  exchange: string;
  maxDeliveries: number;
  /** Prefetch of each partition's consumer. */
  prefetch: number;
  instanceId: string;
  drainTimeoutMs: number;
}

export class PartitionConsumers {
  private readonly consumers = new Map<number, Consumer>();

  constructor(
    private readonly bus: MessageBus,
    private readonly handler: (delivery: Delivery) => Promise<void>,
    private readonly options: PartitionConsumerOptions,
    private readonly logger: Logger,
  ) {}

  /** Declares partition k's queue (idempotent); used at start for every partition so nothing routed is dropped. */
  async declare(partition: number): Promise<void> {
    await this.bus.declareQueue(this.spec(partition));
  }

  async start(partition: number): Promise<void> {
    if (this.consumers.has(partition)) return;
    const consumer = await this.bus.consume(this.spec(partition), this.handler, {
      prefetch: this.options.prefetch,
      consumerTag: `${this.options.instanceId}.p${partition}`,
    });
    this.consumers.set(partition, consumer);
  }

  async stop(partition: number): Promise<void> {
    const consumer = this.consumers.get(partition);
    if (!consumer) return;
    this.consumers.delete(partition);
    try {
      await consumer.stop(this.options.drainTimeoutMs);
    } catch (error) {
      this.logger.warn({ partition, err: error }, "telemetry partition consumer did not stop cleanly");
    }
  }

  owned(): number[] {
    return [...this.consumers.keys()].sort((a, b) => a - b);
  }

  queueName(partition: number): string {
    return telemetryPartitionQueue(this.options.queuePrefix, partition);
  }

  private spec(partition: number) {
    return {
      name: this.queueName(partition),
      exchange: this.options.exchange,
      bindings: [telemetryPartitionBinding(partition)],
      maxDeliveries: this.options.maxDeliveries,
      singleActiveConsumer: true,
    };
  }
}
