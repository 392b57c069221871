// Packages onboarded in the VNFM (vnfpkgm/v2) with the package validator's findings.
import { api, el, message, table } from "../lib/dom.js";

function findingList(report) {
  if (report.note) return el("span", { class: "muted" }, report.note);
  const counts = {};
  for (const finding of report.findings) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  const summary = Object.entries(counts)
    .map(([severity, count]) => `${count} ${severity}`)
    .join(", ");
  return el(
    "details",
    {},
    el(
      "summary",
      { class: report.valid ? "ok" : "error" },
      `${report.valid ? "valid" : "invalid"}${summary ? `: ${summary}` : ", no finding"}`,
    ),
    el(
      "ul",
      {},
      report.findings.map((finding) =>
        el(
          "li",
          { class: `finding ${finding.severity}` },
          `[${finding.severity}] ${finding.rule}${finding.clause ? ` (${finding.clause})` : ""}: ${finding.message}`,
          finding.hint ? el("span", { class: "muted" }, ` - ${finding.hint}`) : "",
        ),
      ),
    ),
  );
}

export async function renderPackages() {
  const packages = await api("GET", "/api/packages");
  const rows = packages.map((pkg) => {
    const findings = el("td", { class: "findings" }, el("span", { class: "muted" }, "validating..."));
    api("GET", `/api/packages/${encodeURIComponent(pkg.id)}/findings`).then(
      (report) => findings.replaceChildren(findingList(report)),
      (failure) => findings.replaceChildren(message(failure.message)),
    );
    return el(
      "tr",
      { "data-package": pkg.vnfProductName ?? pkg.id },
      el("td", {}, pkg.vnfProductName ?? "-", el("div", { class: "muted" }, pkg.vnfdId ?? pkg.id)),
      el("td", {}, pkg.vnfProvider ?? "-"),
      el("td", {}, `${pkg.vnfSoftwareVersion ?? "-"} / ${pkg.vnfdVersion ?? "-"}`),
      el("td", {}, `${pkg.onboardingState} · ${pkg.operationalState} · ${pkg.usageState ?? "-"}`),
      findings,
    );
  });
  return {
    nodes: [
      el("h1", {}, "VNF packages (vnfpkgm/v2)"),
      el(
        "p",
        { class: "muted" },
        "Findings of the package validator (SOL004, SOL001) run on each onboarded CSAR.",
      ),
      table(
        "packages",
        ["Product / VNFD", "Provider", "Software / VNFD version", "State", "Validation"],
        rows,
      ),
    ],
  };
}
