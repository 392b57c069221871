import { describe, expect, it } from "vitest";
import { DeliverySizes } from "../../../vnfs/request-processor/handling/delivery-sizes.js";

describe("primitives per delivery (the backlog KPI's weight)", () => {
  it("starts at one primitive per delivery and follows the envelopes it is told about", () => {
    const sizes = new DeliverySizes(0.5);
    expect(sizes.mean()).toBe(1);
    sizes.observe(41);
    expect(sizes.mean()).toBe(21);
    for (let i = 0; i < 50; i++) sizes.observe(1);
    expect(sizes.mean()).toBeCloseTo(1, 5);
  });
});
