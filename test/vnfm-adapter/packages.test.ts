/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are conformance-checked by the client */
/**
 * Package onboarding through vnfpkgm/v2: validation by the product's package validator with
 * findings in the ProblemDetails, VNFD and artifact downloads, enable/disable, delete rules.
 */
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceAvailable } from "../support/reference.js";
import { buildCsar, gatewayVnfd } from "./support/csar-builder.js";
import { Harness } from "./support/harness.js";

function zipNames(bytes: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: false }, (error, zip) => {
      if (error || !zip) return reject(error);
      const names: string[] = [];
      zip.on("entry", (e: yauzl.Entry) => names.push(e.fileName));
      zip.on("end", () => resolve(names));
    });
  });
}

describe.runIf(referenceAvailable())("VNF package management v2", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await new Harness().start();
  });
  afterAll(async () => h.close());

  it("onboards a valid CSAR: ONBOARDED, ENABLED, VNFD identity and checksum reported", async () => {
    const created = await h.client.post("/vnfpkgm/v2/vnf_packages", { userDefinedData: { owner: "ops" } });
    expect(created.status).toBe(201);
    expect(created.body.onboardingState).toBe("CREATED");
    const id = created.body.id;
    const csar = await buildCsar(gatewayVnfd(), { "Files/Tests/smoke.txt": "ok\n" });
    expect(
      (await h.client.call("PUT", `/vnfpkgm/v2/vnf_packages/${id}/package_content`, { rawBody: csar }))
        .status,
    ).toBe(202);
    const pkg = (await h.client.get(`/vnfpkgm/v2/vnf_packages/${id}`)).body;
    expect(pkg).toMatchObject({
      onboardingState: "ONBOARDED",
      operationalState: "ENABLED",
      usageState: "NOT_IN_USE",
      vnfdId: gatewayVnfd().vnfdId,
      vnfProvider: "IVF Test",
      vnfmInfo: ["etsivnfm:v3.3.1"],
    });
    expect(pkg.checksum.algorithm).toBe("SHA-256");
    expect(pkg.additionalArtifacts.map((a: any) => a.artifactPath)).toContain("Files/Tests/smoke.txt");
    const content = await h.client.get(`/vnfpkgm/v2/vnf_packages/${id}/package_content`, {
      headers: { Accept: "application/zip" },
    });
    expect(content.raw.equals(csar)).toBe(true);
    const vnfd = await h.client.get(`/vnfpkgm/v2/vnf_packages/${id}/vnfd`, {
      headers: { Accept: "application/zip" },
    });
    expect((await zipNames(vnfd.raw)).sort()).toContain("Definitions/top.yaml");
    const artifact = await h.client.get(`/vnfpkgm/v2/vnf_packages/${id}/artifacts/Files/Tests/smoke.txt`, {
      headers: { Accept: "application/octet-stream" },
    });
    expect(artifact.raw.toString()).toBe("ok\n");
    expect((await h.client.get(`/vnfpkgm/v2/vnf_packages/${id}/artifacts/Files/none.txt`)).status).toBe(404);
    expect(
      (await h.client.call("PUT", `/vnfpkgm/v2/vnf_packages/${id}/package_content`, { rawBody: csar }))
        .status,
    ).toBe(409);
  });

  it("rejects a package the validator refuses with 422 listing the findings, and keeps it in ERROR", async () => {
    const created = await h.client.post("/vnfpkgm/v2/vnf_packages", {});
    const broken = await buildCsar(gatewayVnfd("7c2f0000-0000-4000-8000-00000000000b"), {
      "Definitions/df_ha.yaml": "tosca_definitions_version: tosca_simple_yaml_1_2\nnode_types: [unclosed\n",
    });
    const rejected = await h.client.call(
      "PUT",
      `/vnfpkgm/v2/vnf_packages/${created.body.id}/package_content`,
      { rawBody: broken },
    );
    expect(rejected.status).toBe(422);
    expect(
      rejected.body.findings.some(
        (f: any) =>
          f.severity === "error" &&
          f.location?.file === "Definitions/df_ha.yaml" &&
          f.rule.startsWith("IVF-"),
      ),
    ).toBe(true);
    const pkg = (await h.client.get(`/vnfpkgm/v2/vnf_packages/${created.body.id}`)).body;
    expect(pkg.onboardingState).toBe("ERROR");
    expect(pkg.onboardingFailureDetails.status).toBe(422);
    const noZip = await h.client.call("PUT", `/vnfpkgm/v2/vnf_packages/${created.body.id}/package_content`, {
      rawBody: Buffer.from("not a zip"),
    });
    expect(noZip.status).toBe(422);
    expect(noZip.body.detail).toContain("ZIP");
  });

  it("CreateVnfRequest needs an ENABLED package; an IN_USE package cannot be deleted", async () => {
    const [pkg] = (await h.client.get(`/vnfpkgm/v2/vnf_packages?filter=(eq,onboardingState,ONBOARDED)`)).body;
    const disabled = await h.client.call("PATCH", `/vnfpkgm/v2/vnf_packages/${pkg.id}`, {
      body: { operationalState: "DISABLED" },
      contentType: "application/merge-patch+json",
    });
    expect(disabled.status).toBe(200);
    const refused = await h.client.post("/vnflcm/v2/vnf_instances", { vnfdId: pkg.vnfdId });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain("enable it");
    await h.client.call("PATCH", `/vnfpkgm/v2/vnf_packages/${pkg.id}`, {
      body: { operationalState: "ENABLED" },
      contentType: "application/merge-patch+json",
    });
    const instance = await h.createInstance(pkg.vnfdId);
    expect((await h.client.get(`/vnfpkgm/v2/vnf_packages/${pkg.id}`)).body.usageState).toBe("IN_USE");
    await h.client.call("PATCH", `/vnfpkgm/v2/vnf_packages/${pkg.id}`, {
      body: { operationalState: "DISABLED" },
      contentType: "application/merge-patch+json",
    });
    expect((await h.client.call("DELETE", `/vnfpkgm/v2/vnf_packages/${pkg.id}`)).status).toBe(409);
    expect((await h.client.call("DELETE", `/vnflcm/v2/vnf_instances/${instance}`)).status).toBe(204);
    expect((await h.client.call("DELETE", `/vnfpkgm/v2/vnf_packages/${pkg.id}`)).status).toBe(204);
    expect((await h.client.get(`/vnfpkgm/v2/vnf_packages/${pkg.id}`)).status).toBe(404);
  });
});
