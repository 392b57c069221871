/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are conformance-checked by the client */
/**
 * Every LCM operation end to end on the local-process VIM with real child processes: VNFD
 * scaling semantics (non-uniform deltas, bounds), notifications in SOL003 order, draining.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pidAlive } from "../../vnfm-adapter/infra-drivers/local-process/vnfc-process.js";
import { referenceAvailable } from "../support/reference.js";
import { Harness } from "./support/harness.js";

const events = (h: Harness) =>
  readFileSync(h.eventLog, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { id: string; event: string; pid: number });
const vnfcs = (instance: any): any[] => instance.instantiatedVnfInfo?.vnfcResourceInfo ?? [];

describe.runIf(referenceAvailable())("VNF LCM v2 workflows on the local-process VIM", () => {
  let h: Harness;
  let id: string;
  beforeAll(async () => {
    h = await new Harness().start();
    await h.onboard();
    await h.subscribe("v2");
    id = await h.createInstance();
  });
  afterAll(async () => h.close());

  it("instantiate at level 'large' starts 4 ready VNFCs and reports them in the RESULT notification", async () => {
    const occ = await h.task(id, "instantiate", { flavourId: "default", instantiationLevelId: "large" });
    expect((await h.waitOcc(occ, ["COMPLETED", "FAILED_TEMP"])).operationState).toBe("COMPLETED");
    const instance = await h.instance(id);
    expect(instance.instantiationState).toBe("INSTANTIATED");
    expect(instance.instantiatedVnfInfo.scaleStatus).toEqual([
      { aspectId: "gw_aspect", vnfdId: instance.vnfdId, scaleLevel: 2 },
    ]);
    expect(instance.instantiatedVnfInfo.maxScaleLevels[0].scaleLevel).toBe(3);
    expect(vnfcs(instance)).toHaveLength(4);
    expect(h.driver.maxStartsInFlight).toBe(4); // started in parallel, not one after another
    for (const v of vnfcs(instance)) {
      expect(v.computeResource.resourceId).toBe(v.id);
      expect(pidAlive(v.metadata.pid)).toBe(true);
    }
    await h.sink.waitFor(() => h.sink.occStates(occ).includes("RESULT:COMPLETED"));
    expect(h.sink.occStates(occ)).toEqual(["START:STARTING", "START:PROCESSING", "RESULT:COMPLETED"]);
    const result = h.sink.received.find(
      (r) => r.body.vnfLcmOpOccId === occ && r.body.notificationStatus === "RESULT",
    )!.body as any;
    expect(result.affectedVnfcs.map((a: any) => a.changeType)).toEqual(["ADDED", "ADDED", "ADDED", "ADDED"]);
    expect(result.affectedVnfcs[0].computeResource.vimConnectionId).toBe("local");
    const linked = await fetch(result._links.vnfInstance.href, { headers: { Version: "2.0.0" } });
    expect(((await linked.json()) as any).id).toBe(id);
  });

  it("instantiating again is refused with 409", async () => {
    const response = await h.client.post(`/vnflcm/v2/vnf_instances/${id}/instantiate`, {
      flavourId: "default",
    });
    expect(response.status).toBe(409);
  });

  it("scale out applies the non-uniform delta of step 3 (+1) and then refuses to pass max_scale_level", async () => {
    const occ = await h.task(id, "scale", {
      type: "SCALE_OUT",
      aspectId: "gw_aspect",
      additionalParams: { isAutomaticInvocation: true, triggeredBy: "ivf-monitor" },
    });
    expect((await h.waitOcc(occ, ["COMPLETED"])).isAutomaticInvocation).toBe(true);
    await h.sink.waitFor(() => h.sink.occStates(occ).includes("RESULT:COMPLETED"));
    expect(
      h.sink.received
        .filter((r) => r.body.vnfLcmOpOccId === occ)
        .every((r) => r.body.isAutomaticInvocation === true),
    ).toBe(true);
    const instance = await h.instance(id);
    expect(instance.instantiatedVnfInfo.scaleStatus[0].scaleLevel).toBe(3);
    expect(vnfcs(instance)).toHaveLength(5);
    const refused = await h.client.post(`/vnflcm/v2/vnf_instances/${id}/scale`, {
      type: "SCALE_OUT",
      aspectId: "gw_aspect",
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain("max_scale_level 3");
    expect(refused.body.bound).toBe("max_scale_level");
  });

  it("scale in by two steps removes 1 + 2 VNFCs, newest first, each drained with SIGTERM", async () => {
    const before = vnfcs(await h.instance(id)).map((v) => v.id);
    const occ = await h.task(id, "scale", { type: "SCALE_IN", aspectId: "gw_aspect", numberOfSteps: 2 });
    const done = await h.waitOcc(occ, ["COMPLETED"]);
    const after = vnfcs(await h.instance(id)).map((v) => v.id);
    expect(after).toEqual(before.slice(0, 2));
    const removed = done.resourceChanges.affectedVnfcs
      .filter((a: any) => a.changeType === "REMOVED")
      .map((a: any) => a.id);
    expect(removed.sort()).toEqual(before.slice(2).sort());
    const drained = events(h)
      .filter((e) => e.event === "drained")
      .map((e) => e.id);
    for (const gone of removed) expect(drained).toContain(gone);
  });

  it("scale in below level 0 is refused with 409 naming the bound", async () => {
    const refused = await h.client.post(`/vnflcm/v2/vnf_instances/${id}/scale`, {
      type: "SCALE_IN",
      aspectId: "gw_aspect",
      numberOfSteps: 2,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain("below 0");
  });

  it("scale to level by instantiation level and by per-aspect level; beyond max_scale_level is 409", async () => {
    let occ = await h.task(id, "scale_to_level", { instantiationLevelId: "large" });
    await h.waitOcc(occ, ["COMPLETED"]);
    expect(vnfcs(await h.instance(id))).toHaveLength(4);
    occ = await h.task(id, "scale_to_level", { scaleInfo: [{ aspectId: "gw_aspect", scaleLevel: 0 }] });
    await h.waitOcc(occ, ["COMPLETED"]);
    const instance = await h.instance(id);
    expect(vnfcs(instance)).toHaveLength(1);
    expect(instance.instantiatedVnfInfo.scaleStatus[0].scaleLevel).toBe(0);
    const refused = await h.client.post(`/vnflcm/v2/vnf_instances/${id}/scale_to_level`, {
      scaleInfo: [{ aspectId: "gw_aspect", scaleLevel: 9 }],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain("exceeds max_scale_level 3");
    const unknown = await h.client.post(`/vnflcm/v2/vnf_instances/${id}/scale_to_level`, {
      scaleInfo: [{ aspectId: "no_such_aspect", scaleLevel: 1 }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain("gw_aspect");
  });

  it("operate STOPPED stops every process but keeps the VNFC ids; STARTED starts them again", async () => {
    const [vnfc] = vnfcs(await h.instance(id));
    let occ = await h.task(id, "operate", {
      changeStateTo: "STOPPED",
      stopType: "GRACEFUL",
      gracefulStopTimeout: 5,
    });
    await h.waitOcc(occ, ["COMPLETED"]);
    let instance = await h.instance(id);
    expect(instance.instantiatedVnfInfo.vnfState).toBe("STOPPED");
    expect(pidAlive(vnfc.metadata.pid)).toBe(false);
    expect(
      (await h.client.post(`/vnflcm/v2/vnf_instances/${id}/operate`, { changeStateTo: "STOPPED" })).status,
    ).toBe(409);
    occ = await h.task(id, "operate", { changeStateTo: "STARTED" });
    await h.waitOcc(occ, ["COMPLETED"]);
    instance = await h.instance(id);
    expect(instance.instantiatedVnfInfo.vnfState).toBe("STARTED");
    expect(vnfcs(instance)[0].id).toBe(vnfc.id);
    expect(pidAlive(vnfcs(instance)[0].metadata.pid)).toBe(true);
  });

  it("heal replaces a VNFC whose process died, keeping its id", async () => {
    const [vnfc] = vnfcs(await h.instance(id));
    process.kill(vnfc.metadata.pid, "SIGKILL");
    await new Promise((r) => setTimeout(r, 100));
    const occ = await h.task(id, "heal", { cause: "process died" });
    expect((await h.client.get(`/vnflcm/v2/vnf_lcm_op_occs/${occ}`)).body.isAutomaticInvocation).toBe(false);
    const done = await h.waitOcc(occ, ["COMPLETED"]);
    expect(done.resourceChanges.affectedVnfcs).toEqual([
      expect.objectContaining({ id: vnfc.id, changeType: "MODIFIED" }),
    ]);
    const [healed] = vnfcs(await h.instance(id));
    expect(healed.id).toBe(vnfc.id);
    expect(healed.metadata.pid).not.toBe(vnfc.metadata.pid);
    expect(pidAlive(healed.metadata.pid)).toBe(true);
  });

  it("change_ext_conn records the external virtual link", async () => {
    const occ = await h.task(id, "change_ext_conn", {
      extVirtualLinks: [{ id: "ext-1", resourceId: "net-a", extCps: [{ cpdId: "ext_cp" }] }],
    });
    await h.waitOcc(occ, ["COMPLETED"]);
    const instance = await h.instance(id);
    expect(instance.instantiatedVnfInfo.extVirtualLinkInfo).toEqual([
      { id: "ext-1", resourceHandle: { resourceId: "net-a" }, currentVnfExtCpData: [{ cpdId: "ext_cp" }] },
    ]);
  });

  it("PATCH merges metadata under If-Match; a stale ETag is refused with 412", async () => {
    const read = await h.client.get(`/vnflcm/v2/vnf_instances/${id}`);
    const etag = read.headers.get("etag")!;
    const patched = await h.client.call("PATCH", `/vnflcm/v2/vnf_instances/${id}`, {
      body: { vnfInstanceName: "gw-renamed", metadata: { site: "plant-7" } },
      contentType: "application/merge-patch+json",
      headers: { "If-Match": etag },
    });
    expect(patched.status).toBe(202);
    const done = await h.waitOcc(patched.headers.get("location")!.split("/").pop()!, ["COMPLETED"]);
    expect(done.operation).toBe("MODIFY_INFO");
    expect(done.changedInfo).toEqual({ vnfInstanceName: "gw-renamed", metadata: { site: "plant-7" } });
    expect((await h.instance(id)).metadata).toEqual({ site: "plant-7" });
    const stale = await h.client.call("PATCH", `/vnflcm/v2/vnf_instances/${id}`, {
      body: { vnfInstanceName: "x" },
      contentType: "application/merge-patch+json",
      headers: { "If-Match": etag },
    });
    expect(stale.status).toBe(412);
  });

  it("change_flavour replaces the VNFCs by those of the new flavour", async () => {
    const occ = await h.task(id, "change_flavour", { newFlavourId: "ha" });
    await h.waitOcc(occ, ["COMPLETED"]);
    const instance = await h.instance(id);
    expect(instance.instantiatedVnfInfo.flavourId).toBe("ha");
    expect(vnfcs(instance).map((v) => v.vduId)).toEqual(["gw_ha", "gw_ha"]);
    expect(instance.instantiatedVnfInfo.scaleStatus).toEqual([
      { aspectId: "ha_aspect", vnfdId: instance.vnfdId, scaleLevel: 0 },
    ]);
  });

  it("graceful terminate drains every VNFC, then the identifier can be deleted", async () => {
    const pids = vnfcs(await h.instance(id)).map((v) => v.metadata.pid);
    const occ = await h.task(id, "terminate", { terminationType: "GRACEFUL", gracefulTerminationTimeout: 5 });
    await h.waitOcc(occ, ["COMPLETED"]);
    const instance = await h.instance(id);
    expect(instance.instantiationState).toBe("NOT_INSTANTIATED");
    expect(instance.instantiatedVnfInfo).toBeUndefined();
    for (const pid of pids) expect(pidAlive(pid)).toBe(false);
    const drainedPids = events(h)
      .filter((e) => e.event === "drained")
      .map((e) => e.pid);
    for (const pid of pids) expect(drainedPids).toContain(pid);
    expect((await h.client.call("DELETE", `/vnflcm/v2/vnf_instances/${id}`)).status).toBe(204);
    await h.sink.waitFor((all) =>
      all.some(
        (r) => r.body.notificationType === "VnfIdentifierDeletionNotification" && r.body.vnfInstanceId === id,
      ),
    );
    expect((await h.client.get(`/vnflcm/v2/vnf_instances/${id}`)).status).toBe(404);
  });
});
