/**
 * Lifecycle pages: the network service overview, one IVF (VNFC health, live KPIs, the SCALE
 * operations to mark on its charts), LCM operation occurrences and the operate buttons. Every
 * call is a SOL003 request to the VNFM with the platform's VNFM token.
 */
import type { Express } from "express";
import type { OpOcc, VnfInstance } from "../../cli/up/vnfm-client.js";
import { ConsoleError } from "../backend/console-error.js";
import { probeVnfc, vnfcKpis } from "../vnfc-probe.js";
import { param, type ConsoleDeps, type Guard } from "./route-kit.js";

type ScaleOpOcc = OpOcc & { operationParams?: { type?: string; aspectId?: string; numberOfSteps?: number } };

function summarize(instance: VnfInstance) {
  const info = instance.instantiatedVnfInfo;
  return {
    id: instance.id,
    name: instance.vnfInstanceName ?? instance.vnfProductName ?? instance.id,
    instantiationState: instance.instantiationState,
    vnfState: info?.vnfState,
    vnfcCount: info?.vnfcResourceInfo?.length ?? 0,
    scale: (info?.scaleStatus ?? []).map((status) => ({
      aspectId: status.aspectId,
      scaleLevel: status.scaleLevel,
      maxScaleLevel: info?.maxScaleLevels?.find((max) => max.aspectId === status.aspectId)?.scaleLevel,
    })),
    autoscale: instance.vnfConfigurableProperties?.isAutoscaleEnabled === true,
    autoheal: instance.vnfConfigurableProperties?.isAutohealEnabled === true,
  };
}

/** SCALE occurrences of one instance as chart marks: when, which way, started by whom, outcome. */
export function scaleEvents(occs: ScaleOpOcc[], instanceId: string) {
  return occs
    .filter((occ) => occ.vnfInstanceId === instanceId && occ.operation === "SCALE")
    .map((occ) => ({
      id: occ.id,
      at: Date.parse(occ.startTime ?? ""),
      direction: occ.operationParams?.type === "SCALE_IN" ? "in" : "out",
      automatic: occ.isAutomaticInvocation === true,
      state: occ.operationState,
    }))
    .filter((event) => Number.isFinite(event.at))
    .sort((a, b) => a.at - b.at);
}

export function registerLcmRoutes(app: Express, deps: ConsoleDeps, guard: Guard): void {
  const { vnfm } = deps;
  const instance = async (id: string) =>
    (await vnfm.request<VnfInstance>("lcm", "GET", `/vnflcm/v2/vnf_instances/${id}`)).body;

  app.get(
    "/api/overview",
    guard("reader", async (_session, _req, res) => {
      const { body } = await vnfm.request<VnfInstance[]>("lcm", "GET", "/vnflcm/v2/vnf_instances?all_fields");
      res.json(body.map(summarize));
    }),
  );

  app.get(
    "/api/instances/:id",
    guard("reader", async (_session, req, res) => {
      const id = param(req, "id");
      const [body, occs] = await Promise.all([
        instance(id),
        vnfm.request<ScaleOpOcc[]>("lcm", "GET", "/vnflcm/v2/vnf_lcm_op_occs"),
      ]);
      const vnfcs = await Promise.all((body.instantiatedVnfInfo?.vnfcResourceInfo ?? []).map(probeVnfc));
      res.json({ ...summarize(body), vnfcs, scaleEvents: scaleEvents(occs.body, id) });
    }),
  );

  app.get(
    "/api/instances/:id/vnfcs/:vnfc/kpis",
    guard("reader", async (_session, req, res) => {
      const body = await instance(param(req, "id"));
      const vnfcId = param(req, "vnfc");
      const vnfc = body.instantiatedVnfInfo?.vnfcResourceInfo?.find((entry) => entry.id === vnfcId);
      const port = vnfc?.metadata?.port;
      if (typeof port !== "number") throw new ConsoleError(404, `no VNFC ${vnfcId}`);
      res.json({ at: Date.now(), kpis: await vnfcKpis(port) });
    }),
  );

  app.get(
    "/api/op-occs",
    guard("reader", async (_session, _req, res) => {
      const { body } = await vnfm.request<OpOcc[]>("lcm", "GET", "/vnflcm/v2/vnf_lcm_op_occs");
      res.json(body.sort((a, b) => String(b.startTime).localeCompare(String(a.startTime))));
    }),
  );

  app.post(
    "/api/instances/:id/scale",
    guard("tenant-admin", async (_session, req, res) => {
      const { type, aspectId } = (req.body ?? {}) as Record<string, unknown>;
      if ((type !== "SCALE_OUT" && type !== "SCALE_IN") || typeof aspectId !== "string")
        throw new ConsoleError(400, "type SCALE_OUT|SCALE_IN and aspectId are required");
      const path = `/vnflcm/v2/vnf_instances/${param(req, "id")}/scale`;
      const started = await vnfm.request("lcm", "POST", path, {
        json: { type, aspectId, numberOfSteps: 1 },
        expect: [202],
      });
      res.status(202).json({ opOcc: started.location });
    }),
  );

  app.post(
    "/api/instances/:id/heal",
    guard("tenant-admin", async (_session, req, res) => {
      const started = await vnfm.request("lcm", "POST", `/vnflcm/v2/vnf_instances/${param(req, "id")}/heal`, {
        json: { cause: "requested from the ivf console" },
        expect: [202],
      });
      res.status(202).json({ opOcc: started.location });
    }),
  );

  app.post(
    "/api/op-occs/:id/:action",
    guard("tenant-admin", async (_session, req, res) => {
      const action = param(req, "action");
      if (action !== "retry" && action !== "rollback")
        throw new ConsoleError(400, "action is retry or rollback");
      await vnfm.request("lcm", "POST", `/vnflcm/v2/vnf_lcm_op_occs/${param(req, "id")}/${action}`, {
        expect: [202],
      });
      res.status(202).json({ ok: true });
    }),
  );
}
