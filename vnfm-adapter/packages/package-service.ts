/**
 * The VNFM's own package catalogue (SOL005-style vnfpkgm/v2 onboarding, SOL003 6 for reads):
 * create, upload package_content (checked by the csar reader, the VNFD reader and the product
 * validator), enable/disable, delete when DISABLED and NOT_IN_USE. CreateVnfRequest.vnfdId
 * resolves here to an ONBOARDED, ENABLED package.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Logger } from "../../vnfs/runtime-kit/logging/logger.js";
import { vnfmError } from "../errors.js";
import type { VnfdSource } from "../conductor/lcm-events.js";
import type { VnfPackageRecord } from "../objects/models.js";
import { withoutVersion, type VnfmRepositories } from "../objects/repositories.js";
import { readVnfd, VnfdError } from "../vnfd/vnfd-reader.js";
import type { VnfdModel } from "../vnfd/vnfd-model.js";
import { readCsar, type CsarLimits } from "./csar-reader.js";
import { validateCsar } from "./package-validator.js";

export class PackageService implements VnfdSource {
  private readonly vnfdCache = new Map<string, VnfdModel>();

  constructor(
    private readonly repos: VnfmRepositories,
    private readonly logger: Logger,
    private readonly limits: CsarLimits,
  ) {}

  async create(userDefinedData?: Record<string, unknown>): Promise<VnfPackageRecord> {
    const record: VnfPackageRecord = {
      id: randomUUID(),
      onboardingState: "CREATED",
      operationalState: "DISABLED",
      usageState: "NOT_IN_USE",
      ...(userDefinedData ? { userDefinedData } : {}),
    };
    await this.repos.packages.insert(record);
    return record;
  }

  async get(id: string): Promise<VnfPackageRecord> {
    const record = await this.repos.packages.get(id);
    if (!record) throw vnfmError("NOT_FOUND", `no VNF package ${id}`);
    const inUse = (await this.repos.instances.count({ vnfPkgId: id })) > 0;
    return { ...withoutVersion(record), usageState: inUse ? "IN_USE" : "NOT_IN_USE" };
  }

  async list(): Promise<VnfPackageRecord[]> {
    const all = await this.repos.packages.find({});
    return Promise.all(all.map((p) => this.get(p.id)));
  }

  async upload(id: string, bytes: Buffer): Promise<VnfPackageRecord> {
    const record = await this.get(id);
    if (record.onboardingState !== "CREATED" && record.onboardingState !== "ERROR") {
      throw vnfmError(
        "STATE_CONFLICT",
        `VNF package ${id} is ${record.onboardingState}; package content can be uploaded once, in CREATED (or after ERROR)`,
      );
    }
    try {
      const onboarded = await this.process(record, bytes);
      await this.repos.packages.replace(onboarded);
      return onboarded;
    } catch (error) {
      const problem =
        error instanceof Error && "status" in error
          ? { status: Number((error as { status: number }).status), detail: error.message }
          : { status: 500, detail: String(error) };
      await this.repos.packages.replace({
        ...record,
        onboardingState: "ERROR",
        onboardingFailureDetails: problem,
      });
      throw error;
    }
  }

  private async process(record: VnfPackageRecord, bytes: Buffer): Promise<VnfPackageRecord> {
    // The product validator first: its findings (SOL004/SOL001 rules with locations) are the
    // most useful answer; the VNFM's own reader then checks what lifecycle operations need.
    const report = await validateCsar(bytes, `${record.id}.csar`);
    const errors = report.findings.filter((f) => f.severity === "error");
    if (!report.valid || errors.length > 0) {
      throw vnfmError(
        "PACKAGE_REJECTED",
        `the package validator found ${errors.length} error(s); first: ${errors[0]?.message ?? "see findings"}`,
        { findings: report.findings },
      );
    }
    const csar = await readCsar(bytes, this.limits);
    let vnfd: VnfdModel;
    try {
      vnfd = readVnfd(csar.vnfdFiles);
    } catch (error) {
      if (!(error instanceof VnfdError)) throw error;
      throw vnfmError("PACKAGE_REJECTED", `the VNFD cannot be used: ${error.message}`, {
        findings: [
          {
            rule: "VNFM-VNFD",
            severity: "error",
            message: error.message,
            location: { file: csar.entryDefinitions },
          },
        ],
      });
    }
    const clash = (await this.repos.packages.find({ where: { vnfdId: vnfd.vnfdId } })).find(
      (p) => p.id !== record.id && p.onboardingState === "ONBOARDED",
    );
    if (clash)
      throw vnfmError("STATE_CONFLICT", `VNFD ${vnfd.vnfdId} is already onboarded as package ${clash.id}`);
    const hash = createHash("sha256");
    return {
      ...record,
      onboardingState: "ONBOARDED",
      operationalState: "ENABLED",
      vnfdId: vnfd.vnfdId,
      vnfProvider: vnfd.provider,
      vnfProductName: vnfd.productName,
      vnfSoftwareVersion: vnfd.softwareVersion,
      vnfdVersion: vnfd.vnfdVersion,
      vnfmInfo: vnfd.vnfmInfo.length ? vnfd.vnfmInfo : ["etsivnfm:v3.3.1"],
      checksum: { algorithm: "SHA-256", hash: hash.update(bytes).digest("hex") },
      content: bytes.toString("base64"),
      vnfdFiles: Object.keys(csar.vnfdFiles),
      artifacts: [...csar.files.entries()]
        .filter(([path]) => !path.startsWith("TOSCA-Metadata/") && !(path in csar.vnfdFiles))
        .map(([artifactPath, content]) => ({
          artifactPath,
          checksum: { algorithm: "SHA-256", hash: createHash("sha256").update(content).digest("hex") },
        })),
    };
  }

  async setOperationalState(
    id: string,
    state: "ENABLED" | "DISABLED" | undefined,
    userDefinedData?: Record<string, unknown>,
  ): Promise<VnfPackageRecord> {
    const record = await this.get(id);
    if (state && record.onboardingState !== "ONBOARDED")
      throw vnfmError(
        "STATE_CONFLICT",
        `VNF package ${id} is ${record.onboardingState}; only ONBOARDED packages can be enabled or disabled`,
      );
    if (state && record.operationalState === state)
      throw vnfmError("STATE_CONFLICT", `VNF package ${id} is already ${state}`);
    const updated = {
      ...record,
      ...(state ? { operationalState: state } : {}),
      ...(userDefinedData ? { userDefinedData: { ...record.userDefinedData, ...userDefinedData } } : {}),
    };
    await this.repos.packages.replace(updated);
    return updated;
  }

  async delete(id: string): Promise<void> {
    const record = await this.get(id);
    if (record.operationalState === "ENABLED" || record.usageState === "IN_USE") {
      throw vnfmError(
        "STATE_CONFLICT",
        `VNF package ${id} is ${record.operationalState} and ${record.usageState}; disable it and delete its VNF instances first`,
      );
    }
    await this.repos.packages.delete(id);
    this.vnfdCache.delete(id);
  }

  async content(id: string): Promise<Buffer> {
    const record = await this.repos.packages.get(id);
    if (!record) throw vnfmError("NOT_FOUND", `no VNF package ${id}`);
    if (!record.content)
      throw vnfmError("STATE_CONFLICT", `VNF package ${id} has no content yet (${record.onboardingState})`);
    return Buffer.from(record.content, "base64");
  }

  async files(id: string): Promise<Map<string, Buffer>> {
    return (await readCsar(await this.content(id), this.limits)).files;
  }

  /** The ONBOARDED, ENABLED package whose VNFD has this id (CreateVnfRequest.vnfdId). */
  async enabledByVnfdId(vnfdId: string): Promise<VnfPackageRecord> {
    const candidates = await this.repos.packages.find({ where: { vnfdId } });
    const usable = candidates.find(
      (p) => p.onboardingState === "ONBOARDED" && p.operationalState === "ENABLED",
    );
    if (!usable) {
      const known = candidates[0];
      throw vnfmError(
        "UNPROCESSABLE",
        known
          ? `VNF package ${known.id} with VNFD ${vnfdId} is ${known.onboardingState}/${known.operationalState}; enable it first`
          : `no onboarded VNF package has vnfdId ${vnfdId}; onboard it through vnfpkgm/v2 first`,
      );
    }
    return withoutVersion(usable);
  }

  async vnfdOf(vnfPkgId: string): Promise<VnfdModel> {
    const cached = this.vnfdCache.get(vnfPkgId);
    if (cached) return cached;
    const csar = await readCsar(await this.content(vnfPkgId), this.limits);
    const vnfd = readVnfd(csar.vnfdFiles);
    this.vnfdCache.set(vnfPkgId, vnfd);
    return vnfd;
  }
}
