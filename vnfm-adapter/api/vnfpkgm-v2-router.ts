/** Routes of VNF package management v2 (/vnfpkgm/v2, API version 2.1.0, Version header required). */
import express, { Router } from "express";
import type { VnfpkgmV2Controller } from "../controller/vnfpkgm-v2.js";
import { requireJsonAccept, requireJsonBody, resource, versionHeader } from "./http-guards.js";

export const PKGM_API_VERSION = "2.1.0";

export function vnfpkgmV2Router(controller: VnfpkgmV2Controller, maxPackageBytes: number): Router {
  const router = Router();
  // Every answer, errors included, names the API version (SOL013 4.2).
  router.use((_req, res, next) => {
    res.setHeader("Version", PKGM_API_VERSION);
    next();
  });
  router.use(requireJsonAccept(["application/zip", "text/plain", "application/octet-stream"]));
  router.use("/api_versions", versionHeader([PKGM_API_VERSION], false));
  resource(router, "/api_versions", { get: (_req, res) => controller.apiVersions(res) });
  router.use(versionHeader([PKGM_API_VERSION], true));
  router.use(
    "/vnf_packages/:vnfPkgId/package_content",
    requireJsonBody(["application/zip", "application/octet-stream"]),
    express.raw({ type: ["application/zip", "application/octet-stream"], limit: maxPackageBytes }),
  );
  router.use(requireJsonBody(["application/json", "application/merge-patch+json"]));
  router.use(express.json({ limit: "256kb", type: ["application/json", "application/merge-patch+json"] }));
  resource(router, "/vnf_packages", { get: controller.list, post: controller.create });
  resource(router, "/vnf_packages/:vnfPkgId", {
    get: controller.get,
    patch: controller.modify,
    delete: controller.remove,
  });
  resource(router, "/vnf_packages/:vnfPkgId/package_content", {
    get: controller.content,
    put: controller.upload,
  });
  resource(router, "/vnf_packages/:vnfPkgId/vnfd", { get: controller.vnfd });
  resource(router, "/vnf_packages/:vnfPkgId/artifacts/*artifactPath", { get: controller.artifact });
  return router;
}
