/**
 * Onboards one VNF package through the VNFM's own package management API, as an NFVO would
 * (SOL005-style vnfpkgm/v2 on our VNFM): create the VnfPkgInfo, PUT the CSAR as
 * package_content, then wait for ONBOARDED + ENABLED and return the vnfdId.
 */
import { readFileSync } from "node:fs";
import type { VnfmClient } from "./vnfm-client.js";

interface VnfPkgInfo {
  id: string;
  vnfdId?: string;
  onboardingState: string;
  operationalState: string;
  vnfProductName?: string;
}

export async function onboardPackage(
  client: VnfmClient,
  csarPath: string,
): Promise<{ pkgId: string; vnfdId: string }> {
  const created = await client.request<VnfPkgInfo>("pkgm", "POST", "/vnfpkgm/v2/vnf_packages", {
    json: { userDefinedData: { source: "ivf up" } },
    expect: [201],
  });
  const pkgId = created.body.id;
  await client.request("pkgm", "PUT", `/vnfpkgm/v2/vnf_packages/${pkgId}/package_content`, {
    body: readFileSync(csarPath),
    contentType: "application/zip",
    expect: [202],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { body } = await client.request<VnfPkgInfo>("pkgm", "GET", `/vnfpkgm/v2/vnf_packages/${pkgId}`);
    if (body.onboardingState === "ONBOARDED" && body.operationalState === "ENABLED" && body.vnfdId)
      return { pkgId, vnfdId: body.vnfdId };
    if (body.onboardingState === "ERROR")
      throw new Error(`package ${csarPath} was rejected during onboarding (package ${pkgId} in ERROR)`);
    if (Date.now() > deadline)
      throw new Error(`package ${pkgId} still ${body.onboardingState}/${body.operationalState} after 60 s`);
    await new Promise((done) => setTimeout(done, 200));
  }
}
