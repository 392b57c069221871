/**
 * VNF package management v2 controller: onboarding into the VNFM's own catalogue and the
 * read operations of SOL003 clause 10 (vnfd, package_content, artifacts).
 */
import type { Request, Response } from "express";
import yazl from "yazl";
import { sendList } from "../api/list-response.js";
import type { SpecSchemas } from "../api/spec-schemas.js";
import { vnfmError } from "../errors.js";
import type { PackageService } from "../packages/package-service.js";
import { renderVnfPkgInfo } from "./vnfpkgm-v2-view.js";

function zipOf(files: [string, Buffer][]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [path, content] of files) zip.addBuffer(content, path);
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.end();
  });
}

export class VnfpkgmV2Controller {
  private readonly base: string;

  constructor(
    private readonly packages: PackageService,
    private readonly schemas: SpecSchemas,
    private readonly options: { apiRoot: string; pageSize: number },
  ) {
    this.base = `${options.apiRoot}/vnfpkgm/v2`;
  }

  apiVersions(res: Response): void {
    res.json({ uriPrefix: this.base, apiVersions: [{ version: "2.1.0", isDeprecated: false }] });
  }

  create = async (req: Request, res: Response) => {
    const body = this.schemas.validate<{ userDefinedData?: Record<string, unknown> }>(
      "CreateVnfPkgInfoRequest",
      req.body ?? {},
    );
    const pkg = await this.packages.create(body.userDefinedData);
    res.status(201).location(`${this.base}/vnf_packages/${pkg.id}`).json(renderVnfPkgInfo(pkg, this.base));
  };

  list = async (req: Request, res: Response) => {
    const items = (await this.packages.list()).map((p) => renderVnfPkgInfo(p, this.base));
    sendList(req, res, items, {
      schemas: this.schemas,
      schemaName: "VnfPkgInfo",
      defaultExcluded: [
        "softwareImages",
        "additionalArtifacts",
        "userDefinedData",
        "checksum",
        "onboardingFailureDetails",
      ],
      selectors: true,
      pageSize: this.options.pageSize,
      apiRoot: this.options.apiRoot,
    });
  };

  get = async (req: Request, res: Response) => {
    res.json(renderVnfPkgInfo(await this.packages.get(String(req.params.vnfPkgId)), this.base));
  };

  modify = async (req: Request, res: Response) => {
    const body = this.schemas.validate<{
      operationalState?: "ENABLED" | "DISABLED";
      userDefinedData?: Record<string, unknown>;
    }>("VnfPkgInfoModifications", req.body);
    await this.packages.setOperationalState(
      String(req.params.vnfPkgId),
      body.operationalState,
      body.userDefinedData,
    );
    res.json(body);
  };

  remove = async (req: Request, res: Response) => {
    await this.packages.delete(String(req.params.vnfPkgId));
    res.status(204).end();
  };

  upload = async (req: Request, res: Response) => {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0)
      throw vnfmError(
        "INVALID_BODY",
        "package_content must be the CSAR bytes with Content-Type application/zip",
      );
    await this.packages.upload(String(req.params.vnfPkgId), req.body);
    res.status(202).end();
  };

  content = async (req: Request, res: Response) => {
    res.type("application/zip").send(await this.packages.content(String(req.params.vnfPkgId)));
  };

  vnfd = async (req: Request, res: Response) => {
    const pkg = await this.packages.get(String(req.params.vnfPkgId));
    if (pkg.onboardingState !== "ONBOARDED")
      throw vnfmError(
        "STATE_CONFLICT",
        `VNF package ${pkg.id} is ${pkg.onboardingState}; the VNFD is available once ONBOARDED`,
      );
    const files = await this.packages.files(pkg.id);
    const vnfdFiles = (pkg.vnfdFiles ?? []).map((path) => [path, files.get(path)!] as [string, Buffer]);
    const wantsText = req.accepts(["application/zip", "text/plain"]) === "text/plain";
    if (wantsText) {
      if (vnfdFiles.length !== 1)
        throw vnfmError(
          "NOT_ACCEPTABLE",
          `the VNFD spans ${vnfdFiles.length} files; ask for application/zip`,
        );
      res.type("text/plain").send(vnfdFiles[0]![1]);
      return;
    }
    res.type("application/zip").send(await zipOf(vnfdFiles));
  };

  artifact = async (req: Request, res: Response) => {
    const pkgId = String(req.params.vnfPkgId);
    const path = ([] as string[]).concat(req.params.artifactPath as unknown as string[]).join("/");
    const pkg = await this.packages.get(pkgId);
    if (!pkg.artifacts?.some((a) => a.artifactPath === path))
      throw vnfmError("NOT_FOUND", `VNF package ${pkgId} has no artifact ${path}`);
    const files = await this.packages.files(pkgId);
    res.type("application/octet-stream").send(files.get(path));
  };
}
