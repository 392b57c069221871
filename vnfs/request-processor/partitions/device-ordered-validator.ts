import type { TelemetryPrimitive } from "../../runtime-kit/primitives/request-primitive.js";
import { SemanticValidator } from "../handling/semantic-validation.js";

/**
 * Semantic validation that completes in arrival order per device. Validation is asynchronous (a
 * registry lookup on a cache miss), and the handler submits a delivery to its batch when
 * validation completes; two deliveries of one device that both miss the cache could otherwise
 * join batches in the opposite order. Each device's checks are chained, so its deliveries reach
 * the batcher in the order the partition queue delivered them; different devices still validate
 * concurrently.
 */
export class DeviceOrderedValidator extends SemanticValidator {
  private readonly tails = new Map<string, Promise<void>>();

  override check(primitive: TelemetryPrimitive, routing: { routingKey: string }): Promise<void> {
    const key = `${primitive.tenant}/${primitive.deviceId}`;
    const previous = this.tails.get(key);
    const mine = previous
      ? previous.then(
          () => super.check(primitive, routing),
          () => super.check(primitive, routing),
        )
      : super.check(primitive, routing);
    const tail = mine.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return mine;
  }
}
