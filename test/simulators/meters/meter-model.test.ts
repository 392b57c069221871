import { describe, expect, it } from "vitest";
import { MeterModel } from "../../../vnfs/simulators/meters/meter-model.js";
import { meterIds } from "../../../vnfs/simulators/meters/run-meters.js";

describe("simulated smart meter", () => {
  it("produces physically consistent readings over a simulated day", () => {
    const meter = new MeterModel("meter-0001");
    const start = Date.UTC(2026, 5, 1);
    let previous = meter.read(start);
    for (let minute = 1; minute <= 24 * 60; minute += 1) {
      const reading = meter.read(start + minute * 60_000);
      expect(reading.energy).toBeGreaterThanOrEqual(previous.energy);
      expect(reading.voltage).toBeGreaterThan(207);
      expect(reading.voltage).toBeLessThan(253);
      expect(reading.powerFactor).toBeGreaterThanOrEqual(0.8);
      expect(reading.powerFactor).toBeLessThan(1);
      expect(reading.power).toBeGreaterThan(0);
      // I = P / (V * PF), within rounding.
      expect(
        Math.abs(reading.current - (reading.power * 1000) / (reading.voltage * reading.powerFactor)),
      ).toBeLessThan(0.05);
      previous = reading;
    }
    // Roughly a household's day: between 1 and 80 kWh.
    const first = new MeterModel("meter-0001").read(start).energy;
    expect(previous.energy - first).toBeGreaterThan(1);
    expect(previous.energy - first).toBeLessThan(80);
  });

  it("is reproducible per device id and differs between devices", () => {
    const time = Date.UTC(2026, 0, 1, 8);
    expect(new MeterModel("meter-0001").read(time)).toEqual(new MeterModel("meter-0001").read(time));
    expect(new MeterModel("meter-0001").read(time).power).not.toBe(
      new MeterModel("meter-0002").read(time).power,
    );
  });

  it("never repeats a timestamp for one meter, so every reading has its own measurement id", () => {
    const meter = new MeterModel("meter-0003");
    const now = Date.UTC(2026, 0, 1);
    const stamps = [meter.read(now), meter.read(now), meter.read(now - 5)].map(
      (reading) => reading.timestamp,
    );
    expect(new Set(stamps).size).toBe(3);
  });

  it("names meters with zero-padded ids", () => {
    expect(meterIds(3)).toEqual(["meter-0001", "meter-0002", "meter-0003"]);
    expect(meterIds(12_000, "m-")[11_999]).toBe("m-12000");
  });
});
