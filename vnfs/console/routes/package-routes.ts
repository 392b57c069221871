/**
 * Packages page: the VNF packages onboarded in the VNFM (`vnfpkgm/v2`, SOL003 10.4.2) with the
 * package validator's findings for each (see backend/package-findings.ts).
 */
import type { Express } from "express";
import type { PackageFindingsCache } from "../backend/package-findings.js";
import { param, type ConsoleDeps, type Guard } from "./route-kit.js";

interface VnfPackage {
  id: string;
  vnfdId?: string;
  vnfProductName?: string;
  vnfSoftwareVersion?: string;
  vnfdVersion?: string;
  vnfProvider?: string;
  onboardingState: string;
  operationalState: string;
  usageState?: string;
  checksum?: { algorithm: string; hash: string };
}

export function registerPackageRoutes(
  app: Express,
  deps: ConsoleDeps,
  guard: Guard,
  cache: PackageFindingsCache,
): void {
  app.get(
    "/api/packages",
    guard("reader", async (_session, _req, res) => {
      const { body } = await deps.vnfm.request<VnfPackage[]>("pkgm", "GET", "/vnfpkgm/v2/vnf_packages");
      res.json(
        body.map((pkg) => ({
          id: pkg.id,
          vnfdId: pkg.vnfdId,
          vnfProductName: pkg.vnfProductName,
          vnfProvider: pkg.vnfProvider,
          vnfSoftwareVersion: pkg.vnfSoftwareVersion,
          vnfdVersion: pkg.vnfdVersion,
          onboardingState: pkg.onboardingState,
          operationalState: pkg.operationalState,
          usageState: pkg.usageState,
        })),
      );
    }),
  );

  app.get(
    "/api/packages/:id/findings",
    guard("reader", async (_session, req, res) => {
      const id = param(req, "id");
      const { body } = await deps.vnfm.request<VnfPackage>("pkgm", "GET", `/vnfpkgm/v2/vnf_packages/${id}`);
      if (body.onboardingState !== "ONBOARDED" || !body.checksum)
        return void res.json({ valid: false, findings: [], note: `package is ${body.onboardingState}` });
      res.json(await cache.findings(id, body.checksum.hash));
    }),
  );
}
