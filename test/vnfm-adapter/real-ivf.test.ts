/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are conformance-checked by the client */
/**
 * The local-process VIM running a REAL IVF: each VNFC is `ivf run field-gateway` (the runtime
 * kit's startIvf with the embedded bus and store), gated on its own /readyz, drained on scale-in.
 */
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pidAlive } from "../../vnfm-adapter/infra-drivers/local-process/vnfc-process.js";
import { referenceAvailable } from "../support/reference.js";
import { Harness } from "./support/harness.js";

describe.runIf(referenceAvailable())("VNFCs running the field-gateway IVF", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await new Harness({
      vnfcCommand: [process.execPath, "--import", "tsx", resolve("vnfs/cli/main.ts"), "run", "{function}"],
      readyTimeoutMs: 90_000,
      defaultGraceMs: 15_000,
    }).start();
    await h.onboard();
  }, 120_000);
  afterAll(async () => h.close(), 120_000);

  it("instantiates, scales out and in, and terminates real IVF processes", async () => {
    const id = await h.createInstance();
    const occ = await h.task(id, "instantiate", {
      flavourId: "default",
      additionalParams: { IVF_LOG_LEVEL: "warn" },
    });
    expect((await h.waitOcc(occ, ["COMPLETED", "FAILED_TEMP"], "v2", 100_000)).operationState).toBe(
      "COMPLETED",
    );
    const [vnfc] = (await h.instance(id)).instantiatedVnfInfo.vnfcResourceInfo;
    const ready = (await (await fetch(`http://127.0.0.1:${vnfc.metadata.port}/readyz`)).json()) as any;
    expect(ready.checks).toHaveProperty("bus");
    const out = await h.task(id, "scale", { type: "SCALE_OUT", aspectId: "gw_aspect" });
    expect((await h.waitOcc(out, ["COMPLETED", "FAILED_TEMP"], "v2", 100_000)).operationState).toBe(
      "COMPLETED",
    );
    const two = (await h.instance(id)).instantiatedVnfInfo.vnfcResourceInfo;
    expect(two).toHaveLength(2);
    const back = await h.task(id, "scale", { type: "SCALE_IN", aspectId: "gw_aspect" });
    await h.waitOcc(back, ["COMPLETED"], "v2", 60_000);
    expect(pidAlive(two[1].metadata.pid)).toBe(false);
    const term = await h.task(id, "terminate", {
      terminationType: "GRACEFUL",
      gracefulTerminationTimeout: 15,
    });
    await h.waitOcc(term, ["COMPLETED"], "v2", 60_000);
    expect(pidAlive(vnfc.metadata.pid)).toBe(false);
  }, 300_000);
});
