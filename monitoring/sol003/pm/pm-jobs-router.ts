import { randomUUID } from "node:crypto";
import { Router } from "express";
import type { Collection } from "../../../vnfs/runtime-kit/store/document-store.js";
import { apiError } from "../common/api-error.js";
import type { ApiContext } from "../common/api-context.js";
import { allowOnly, created, filtered, requireMediaType } from "../common/http.js";
import type { SpecSchemas } from "../common/spec-schemas.js";
import { checkGroups, checkTargets } from "./pm-targets.js";
import type { CreatePmJobRequest, PmJobModifications, PmJobRecord, ReportRecord } from "./pm-records.js";
import { pmJobFilterPaths, pmJobView } from "./pm-views.js";

/** SOL003 6.4.2 (PM jobs), 6.4.3 (individual PM job), 6.4.4 (individual report). */
export function pmJobsRouter(
  context: ApiContext,
  schemas: SpecSchemas,
  jobs: Collection<PmJobRecord>,
  reports: Collection<ReportRecord>,
  onDelete: (id: string) => void,
): Router {
  const router = Router();
  allowOnly(router, "/pm_jobs", ["GET", "POST"]);
  allowOnly(router, "/pm_jobs/:pmJobId", ["GET", "PATCH", "DELETE"]);
  allowOnly(router, "/pm_jobs/:pmJobId/reports/:reportId", ["GET"]);

  router.post("/pm_jobs", async (req, res) => {
    requireMediaType(req, ["application/json"]);
    const request = schemas.check<CreatePmJobRequest>("CreatePmJobRequest", req.body);
    const { criteria } = request;
    if (!criteria.performanceMetric?.length && !criteria.performanceMetricGroup?.length) {
      throw apiError(
        "UNPROCESSABLE",
        "criteria needs performanceMetric or performanceMetricGroup (SOL003 6.5.3.3)",
      );
    }
    if (criteria.reportingPeriod % criteria.collectionPeriod !== 0) {
      throw apiError(
        "UNPROCESSABLE",
        `reportingPeriod ${criteria.reportingPeriod} must be a multiple of collectionPeriod ${criteria.collectionPeriod}`,
      );
    }
    checkGroups(criteria.performanceMetricGroup);
    checkTargets(
      context,
      request.objectType,
      request.objectInstanceIds,
      request.subObjectInstanceIds,
      criteria.performanceMetric ?? [],
    );
    const target = { callbackUri: request.callbackUri, authentication: request.authentication };
    if (context.testCallbacks) await context.sender.testCallback(target);
    const record: PmJobRecord = {
      id: randomUUID(),
      objectType: request.objectType,
      objectInstanceIds: request.objectInstanceIds,
      ...(request.subObjectInstanceIds ? { subObjectInstanceIds: request.subObjectInstanceIds } : {}),
      criteria,
      callbackUri: request.callbackUri,
      ...(request.authentication ? { authentication: request.authentication } : {}),
      reports: [],
      createdAt: new Date().toISOString(),
    };
    await jobs.insert(record);
    const view = pmJobView(record, context);
    created(res, view._links.self.href, view);
  });

  router.get("/pm_jobs", async (req, res) => {
    const all = await jobs.find({ orderBy: [{ field: "createdAt" }], limit: 10_000 });
    res.json(
      filtered(
        req,
        all.map((record) => pmJobView(record, context)),
        pmJobFilterPaths,
      ),
    );
  });

  router.get("/pm_jobs/:pmJobId", async (req, res) => {
    res.json(pmJobView(await load(jobs, req.params.pmJobId), context));
  });

  router.patch("/pm_jobs/:pmJobId", async (req, res) => {
    requireMediaType(req, ["application/merge-patch+json", "application/json"]);
    const record = await load(jobs, req.params.pmJobId);
    const changes = schemas.check<PmJobModifications>("PmJobModifications", req.body);
    const next = {
      ...record,
      ...(changes.callbackUri ? { callbackUri: changes.callbackUri } : {}),
      ...(changes.authentication ? { authentication: changes.authentication } : {}),
    };
    if (changes.callbackUri && context.testCallbacks) await context.sender.testCallback(next);
    await jobs.replace(strip(next), { expectedVersion: record.version });
    // SOL003 6.5.2.12: the response carries the modifications, never the credentials.
    res.json(changes.callbackUri ? { callbackUri: changes.callbackUri } : { callbackUri: next.callbackUri });
  });

  router.delete("/pm_jobs/:pmJobId", async (req, res) => {
    const record = await load(jobs, req.params.pmJobId);
    await reports.deleteMany({ pmJobId: record.id });
    await jobs.delete(record.id);
    onDelete(record.id);
    res.status(204).end();
  });

  router.get("/pm_jobs/:pmJobId/reports/:reportId", async (req, res) => {
    const record = await load(jobs, req.params.pmJobId);
    const report = await reports.get(req.params.reportId);
    if (!report || report.pmJobId !== record.id)
      throw apiError("NOT_FOUND", `PM job ${record.id} has no report ${req.params.reportId}`);
    res.json({ entries: report.entries });
  });
  return router;
}

async function load(jobs: Collection<PmJobRecord>, id: string) {
  const record = await jobs.get(id);
  if (!record) throw apiError("NOT_FOUND", `no PM job ${id}`);
  return record;
}

function strip<T extends { version?: number }>(record: T): Omit<T, "version"> {
  const { version: _version, ...rest } = record;
  return rest;
}
