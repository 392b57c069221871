/**
 * Routes of VNF LCM v1 (/vnflcm/v1): the subset ONAP SO's SOL003 adapter calls, in SOL003
 * v2.4.1 shapes. No Version header is required (ONAP sends none); a given one is checked.
 */
import express, { Router } from "express";
import type { VnflcmV1Controller } from "../controller/vnflcm-v1.js";
import { requireJsonAccept, requireJsonBody, resource, versionHeader } from "./http-guards.js";

export const V1_API_VERSION = "1.1.1";

export function vnflcmV1Router(controller: VnflcmV1Controller): Router {
  const router = Router();
  router.use(requireJsonAccept());
  router.use(versionHeader([V1_API_VERSION, "1.3.0"], false));
  router.use(requireJsonBody());
  router.use(express.json({ limit: "1mb" }));
  resource(router, "/api_versions", { get: (_req, res) => controller.apiVersions(res) });
  // ONAP SO's subset (its SOL003-VNFLifecycleManagement-API.json): no list of instances on v1.
  resource(router, "/vnf_instances", { post: controller.createInstance });
  resource(router, "/vnf_instances/:vnfInstanceId", {
    get: controller.getInstance,
    delete: controller.deleteInstance,
  });
  resource(router, "/vnf_instances/:vnfInstanceId/instantiate", { post: controller.instantiate });
  resource(router, "/vnf_instances/:vnfInstanceId/terminate", { post: controller.terminate });
  resource(router, "/vnf_lcm_op_occs/:vnfLcmOpOccId", { get: controller.getOpOcc });
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
