/**
 * Reads the MQTT fixed header (MQTT 3.1.1 §2.2, 5.0 §2.1.1: one type byte, then the "remaining
 * length" as a variable byte integer of at most four bytes) of each packet as the bytes arrive,
 * and reports the first packet whose total size exceeds the limit. The body bytes are skipped,
 * never kept, so the broker can drop a connection as soon as an oversized packet announces
 * itself instead of buffering it whole (its parser waits for the complete packet).
 */
export interface OversizedPacket {
  /** MQTT control packet type (3 = PUBLISH). */
  type: number;
  /** Announced size: fixed header and remaining length. */
  bytes: number;
}

export class PacketSizeScanner {
  private bodyLeft = 0;
  private readingLength = false;
  private type = 0;
  private length = 0;
  private multiplier = 1;
  private lengthBytes = 0;

  constructor(private readonly maxPacketBytes: number) {}

  /** Feeds the next bytes of the stream; returns the first oversized packet it announces. */
  feed(chunk: Uint8Array): OversizedPacket | undefined {
    let index = 0;
    while (index < chunk.length) {
      if (this.bodyLeft > 0) {
        const skipped = Math.min(this.bodyLeft, chunk.length - index);
        this.bodyLeft -= skipped;
        index += skipped;
        continue;
      }
      const byte = chunk[index++]!;
      if (!this.readingLength) {
        this.type = byte >> 4;
        this.readingLength = true;
        this.length = 0;
        this.multiplier = 1;
        this.lengthBytes = 0;
        continue;
      }
      this.length += (byte & 0x7f) * this.multiplier;
      this.multiplier *= 128;
      this.lengthBytes += 1;
      // A fifth length byte is malformed; the broker's parser refuses it, the size is already too large.
      if (byte & 0x80 && this.lengthBytes < 4) continue;
      this.readingLength = false;
      const bytes = 1 + this.lengthBytes + this.length;
      if (bytes > this.maxPacketBytes || byte & 0x80) return { type: this.type, bytes };
      this.bodyLeft = this.length;
    }
    return undefined;
  }
}
