import { parseArgs } from "node:util";
import { ruleCatalogue } from "./findings/rule-catalogue.js";
import type { Severity } from "./findings/severity.js";
import {
  validatePackage,
  ValidationInputError,
  type ValidateOptions,
  type ValidationReport,
} from "./index.js";
import { formatHuman } from "./output/format-human.js";

/** Reports go to stdout (pipeable JSON); diagnostics about the invocation go to stderr. */
const out = (text: string): boolean => process.stdout.write(`${text}\n`);

const usage = `usage: ivf package validate [options] <file|dir>...

Validates SOL004 CSARs (option 1 and 2), OSM packages (tar.gz, zip, folder) and bare
SOL001/SOL006 descriptors. Exit status: 0 valid, 1 invalid, 2 usage or I/O error.

  --strict               treat warnings as errors
  --json                 print one JSON report per input (an array when several)
  --quiet                print only errors
  --types-dir <dir>      SOL001 type definitions (default: shared reference etsi-nfv/sol001)
  --normative <file>     TOSCA normative types file
  --yang-dir <dir>       YANG folder (repeatable; default SOL006 v2.6.1 + OSM IM augments)
  --trust-ca <pem>       trusted CA bundle for signature chains
  --openssl <path>       openssl binary (default: openssl)
  --max-entries <n>      archive entry limit      --max-total-bytes <n>  uncompressed size limit
  --max-ratio <n>        compression ratio limit  --max-entry-bytes <n>  per-entry size limit
  --rules                list the rule catalogue and exit`;

const numberOption = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0)
    throw new ValidationInputError(`--${name} needs a positive number, got "${value}"`);
  return parsed;
};

function optionsFrom(values: Record<string, string | boolean | string[] | undefined>): ValidateOptions {
  const limits: Record<string, number> = {};
  const pairs: [string, string][] = [
    ["max-entries", "maxEntries"],
    ["max-total-bytes", "maxTotalBytes"],
    ["max-ratio", "maxCompressionRatio"],
    ["max-entry-bytes", "maxEntryBytes"],
  ];
  for (const [flag, key] of pairs) {
    const parsed = numberOption(values[flag] as string | undefined, flag);
    if (parsed !== undefined) limits[key] = parsed;
  }
  const text = (key: string): string | undefined => values[key] as string | undefined;
  return {
    strict: values.strict === true,
    limits,
    ...(text("types-dir") ? { typesDir: text("types-dir") } : {}),
    ...(text("normative") ? { normativeTypesFile: text("normative") } : {}),
    ...(values["yang-dir"] ? { yangDirs: values["yang-dir"] as string[] } : {}),
    ...(text("trust-ca") ? { trustAnchor: text("trust-ca") } : {}),
    ...(text("openssl") ? { openssl: text("openssl") } : {}),
  };
}

function printRules(): void {
  for (const rule of ruleCatalogue.values())
    out(
      `${rule.id}\t${rule.severity}\t${rule.clause}\t${rule.title}${rule.onap ? `\tONAP ${rule.onap}` : ""}`,
    );
}

function visible(report: ValidationReport, quiet: boolean): ValidationReport {
  if (!quiet) return report;
  const keep: Severity[] = ["error"];
  return { ...report, findings: report.findings.filter((finding) => keep.includes(finding.severity)) };
}

/** `ivf package validate`: returns the exit status instead of exiting, so it can be embedded. */
export async function runValidate(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        strict: { type: "boolean" },
        json: { type: "boolean" },
        quiet: { type: "boolean" },
        rules: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        "types-dir": { type: "string" },
        normative: { type: "string" },
        "yang-dir": { type: "string", multiple: true },
        "trust-ca": { type: "string" },
        openssl: { type: "string" },
        "max-entries": { type: "string" },
        "max-total-bytes": { type: "string" },
        "max-ratio": { type: "string" },
        "max-entry-bytes": { type: "string" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (parsed.values.help) return (out(usage), 0);
  if (parsed.values.rules) return (printRules(), 0);
  if (parsed.positionals.length === 0) return (console.error(usage), 2);
  const reports: ValidationReport[] = [];
  try {
    const options = optionsFrom(parsed.values);
    for (const input of parsed.positionals)
      reports.push(visible(await validatePackage(input, options), parsed.values.quiet === true));
  } catch (error) {
    if (!(error instanceof ValidationInputError)) throw error;
    console.error(`error: ${error.message}`);
    return 2;
  }
  if (parsed.values.json) out(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  else for (const report of reports) out(formatHuman(report));
  return reports.every((report) => report.valid) ? 0 : 1;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  runValidate(process.argv.slice(2)).then((code) => process.exit(code));
}
