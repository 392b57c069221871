/**
 * Validation findings of onboarded packages. The VNFM refuses a package with errors and keeps
 * no findings of the packages it accepts, so the console fetches each package's content
 * (SOL003 10.4.5, GET .../package_content) and runs the product's validator on it, the same one
 * the VNFM runs at upload. Reports are cached by the package checksum: a package's content
 * never changes after onboarding.
 */
import { fetchToken, VnfmRequestError, type VnfmCredentials } from "../../cli/up/vnfm-client.js";
import { validatePackage } from "../../../descriptors/validate/index.js";

export interface PackageFindings {
  valid: boolean;
  findings: {
    rule: string;
    severity: string;
    message: string;
    hint?: string;
    clause?: string;
    location?: unknown;
  }[];
}

export class PackageFindingsCache {
  private readonly reports = new Map<string, Promise<PackageFindings>>();
  // One validation at a time: it is CPU work in the process that also runs the VNFM.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly vnfmUrl: string,
    private readonly credentials: VnfmCredentials,
  ) {}

  findings(packageId: string, checksum: string): Promise<PackageFindings> {
    const cached = this.reports.get(checksum);
    if (cached) return cached;
    const report = this.queue.then(() => this.validate(packageId));
    this.queue = report.catch(() => undefined);
    this.reports.set(checksum, report);
    report.catch(() => this.reports.delete(checksum));
    return report;
  }

  private async validate(packageId: string): Promise<PackageFindings> {
    const token = await fetchToken(this.vnfmUrl, this.credentials);
    const path = `/vnfpkgm/v2/vnf_packages/${packageId}/package_content`;
    const response = await fetch(`${this.vnfmUrl}${path}`, {
      headers: { authorization: `Bearer ${token}`, version: "2.1.0", accept: "application/zip" },
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new VnfmRequestError(response.status, await response.text(), `GET ${path}`);
    const report = await validatePackage(Buffer.from(await response.arrayBuffer()), {
      name: `${packageId}.csar`,
    });
    return {
      valid: report.valid,
      findings: report.findings.map(({ rule, severity, message, hint, clause, location }) => ({
        rule,
        severity,
        message,
        ...(hint ? { hint } : {}),
        ...(clause ? { clause } : {}),
        ...(location ? { location } : {}),
      })),
    };
  }
}
