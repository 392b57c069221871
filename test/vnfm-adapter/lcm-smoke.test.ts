import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceAvailable } from "../support/reference.js";
import { Harness } from "./support/harness.js";

describe.runIf(referenceAvailable())("smoke", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await new Harness().start();
  });
  afterAll(async () => h.close());

  it("instantiates a VNF whose VNFC processes answer readiness", async () => {
    await h.onboard();
    await h.subscribe();
    const id = await h.createInstance();
    const occ = await h.task(id, "instantiate", { flavourId: "default" });
    const done = await h.waitOcc(occ, ["COMPLETED", "FAILED_TEMP"]);
    expect(done.operationState).toBe("COMPLETED");
    const instance = await h.instance(id);
    expect(instance.instantiatedVnfInfo.vnfcResourceInfo).toHaveLength(1);
    await h.sink.waitFor(() => h.sink.occStates(occ).includes("RESULT:COMPLETED"));
    expect(h.sink.occStates(occ)).toEqual(["START:STARTING", "START:PROCESSING", "RESULT:COMPLETED"]);
  });
});
