/**
 * Routes of VNF LCM v2 (/vnflcm/v2, SOL003 v3.3.1, API version 2.0.0). Each route validates
 * the body against api-specs/vnflcm-v2.yaml and calls the v2 controller; unsupported methods
 * answer 405 on every resource.
 */
import express, { Router } from "express";
import type { VnflcmV2Controller } from "../controller/vnflcm-v2.js";
import { requireJsonAccept, requireJsonBody, resource, versionHeader } from "./http-guards.js";

export const V2_API_VERSION = "2.0.0";

const TASKS = [
  ["instantiate", "instantiate"],
  ["scale", "scale"],
  ["scale_to_level", "scaleToLevel"],
  ["change_flavour", "changeFlavour"],
  ["terminate", "terminate"],
  ["heal", "heal"],
  ["operate", "operate"],
  ["change_ext_conn", "changeExtConn"],
] as const;

export function vnflcmV2Router(controller: VnflcmV2Controller): Router {
  const router = Router();
  // Every answer, errors included, names the API version (SOL013 4.2).
  router.use((_req, res, next) => {
    res.setHeader("Version", V2_API_VERSION);
    next();
  });
  router.use(requireJsonAccept());
  router.use("/api_versions", versionHeader([V2_API_VERSION], false));
  resource(router, "/api_versions", { get: (_req, res) => controller.apiVersions(res) });
  router.use(versionHeader([V2_API_VERSION], true));
  router.use(requireJsonBody(["application/json", "application/merge-patch+json"]));
  router.use(express.json({ limit: "1mb", type: ["application/json", "application/merge-patch+json"] }));

  resource(router, "/vnf_instances", { get: controller.listInstances, post: controller.createInstance });
  resource(router, "/vnf_instances/:vnfInstanceId", {
    get: controller.getInstance,
    patch: controller.modifyInstance,
    delete: controller.deleteInstance,
  });
  for (const [path, operation] of TASKS) {
    resource(router, `/vnf_instances/:vnfInstanceId/${path}`, {
      post: (req, res) => controller.task(operation, req, res),
    });
  }
  resource(router, "/vnf_lcm_op_occs", { get: controller.listOpOccs });
  resource(router, "/vnf_lcm_op_occs/:vnfLcmOpOccId", { get: controller.getOpOcc });
  for (const action of ["retry", "rollback", "fail", "cancel"] as const) {
    resource(router, `/vnf_lcm_op_occs/:vnfLcmOpOccId/${action}`, {
      post: (req, res) => controller.occAction(action, req, res),
    });
  }
  resource(router, "/subscriptions", {
    get: controller.listSubscriptions,
    post: controller.createSubscription,
  });
  resource(router, "/subscriptions/:subscriptionId", {
    get: controller.getSubscription,
    delete: controller.deleteSubscription,
  });
  return router;
}
