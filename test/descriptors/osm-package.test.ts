import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import yaml from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listIvfModels } from "../../descriptors/index.js";
import { referenceAvailable, referencePath } from "../support/reference.js";
import { readTarGz, type TarMember } from "./support/archives.js";
import { buildInTemp } from "./support/built-packages.js";
import { parseTree, toRfc7951 } from "./support/rfc7951.js";
import { yanglintAvailable } from "./support/tools.js";
import { nsdModules, prepareYangWorkspace, vnfdModules } from "./support/yang-workspace.js";

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.skipIf(!referenceAvailable())("OSM packages built from the models", () => {
  let dir = "";
  const packages = new Map<string, TarMember[]>();
  beforeAll(async () => {
    const built = await buildInTemp({ formats: ["osm"] });
    dir = built.dir;
    for (const file of built.files) packages.set(basename(file), await readTarGz(readFileSync(file)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const descriptorOf = (members: TarMember[]) => {
    const top = members[0]?.name.split("/")[0] ?? "";
    const found = members.filter(
      (member) =>
        member.type === "file" && member.name.split("/").length === 2 && /\.(ya?ml|json)$/.test(member.name),
    );
    return { top, found };
  };

  it("a VM VNF, a KNF per IVF and the NS, each with one top dir and exactly one descriptor at depth 2", () => {
    expect([...packages.keys()].sort()).toEqual(
      [
        ...listIvfModels().flatMap((name) => [`${name}_knf.tar.gz`, `${name}_vnf.tar.gz`]),
        "iot-platform_ns.tar.gz",
      ].sort(),
    );
    for (const [name, members] of packages) {
      const { top, found } = descriptorOf(members);
      expect(
        members.every((member) => member.name === `${top}/` || member.name.startsWith(`${top}/`)),
        name,
      ).toBe(true);
      expect(found, name).toHaveLength(1);
      expect(
        members.every(
          (member) => member.uid === 0 && member.mtime.toISOString() === "2026-11-27T00:00:00.000Z",
        ),
      ).toBe(true);
    }
  });

  it("checksums.txt lists the md5 of every other file as osmclient writes it", () => {
    for (const [name, members] of packages) {
      const { top } = descriptorOf(members);
      const checksums =
        members.find((member) => member.name === `${top}/checksums.txt`)?.content.toString() ?? "";
      const files = members.filter(
        (member) => member.type === "file" && member.name !== `${top}/checksums.txt`,
      );
      const expected = files
        .map((member) => `${createHash("md5").update(member.content).digest("hex")}\t${member.name}`)
        .sort();
      expect(checksums.trim().split("\n").sort(), name).toEqual(expected);
    }
  });

  it("the VM VNFD exports KPIs the way OSM autoscaling reads them", () => {
    const members = packages.get("field-gateway_vnf.tar.gz") as TarMember[];
    const vnfd = (yaml.load(descriptorOf(members).found[0]?.content.toString() ?? "") as Doc).vnfd;
    expect(vnfd).toMatchObject({ id: "field-gateway", "mgmt-cp": "mgmt-ext", "vnfm-info": ["osm"] });
    const df = vnfd.df[0];
    expect(df["exporters-endpoints"]).toEqual({
      "metric-path": "/metrics",
      "metric-port": 8080,
      "external-connection-point-ref": "mgmt-ext",
    });
    const params = vnfd.vdu[0]["monitoring-parameter"] as Doc[];
    expect(params.map((param) => param["performance-metric"])).toEqual(
      expect.arrayContaining(["kpi_backlog", "kpi_oldest_message_age", "kpi_utilization"]),
    );
    const policies = df["scaling-aspect"][0]["scaling-policy"] as Doc[];
    expect(policies.map((policy) => policy.name)).toEqual([
      "gateway-load-scale-out",
      "gateway-load-scale-in",
    ]);
    expect(policies[0]).toMatchObject({
      "scale-out-operation-type": "OR",
      "threshold-time": 1,
      "cooldown-time": 1,
    });
    expect(policies[1]).toMatchObject({
      "scale-in-operation-type": "AND",
      "threshold-time": 5,
      "cooldown-time": 3,
    });
    const refs = new Set(params.map((param) => param.id));
    for (const policy of policies)
      for (const criterion of policy["scaling-criteria"])
        expect(refs.has(criterion["vnf-monitoring-param-ref"])).toBe(true);
    expect(members.map((member) => member.name)).toEqual(
      expect.arrayContaining([
        "field-gateway_vnf/exporter-endpoint/prometheus.j2",
        "field-gateway_vnf/cloud_init/field-gateway-gateway-cloud-config.txt",
      ]),
    );
  });

  it("the KNF ships its Helm chart under helm-charts/", () => {
    const members = packages.get("data-store_knf.tar.gz") as TarMember[];
    const vnfd = (yaml.load(descriptorOf(members).found[0]?.content.toString() ?? "") as Doc).vnfd;
    expect(vnfd.kdu[0]).toMatchObject({
      name: "data-store",
      "helm-chart": "data-store",
      "helm-version": "v3",
    });
    expect(members.map((member) => member.name)).toContain(
      "data-store_knf/helm-charts/data-store/Chart.yaml",
    );
    const deployment =
      members.find((member) => member.name.endsWith("-deployment.yaml"))?.content.toString() ?? "";
    expect(deployment).toMatch(/command:\n\s+- ivf\n\s+args:\n\s+- run\n\s+- data-store\n/);
    expect(deployment).toContain("replicas: {{ .Values.store.replicas }}");
    const values = yaml.load(
      members.find((member) => member.name.endsWith("/values.yaml"))?.content.toString() ?? "",
    ) as Doc;
    // rendered as Helm would with default values, the manifest is a valid Deployment
    const rendered = yaml.load(
      deployment.replace(/\{\{ \.Values\.([\w.]+) \}\}/g, (_match, path: string) =>
        JSON.stringify(path.split(".").reduce((node: Doc, key) => node[key], values)),
      ),
    ) as Doc;
    expect(rendered.spec.replicas).toBe(1);
    expect(rendered.spec.template.spec.containers[0]).toMatchObject({
      image: "ghcr.io/openiotvf/ivf-runtime:0.1.0",
      readinessProbe: { httpGet: { path: "/readyz", port: "http" } },
      resources: { requests: { cpu: "2", memory: "2048Mi" } },
    });
    expect(rendered.spec.template.spec.containers[0].env).toContainEqual({
      name: "IVF_HTTP_PORT",
      value: "8080",
    });
  });

  describe.skipIf(!yanglintAvailable())("yanglint, strict, against SOL006 v2.6.1 + OSM IM", () => {
    let workspace = "";
    const validate = (
      modules: string[],
      rootModule: string,
      document: Doc,
      label: string,
      dropUnknown = false,
    ): void => {
      const tree = execFileSync(
        "yanglint",
        ["-ii", "-p", workspace, "-f", "tree", ...modules.map((module) => join(workspace, module))],
        { stdio: ["ignore", "pipe", "ignore"] },
      ).toString();
      const file = join(workspace, `${label}.json`);
      writeFileSync(
        file,
        JSON.stringify(toRfc7951(document, parseTree(tree, rootModule), rootModule, dropUnknown)),
      );
      try {
        execFileSync(
          "yanglint",
          [
            "-ii",
            "-p",
            workspace,
            "-t",
            "config",
            "-f",
            "json",
            ...modules.map((module) => join(workspace, module)),
            file,
          ],
          { stdio: ["ignore", "pipe", "pipe"] },
        );
      } catch (error) {
        const stderr = String((error as { stderr?: Buffer }).stderr ?? error);
        throw new Error(
          `${label}: ${stderr
            .split("\n")
            .filter((line) => !line.includes("warn"))
            .join("\n")}`,
        );
      }
    };
    beforeAll(() => {
      workspace = prepareYangWorkspace(referencePath("osm-im"));
    });
    afterAll(() => rmSync(workspace, { recursive: true, force: true }));

    it("every VM VNFD is valid", () => {
      for (const name of listIvfModels()) {
        const members = packages.get(`${name}_vnf.tar.gz`) as TarMember[];
        validate(
          vnfdModules,
          "etsi-nfv-vnfd",
          yaml.load(descriptorOf(members).found[0]?.content.toString() ?? "") as Doc,
          name,
        );
      }
    });

    it("the NSD is valid, with its VNFDs in the same data tree so vnfd-id leafrefs resolve", () => {
      const members = packages.get("iot-platform_ns.tar.gz") as TarMember[];
      const nsd = (yaml.load(descriptorOf(members).found[0]?.content.toString() ?? "") as Doc).nsd;
      // OSM keeps VNFDs apart and checks vnfd-id in NBI; strict SOL006 wants them beside the NSD.
      const vnfds = listIvfModels().map(
        (name) =>
          (
            yaml.load(
              descriptorOf(packages.get(`${name}_vnf.tar.gz`) as TarMember[]).found[0]?.content.toString() ??
                "",
            ) as Doc
          ).vnfd,
      );
      validate(nsdModules, "etsi-nfv-nsd", { nsd: { vnfd: vnfds, nsd: nsd.nsd } }, "iot-platform", true);
    });

    it("a KNF fails only on SOL006's vdu min-elements (the known KDU-only limitation)", () => {
      const members = packages.get("identity_knf.tar.gz") as TarMember[];
      expect(() =>
        validate(
          vnfdModules,
          "etsi-nfv-vnfd",
          yaml.load(descriptorOf(members).found[0]?.content.toString() ?? "") as Doc,
          "identity-knf",
        ),
      ).toThrow(/Too few "(vdu|vdu-profile|instantiation-level)" instances|count\(instantiation-level\) = 1/);
    });
  });
});
