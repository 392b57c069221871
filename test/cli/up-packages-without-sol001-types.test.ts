import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPackages, listIvfModels } from "../../descriptors/index.js";
import { TypeFilesMissingError } from "../../descriptors/render/sol001/type-files.js";
import { onboardPackage } from "../../vnfs/cli/up/onboard.js";
import { VnfmClient } from "../../vnfs/cli/up/vnfm-client.js";
import { startVnfmHost, type VnfmHost } from "../../vnfs/cli/up/vnfm-host.js";
import { createLogger } from "../../vnfs/runtime-kit/logging/logger.js";
import { readZip } from "../descriptors/support/archives.js";

/**
 * `ivf up` on a clone without ../shared: ETSI's SOL001 type files are nowhere (the build's types
 * folder and the validator's reference folder both point at empty directories). The package
 * build must still produce CSARs, importing the official types by URL, and the VNFM must onboard
 * every one of them through vnfpkgm/v2, as `ivf up` does.
 */
const root = mkdtempSync(join(tmpdir(), "ivf-no-sol001-"));
const empty = join(root, "empty");
const saved = { reference: process.env.IVF_REFERENCE_DIR, types: process.env.IVF_SOL001_TYPES_DIR };
let host: VnfmHost;
let client: VnfmClient;

beforeAll(async () => {
  // The validator inside the VNFM reads its types folder from IVF_REFERENCE_DIR at each validation.
  process.env.IVF_REFERENCE_DIR = empty;
  process.env.IVF_SOL001_TYPES_DIR = empty;
  const logger = createLogger({ ivf: "test", instanceId: "test", level: "silent" });
  host = await startVnfmHost({
    dataDir: join(root, "vnfm"),
    port: 0,
    clientId: "test-nfvo",
    clientSecret: "test-secret-0123456789",
    vnfcEnv: {},
    readyTimeoutMs: 30_000,
    graceMs: 1000,
    logger,
  });
  client = new VnfmClient(host.url, { clientId: "test-nfvo", clientSecret: "test-secret-0123456789" });
}, 60_000);

afterAll(async () => {
  await host?.close(true);
  for (const [name, value] of [
    ["IVF_REFERENCE_DIR", saved.reference],
    ["IVF_SOL001_TYPES_DIR", saved.types],
  ] as const)
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  rmSync(root, { recursive: true, force: true });
});

describe("IVF packages without the ETSI SOL001 type files", () => {
  it("the default build still refuses, naming the missing files and where to put them", async () => {
    await expect(
      buildPackages({ formats: ["csar"], ivfs: ["identity"], outDir: join(root, "strict") }),
    ).rejects.toThrow(TypeFilesMissingError);
  });

  it("ivf up's build imports them by their official URL, says so, and the VNFM onboards every package", async () => {
    const notices: string[] = [];
    const csars = await buildPackages({
      formats: ["csar"],
      outDir: join(root, "packages"),
      includeNetworkService: false,
      missingTypes: "reference",
      onNotice: (notice) => notices.push(notice),
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("IVF_SOL001_TYPES_DIR");
    expect(csars).toHaveLength(listIvfModels().length);

    const entries = await readZip(
      readFileSync(csars.find((path) => path.endsWith("request-processor.csar"))!),
    );
    const names = [...entries.keys()];
    expect(names.filter((name) => name.includes("etsi_nfv_sol001"))).toEqual([]);
    const top = entries.get("Definitions/request_processor_top.vnfd.yaml")!.toString();
    expect(top).toContain(
      "- https://forge.etsi.org/rep/nfv/SOL001/raw/v2.6.1/etsi_nfv_sol001_vnfd_types.yaml",
    );

    const vnfdIds = [];
    for (const csar of csars) vnfdIds.push((await onboardPackage(client, csar)).vnfdId);
    expect(new Set(vnfdIds).size).toBe(csars.length);
  }, 180_000);
});
