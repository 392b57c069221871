/**
 * `ivf package build [ivf...] --format csar|osm|all --out dir [--sol001 2.6.1|3.3.1]
 *   [--types-dir dir] [--sign key.pem --cert cert.pem]` and `ivf package validate ...`
 * (delegated to the validator, descriptors/validate/cli.ts). Exit codes: 0 ok, 1 a build
 * failed on invalid input, 2 usage or I/O error.
 */
import { parseArgs } from "node:util";
import { buildPackages, type PackageFormat } from "../package/build-packages.js";
import { ModelLoadError } from "../model/model-errors.js";
import { TypeFilesMissingError } from "../render/sol001/type-files.js";
import { SigningError } from "../package/csar/cms-sign.js";

const USAGE = `usage:
  ivf package build [ivf...] --format csar|osm|all --out <dir> [--sol001 2.6.1|3.3.1] [--types-dir <dir>] [--sign <key.pem> --cert <cert.pem>]
  ivf package validate <file|dir>... [--json] [--strict]`;

type BuildRequest = {
  ok: true;
  ivfs: string[];
  formats: PackageFormat[];
  out: string;
  sol001: "2.6.1" | "3.3.1";
  typesDir?: string;
  sign?: { keyFile: string; certFile: string };
};

function parseBuild(args: string[]): BuildRequest | { ok: false; message: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: "string", default: "all" },
        out: { type: "string" },
        sol001: { type: "string", default: "2.6.1" },
        "types-dir": { type: "string" },
        sign: { type: "string" },
        cert: { type: "string" },
      },
    });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  const formats: Record<string, PackageFormat[]> = { csar: ["csar"], osm: ["osm"], all: ["csar", "osm"] };
  const chosen = formats[values.format ?? "all"];
  if (!chosen) return { ok: false, message: `--format must be csar, osm or all (got "${values.format}")` };
  if (!values.out) return { ok: false, message: "--out <dir> is required" };
  if (values.sol001 !== "2.6.1" && values.sol001 !== "3.3.1")
    return { ok: false, message: `--sol001 must be 2.6.1 or 3.3.1 (got "${values.sol001}")` };
  if ((values.sign === undefined) !== (values.cert === undefined))
    return { ok: false, message: "--sign and --cert go together" };
  return {
    ok: true,
    ivfs: positionals,
    formats: chosen,
    out: values.out,
    sol001: values.sol001,
    ...(values["types-dir"] ? { typesDir: values["types-dir"] } : {}),
    ...(values.sign && values.cert ? { sign: { keyFile: values.sign, certFile: values.cert } } : {}),
  };
}

async function runBuild(args: string[]): Promise<number> {
  const request = parseBuild(args);
  if (!request.ok) {
    console.error(`ivf package build: ${request.message}\n\n${USAGE}`);
    return 2;
  }
  try {
    const written = await buildPackages({
      ivfs: request.ivfs,
      formats: request.formats,
      outDir: request.out,
      sol001Version: request.sol001,
      ...(request.typesDir ? { typesDir: request.typesDir } : {}),
      ...(request.sign ? { signing: request.sign } : {}),
    });
    for (const file of written) process.stdout.write(`${file}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ModelLoadError) {
      console.error(`ivf package build: ${error.message}`);
      return 1;
    }
    if (error instanceof TypeFilesMissingError || error instanceof SigningError) {
      console.error(`ivf package build: ${error.message}`);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string") {
      console.error(`ivf package build: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}

export async function run(args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === "build") return runBuild(rest);
  if (subcommand === "validate") {
    const validator = (await import("../validate/cli.js")) as {
      runValidate(args: string[]): Promise<number>;
    };
    return validator.runValidate(rest);
  }
  if (subcommand === "help" || subcommand === "--help" || subcommand === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  console.error(
    `ivf package: ${subcommand ? `unknown subcommand "${subcommand}"` : "missing subcommand"}\n\n${USAGE}`,
  );
  return 2;
}
