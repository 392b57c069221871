/**
 * What a fleet of simulated meters sent, reading by reading: device, timestamp, transport, phase,
 * and whether the platform acknowledged it (MQTT PUBACK, HTTP 202). A reading is identified by
 * (deviceId, timestamp), which is what the platform's idempotent measurement ids are derived
 * from (request-primitive.ts), so the ledger can be checked against the store row by row.
 */
export type Transport = "mqtt" | "http";

export interface SentReading {
  deviceId: string;
  timestamp: string;
  transport: Transport;
  phase: string;
  /** Attributes of the reading (one stored measurement each). */
  attributes: string[];
  accepted: boolean;
  /** Delivery attempts (HTTP retries after 503/429/network errors; MQTT retransmits are the client's). */
  attempts: number;
  lastError?: string;
}

export const readingKey = (deviceId: string, timestamp: string): string => `${deviceId}|${timestamp}`;

export class ReadingLedger {
  private readonly readings = new Map<string, SentReading>();

  /** Records a reading about to be sent; a second reading with the same key is a caller bug. */
  record(reading: Omit<SentReading, "accepted" | "attempts">): SentReading {
    const key = readingKey(reading.deviceId, reading.timestamp);
    if (this.readings.has(key)) throw new Error(`reading ${key} recorded twice`);
    const entry: SentReading = { ...reading, accepted: false, attempts: 0 };
    this.readings.set(key, entry);
    return entry;
  }

  /** A ledger rebuilt from readings recorded elsewhere (the burst's child process). */
  static from(readings: readonly SentReading[]): ReadingLedger {
    const ledger = new ReadingLedger();
    for (const reading of readings)
      ledger.readings.set(readingKey(reading.deviceId, reading.timestamp), reading);
    return ledger;
  }

  all(): SentReading[] {
    return [...this.readings.values()];
  }

  counts(): { sent: number; accepted: number; failed: number } {
    let accepted = 0;
    for (const reading of this.readings.values()) if (reading.accepted) accepted += 1;
    return { sent: this.readings.size, accepted, failed: this.readings.size - accepted };
  }
}
