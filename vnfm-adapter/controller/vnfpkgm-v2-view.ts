/**
 * VnfPkgInfo (SOL003 10.5.2.2 / SOL005 9.5.2.5) of the VNFM's own catalogue. Packages carry
 * digests in their manifest, so packageSecurityOption is OPTION_1 (SOL004 5.1).
 */
import type { VnfPackageRecord } from "../objects/models.js";

export function renderVnfPkgInfo(pkg: VnfPackageRecord, base: string): Record<string, unknown> {
  const self = `${base}/vnf_packages/${pkg.id}`;
  return {
    id: pkg.id,
    ...(pkg.vnfdId
      ? {
          vnfdId: pkg.vnfdId,
          vnfProvider: pkg.vnfProvider,
          vnfProductName: pkg.vnfProductName,
          vnfSoftwareVersion: pkg.vnfSoftwareVersion,
          vnfdVersion: pkg.vnfdVersion,
        }
      : {}),
    ...(pkg.checksum ? { checksum: pkg.checksum } : {}),
    packageSecurityOption: "OPTION_1",
    ...(pkg.artifacts?.length
      ? { additionalArtifacts: pkg.artifacts.map((a) => ({ ...a, isEncrypted: false })) }
      : {}),
    onboardingState: pkg.onboardingState,
    operationalState: pkg.operationalState,
    usageState: pkg.usageState,
    vnfmInfo: pkg.vnfmInfo?.length ? pkg.vnfmInfo : ["etsivnfm:v3.3.1"],
    ...(pkg.userDefinedData ? { userDefinedData: pkg.userDefinedData } : {}),
    ...(pkg.onboardingFailureDetails && pkg.onboardingState === "ERROR"
      ? { onboardingFailureDetails: pkg.onboardingFailureDetails }
      : {}),
    _links: {
      self: { href: self },
      ...(pkg.vnfdId ? { vnfd: { href: `${self}/vnfd` } } : {}),
      packageContent: { href: `${self}/package_content` },
    },
  };
}
