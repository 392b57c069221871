import { randomUUID } from "node:crypto";
import { Router } from "express";
import type { Collection } from "../../../vnfs/runtime-kit/store/document-store.js";
import { apiError } from "../common/api-error.js";
import type { ApiContext } from "../common/api-context.js";
import { allowOnly, created, filtered, requireMediaType } from "../common/http.js";
import type { SpecSchemas } from "../common/spec-schemas.js";
import { checkTargets } from "./pm-targets.js";
import type { CreateThresholdRequest, ThresholdModifications, ThresholdRecord } from "./pm-records.js";
import { thresholdFilterPaths, thresholdView } from "./pm-views.js";

/** SOL003 6.4.5 (thresholds) and 6.4.6 (individual threshold). */
export function thresholdsRouter(
  context: ApiContext,
  schemas: SpecSchemas,
  thresholds: Collection<ThresholdRecord>,
  onDelete: (id: string) => void,
): Router {
  const router = Router();
  allowOnly(router, "/thresholds", ["GET", "POST"]);
  allowOnly(router, "/thresholds/:thresholdId", ["GET", "PATCH", "DELETE"]);

  router.post("/thresholds", async (req, res) => {
    requireMediaType(req, ["application/json"]);
    const request = schemas.check<CreateThresholdRequest>("CreateThresholdRequest", req.body);
    checkTargets(context, request.objectType, [request.objectInstanceId], request.subObjectInstanceIds, [
      request.criteria.performanceMetric,
    ]);
    if (context.testCallbacks) await context.sender.testCallback(request);
    const record: ThresholdRecord = {
      id: randomUUID(),
      objectType: request.objectType,
      objectInstanceId: request.objectInstanceId,
      ...(request.subObjectInstanceIds ? { subObjectInstanceIds: request.subObjectInstanceIds } : {}),
      criteria: request.criteria,
      callbackUri: request.callbackUri,
      ...(request.authentication ? { authentication: request.authentication } : {}),
      createdAt: new Date().toISOString(),
    };
    await thresholds.insert(record);
    const view = thresholdView(record, context);
    created(res, view._links.self.href, view);
  });

  router.get("/thresholds", async (req, res) => {
    const all = await thresholds.find({ orderBy: [{ field: "createdAt" }], limit: 10_000 });
    res.json(
      filtered(
        req,
        all.map((record) => thresholdView(record, context)),
        thresholdFilterPaths,
      ),
    );
  });

  router.get("/thresholds/:thresholdId", async (req, res) => {
    res.json(thresholdView(await load(thresholds, req.params.thresholdId), context));
  });

  router.patch("/thresholds/:thresholdId", async (req, res) => {
    requireMediaType(req, ["application/merge-patch+json", "application/json"]);
    const record = await load(thresholds, req.params.thresholdId);
    const changes = schemas.check<ThresholdModifications>("ThresholdModifications", req.body);
    const { version, ...current } = record;
    const next: ThresholdRecord = {
      ...current,
      ...(changes.callbackUri ? { callbackUri: changes.callbackUri } : {}),
      ...(changes.authentication ? { authentication: changes.authentication } : {}),
    };
    if (changes.callbackUri && context.testCallbacks) await context.sender.testCallback(next);
    await thresholds.replace(next, { expectedVersion: version });
    res.json({ callbackUri: next.callbackUri });
  });

  router.delete("/thresholds/:thresholdId", async (req, res) => {
    const record = await load(thresholds, req.params.thresholdId);
    await thresholds.delete(record.id);
    onDelete(record.id);
    res.status(204).end();
  });
  return router;
}

async function load(thresholds: Collection<ThresholdRecord>, id: string) {
  const record = await thresholds.get(id);
  if (!record) throw apiError("NOT_FOUND", `no threshold ${id}`);
  return record;
}
