import { describe, expect, it } from "vitest";
import { MicroBatcher } from "../../../vnfs/request-processor/handling/micro-batcher.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("micro-batcher turns (ordered mode)", () => {
  it("overlaps the batches' first steps but runs their ordered steps in submission order", async () => {
    const published: number[] = [];
    let storing = 0;
    let overlapped = false;
    const batcher = new MicroBatcher<number>(
      { maxSize: 2, lingerMs: 1, ordered: true },
      async (items, turn) => {
        storing++;
        if (storing > 1) overlapped = true;
        // Earlier batches take longer to "store": without turns, later events would overtake.
        await sleep(items[0]! < 4 ? 40 - items[0]! * 8 : 1);
        storing--;
        await turn.ready();
        published.push(...items);
        await sleep(5); // the broker's confirms
        return items.map(() => undefined);
      },
    );
    await Promise.all(Array.from({ length: 10 }, (_, index) => batcher.submit(index)));
    expect(published).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(overlapped).toBe(true);
  });

  it("keeps the order after a failed batch and reports each item's outcome", async () => {
    const published: number[] = [];
    const batcher = new MicroBatcher<number>(
      { maxSize: 2, lingerMs: 1, ordered: true },
      async (items, turn) => {
        if (items.includes(2)) throw new Error("store down");
        await sleep(items[0] === 0 ? 30 : 1);
        await turn.ready();
        published.push(...items);
        return items.map(() => undefined);
      },
    );
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, index) => batcher.submit(index)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    expect(published).toEqual([0, 1, 4, 5]);
  });
});
