/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are conformance-checked by the client */
/**
 * SOL003 error handling with failure injection in the VIM driver: FAILED_TEMP, retry,
 * rollback, fail, cancel, one operation per instance, and a VNFM restart during a scale.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pidAlive } from "../../vnfm-adapter/infra-drivers/local-process/vnfc-process.js";
import { referenceAvailable } from "../support/reference.js";
import { Harness } from "./support/harness.js";

const vnfcs = (instance: any): any[] => instance.instantiatedVnfInfo?.vnfcResourceInfo ?? [];

describe.runIf(referenceAvailable())("LCM error handling", () => {
  let h: Harness;
  let id: string;
  beforeAll(async () => {
    h = await new Harness().start();
    await h.onboard();
    await h.subscribe("v2");
    id = await h.createInstance();
  });
  afterAll(async () => h.close());

  it("a VIM failure during instantiate ends in FAILED_TEMP; retry completes without redoing finished VNFCs", async () => {
    h.driver.failNextStarts = 1;
    const occ = await h.task(id, "instantiate", { flavourId: "default", instantiationLevelId: "large" });
    const failed = await h.waitOcc(occ, ["FAILED_TEMP", "COMPLETED"]);
    expect(failed.operationState).toBe("FAILED_TEMP");
    expect(failed.error.detail).toContain("injected fault");
    // The 4 VNFCs start in parallel: the 3 that were in flight when the first one failed finish
    // and are recorded (nothing runs unrecorded), so retry starts only the missing one.
    expect(failed.resourceChanges.affectedVnfcs.map((a: any) => a.changeType)).toEqual([
      "ADDED",
      "ADDED",
      "ADDED",
    ]);
    for (const added of failed.resourceChanges.affectedVnfcs) expect(pidAlive(added.metadata.pid)).toBe(true);
    expect(failed._links.retry.href).toContain(`/vnf_lcm_op_occs/${occ}/retry`);
    await h.sink.waitFor(() => h.sink.occStates(occ).includes("RESULT:FAILED_TEMP"));
    const other = await h.client.post(`/vnflcm/v2/vnf_instances/${id}/scale`, {
      type: "SCALE_OUT",
      aspectId: "gw_aspect",
    });
    expect(other.status).toBe(409);
    expect(other.body.detail).toContain("FAILED_TEMP");
    const startsBefore = h.driver.startsSeen;
    expect((await h.client.post(`/vnflcm/v2/vnf_lcm_op_occs/${occ}/retry`)).status).toBe(202);
    const done = await h.waitOcc(occ, ["COMPLETED", "FAILED_TEMP"]);
    expect(done.operationState).toBe("COMPLETED");
    expect(h.driver.startsSeen - startsBefore).toBe(1);
    expect(vnfcs(await h.instance(id))).toHaveLength(4);
    expect(h.sink.occStates(occ)).toEqual([
      "START:STARTING",
      "START:PROCESSING",
      "RESULT:FAILED_TEMP",
      "START:PROCESSING",
      "RESULT:COMPLETED",
    ]);
  });

  it("retry, rollback and fail are refused with 409 unless the occurrence is FAILED_TEMP", async () => {
    const [occ] = (await h.client.get("/vnflcm/v2/vnf_lcm_op_occs")).body;
    for (const action of ["retry", "rollback", "fail"]) {
      expect((await h.client.post(`/vnflcm/v2/vnf_lcm_op_occs/${occ.id}/${action}`)).status).toBe(409);
    }
    expect(
      (await h.client.post(`/vnflcm/v2/vnf_lcm_op_occs/${occ.id}/cancel`, { cancelMode: "GRACEFUL" })).status,
    ).toBe(409);
    expect((await h.client.post("/vnflcm/v2/vnf_lcm_op_occs/no-such-occ/retry")).status).toBe(404);
  });

  it("rollback of a failed scale out removes the VNFCs it added and restores the scale level", async () => {
    const before = await h.instance(id);
    h.driver.failNextStarts = 0;
    const occPromise = h.task(id, "scale", { type: "SCALE_OUT", aspectId: "gw_aspect" });
    const occ = await occPromise;
    await h.waitOcc(occ, ["COMPLETED"]);
    // level 3 now (5 VNFCs); scale in to 1 and back out to level 2 (+3 VNFCs): the first start
    // finishes, the other two are held, then one of them fails and the other finishes
    const back = await h.task(id, "scale_to_level", {
      scaleInfo: [{ aspectId: "gw_aspect", scaleLevel: 0 }],
    });
    await h.waitOcc(back, ["COMPLETED"]);
    const atZero = await h.instance(id);
    const holdReached = h.driver.holdStarts(1);
    const failing = await h.task(id, "scale_to_level", {
      scaleInfo: [{ aspectId: "gw_aspect", scaleLevel: 2 }],
    });
    await holdReached;
    h.driver.failNextStarts = 1;
    h.driver.release();
    const failed = await h.waitOcc(failing, ["FAILED_TEMP"]);
    const added: any[] = failed.resourceChanges.affectedVnfcs;
    expect(added.map((a) => a.changeType)).toEqual(["ADDED", "ADDED"]);
    expect((await h.client.post(`/vnflcm/v2/vnf_lcm_op_occs/${failing}/rollback`)).status).toBe(202);
    const rolled = await h.waitOcc(failing, ["ROLLED_BACK", "FAILED_TEMP"]);
    expect(rolled.operationState).toBe("ROLLED_BACK");
    const after = await h.instance(id);
    expect(vnfcs(after).map((v) => v.id)).toEqual(vnfcs(atZero).map((v) => v.id));
    expect(after.instantiatedVnfInfo.scaleStatus[0].scaleLevel).toBe(0);
    for (const vnfc of added) expect(pidAlive(vnfc.metadata.pid)).toBe(false);
    expect(h.sink.occStates(failing)).toEqual([
      "START:STARTING",
      "START:PROCESSING",
      "RESULT:FAILED_TEMP",
      "START:ROLLING_BACK",
      "RESULT:ROLLED_BACK",
    ]);
    expect(before.id).toBe(id);
  });

  it("fail moves FAILED_TEMP to FAILED (200 with the occurrence) and frees the instance", async () => {
    h.driver.failNextStarts = 1;
    const occ = await h.task(id, "scale", { type: "SCALE_OUT", aspectId: "gw_aspect" });
    await h.waitOcc(occ, ["FAILED_TEMP"]);
    const failed = await h.client.post(`/vnflcm/v2/vnf_lcm_op_occs/${occ}/fail`);
    expect(failed.status).toBe(200);
    expect(failed.body.operationState).toBe("FAILED");
    await h.sink.waitFor(() => h.sink.occStates(occ).includes("RESULT:FAILED"));
    const next = await h.task(id, "scale_to_level", {
      scaleInfo: [{ aspectId: "gw_aspect", scaleLevel: 0 }],
    });
    expect((await h.waitOcc(next, ["COMPLETED"])).operationState).toBe("COMPLETED");
  });

  it("cancel of a PROCESSING occurrence stops it at the next step in FAILED_TEMP; rollback then restores", async () => {
    const holdReached = h.driver.holdStarts(0);
    const occ = await h.task(id, "scale_to_level", { instantiationLevelId: "large" });
    await holdReached;
    const cancelled = await h.client.post(`/vnflcm/v2/vnf_lcm_op_occs/${occ}/cancel`, {
      cancelMode: "FORCEFUL",
    });
    expect(cancelled.status).toBe(202);
    const pending = await h.client.get(`/vnflcm/v2/vnf_lcm_op_occs/${occ}`);
    expect(pending.body.isCancelPending).toBe(true);
    expect(pending.body.cancelMode).toBe("FORCEFUL");
    h.driver.release();
    const failed = await h.waitOcc(occ, ["FAILED_TEMP"]);
    expect(failed.error.detail).toContain("cancelled");
    expect(failed.isCancelPending).toBe(false);
    await h.client.post(`/vnflcm/v2/vnf_lcm_op_occs/${occ}/rollback`);
    expect((await h.waitOcc(occ, ["ROLLED_BACK"])).operationState).toBe("ROLLED_BACK");
    expect(vnfcs(await h.instance(id))).toHaveLength(1);
  });

  it("a VNFM restart in the middle of a scale leaves FAILED_TEMP with the reason; retry completes it", async () => {
    const holdReached = h.driver.holdStarts(1);
    const occ = await h.task(id, "scale", { type: "SCALE_OUT", aspectId: "gw_aspect", numberOfSteps: 2 });
    await holdReached;
    const midway = await h.client.get(`/vnflcm/v2/vnf_lcm_op_occs/${occ}`);
    expect(midway.body.operationState).toBe("PROCESSING");
    for (let i = 0; i < 100 && vnfcs(await h.instance(id)).length < 2; i++)
      await new Promise((resolve) => setTimeout(resolve, 50)); // the start let through is recorded
    await h.restart();
    const after = await h.client.get(`/vnflcm/v2/vnf_lcm_op_occs/${occ}`);
    expect(after.body.operationState).toBe("FAILED_TEMP");
    expect(after.body.error.detail).toContain("VNFM restarted");
    const instance = await h.instance(id);
    expect(vnfcs(instance)).toHaveLength(2);
    for (const v of vnfcs(instance)) expect(pidAlive(v.metadata.pid)).toBe(true);
    expect((await h.client.post(`/vnflcm/v2/vnf_lcm_op_occs/${occ}/retry`)).status).toBe(202);
    await h.waitOcc(occ, ["COMPLETED"]);
    const done = await h.instance(id);
    expect(vnfcs(done)).toHaveLength(4);
    expect(done.instantiatedVnfInfo.scaleStatus[0].scaleLevel).toBe(2);
    await h.sink.waitFor(() => h.sink.occStates(occ).includes("RESULT:COMPLETED"));
    expect(h.sink.occStates(occ)).toContain("RESULT:FAILED_TEMP");
  });
});
