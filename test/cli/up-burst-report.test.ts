import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { computeBurstReport, type ScaleEvent } from "../../vnfs/cli/up/burst/burst-report.js";
import { reportText } from "../../vnfs/cli/up/burst/report-text.js";
import { StoredMeasurements } from "../../vnfs/cli/up/burst/stored-measurements.js";
import { createLogger } from "../../vnfs/runtime-kit/logging/logger.js";
import { measurementId } from "../../vnfs/runtime-kit/primitives/request-primitive.js";
import { createStore } from "../../vnfs/runtime-kit/store/create-store.js";
import { METER_ATTRIBUTES } from "../../vnfs/simulators/meters/burst-load.js";
import { MeterModel } from "../../vnfs/simulators/meters/meter-model.js";
import { ReadingLedger } from "../../vnfs/simulators/meters/reading-ledger.js";
import {
  MEASUREMENTS,
  sortKey,
  type MeasurementRecord,
} from "../../vnfs/request-processor/storage/measurement-records.js";

/**
 * The burst report from real inputs: readings from the meter model recorded in the ledger,
 * measurement rows written to a real embedded store (as the request processor writes them) and
 * read back the way `ivf up --scenario burst` reads them.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const logger = createLogger({ ivf: "test", instanceId: "test", level: "silent" });
const prefix = "burst-test-";

async function scenario(options: { storeUpTo: number; duplicate?: boolean; acceptAll?: boolean }) {
  const dir = mkdtempSync(join(tmpdir(), "ivf-burst-report-"));
  dirs.push(dir);
  const ledger = new ReadingLedger();
  const models = ["0001", "0002", "0003"].map((id) => new MeterModel(`${prefix}${id}`));
  const start = Date.parse("2026-11-27T10:00:00.000Z");
  for (let index = 0; index < 12; index += 1) {
    const model = models[index % models.length]!;
    const reading = model.read(start + index * 100);
    const entry = ledger.record({
      deviceId: model.deviceId,
      timestamp: reading.timestamp,
      transport: index % 4 === 0 ? "http" : "mqtt",
      phase: index < 6 ? "steady" : "burst",
      attributes: METER_ATTRIBUTES,
    });
    entry.accepted = options.acceptAll !== false || index < 11;
  }
  const store = await createStore({ mongodbDatabase: "x", dataDir: dir, fileName: "iot.sqlite", logger });
  const measurements = await store.collection<MeasurementRecord>(MEASUREMENTS);
  const record = (deviceId: string, attribute: string, timestamp: string, id: string): MeasurementRecord => ({
    id,
    tenant: "demo",
    deviceId,
    attribute,
    value: 1,
    timestamp,
    receivedAt: timestamp,
    sortKey: sortKey(timestamp, id),
  });
  const sent = ledger.all();
  await measurements.insertMany(
    sent
      .slice(0, options.storeUpTo)
      .flatMap((reading) =>
        METER_ATTRIBUTES.map((attribute) =>
          record(
            reading.deviceId,
            attribute,
            reading.timestamp,
            measurementId("demo", reading.deviceId, attribute, reading.timestamp),
          ),
        ),
      ),
  );
  // Another tenant's row for the same device name is not the scenario's.
  await measurements.insert({
    ...record(sent[0]!.deviceId, "power", sent[0]!.timestamp, "x"),
    tenant: "other",
  });
  if (options.duplicate)
    await measurements.insert(
      record(sent[0]!.deviceId, "power", sent[0]!.timestamp, "same-reading-second-id"),
    );
  await store.close();
  const stored = await StoredMeasurements.open({
    sharedDataDir: dir,
    tenant: "demo",
    devicePrefix: prefix,
    logger,
  });
  try {
    return { sent, stored: await stored.rows() };
  } finally {
    await stored.close();
  }
}

const events: ScaleEvent[] = [
  {
    ivf: "request-processor",
    type: "SCALE_IN",
    automatic: true,
    state: "COMPLETED",
    startTime: "2026-11-27T10:02:00.000Z",
    endTime: "2026-11-27T10:02:12.000Z",
  },
  {
    ivf: "request-processor",
    type: "SCALE_OUT",
    automatic: true,
    state: "COMPLETED",
    startTime: "2026-11-27T10:00:40.000Z",
    endTime: "2026-11-27T10:00:44.000Z",
  },
  {
    ivf: "field-gateway",
    type: "SCALE_OUT",
    automatic: false,
    state: "COMPLETED",
    startTime: "2026-11-27T10:01:00.000Z",
  },
];

describe("burst scenario report", () => {
  it("counts every reading stored exactly once as stored, none lost, exit code 0", async () => {
    const { sent, stored } = await scenario({ storeUpTo: 12 });
    const report = computeBurstReport({
      sent,
      stored,
      scaleEvents: events,
      backlogPeaks: [
        { ivf: "field-gateway", ageSeconds: 0.4, messages: 10 },
        { ivf: "request-processor", ageSeconds: 7.5, messages: 4000, at: "2026-11-27T10:00:30.000Z" },
      ],
    });
    expect(report).toMatchObject({ sent: 12, accepted: 12, stored: 12, lost: 0, duplicates: 0, exitCode: 0 });
    expect(report.automaticScaleOuts).toBe(1);
    expect(report.automaticScaleIns).toBe(1);
    expect(report.scaleEvents.map((event) => event.type)).toEqual(["SCALE_OUT", "SCALE_OUT", "SCALE_IN"]);
    expect(report.peakBacklog).toMatchObject({ ivf: "request-processor", ageSeconds: 7.5 });
    const text = reportText(report, [], Date.parse("2026-11-27T10:00:00.000Z"));
    expect(text).toContain("sent 12, accepted 12, stored 12, lost 0");
    expect(text).toMatch(/t\+\s+40\.0 s → t\+\s+44\.0 s {2}SCALE_OUT request-processor/);
    expect(text).toContain("oldest message 7.5 s in request-processor at t+30.0 s");
  });

  it("a reading missing from the store is lost and makes the exit code non-zero", async () => {
    const { sent, stored } = await scenario({ storeUpTo: 10, acceptAll: false });
    const report = computeBurstReport({ sent, stored, scaleEvents: [], backlogPeaks: [] });
    expect(report).toMatchObject({ sent: 12, accepted: 11, stored: 10, lost: 2, lostAfterAccept: 1 });
    expect(report.exitCode).not.toBe(0);
    expect(report.lostExamples).toHaveLength(2);
    expect(report.lostExamples[1]).toContain("not accepted");
    expect(reportText(report, [], 0)).toContain("FAILED");
    // After Ctrl-C there was no drain: the report says so instead of calling the queue lost.
    expect(reportText(report, [], 0, true)).toContain("INTERRUPTED: counts as of the interruption");
  });

  it("a measurement stored twice under two ids is a duplicate and makes the exit code non-zero", async () => {
    const { sent, stored } = await scenario({ storeUpTo: 12, duplicate: true });
    const report = computeBurstReport({ sent, stored, scaleEvents: [], backlogPeaks: [] });
    expect(report).toMatchObject({ lost: 0, duplicates: 1 });
    expect(report.exitCode).not.toBe(0);
  });

  it("a reading with some attributes missing is lost", async () => {
    const { sent, stored } = await scenario({ storeUpTo: 12 });
    const withoutOne = stored.filter(
      (row) =>
        !(
          row.deviceId === sent[5]!.deviceId &&
          row.timestamp === sent[5]!.timestamp &&
          row.attribute === "voltage"
        ),
    );
    expect(withoutOne).toHaveLength(stored.length - 1);
    const report = computeBurstReport({ sent, stored: withoutOne, scaleEvents: [], backlogPeaks: [] });
    expect(report).toMatchObject({ stored: 11, lost: 1, lostAfterAccept: 1, exitCode: 1 });
  });
});
