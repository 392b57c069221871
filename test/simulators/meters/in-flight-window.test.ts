import { describe, expect, it } from "vitest";
import { InFlightWindow } from "../../../vnfs/simulators/meters/in-flight-window.js";

const tick = () => new Promise((resolve) => setImmediate(resolve));

function controlled() {
  let settle!: (ok: boolean) => void;
  const promise = new Promise<void>((resolve, reject) => {
    settle = (ok) => (ok ? resolve() : reject(new Error("not acknowledged")));
  });
  return { promise: promise.catch(() => undefined), settle };
}

describe("in-flight window of the simulated meters", () => {
  it("holds the next send while the limit is pending and frees a slot when one settles, failed or not", async () => {
    const window = new InFlightWindow(3);
    const sends = [controlled(), controlled(), controlled()];
    for (const send of sends) {
      await window.slot();
      window.track(send.promise);
    }
    let free = false;
    void window.slot().then(() => (free = true));
    await tick();
    expect(free).toBe(false);
    sends[0]!.settle(false);
    await tick();
    expect(free).toBe(true);
    expect(window.size).toBe(2);
  });

  it("drains only once every tracked send has settled", async () => {
    const window = new InFlightWindow(10);
    const sends = [controlled(), controlled()];
    for (const send of sends) window.track(send.promise);
    let drained = false;
    void window.drain().then(() => (drained = true));
    sends[0]!.settle(true);
    await tick();
    expect(drained).toBe(false);
    sends[1]!.settle(true);
    await tick();
    expect(drained).toBe(true);
    await window.drain();
  });
});
