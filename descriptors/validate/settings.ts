import { defaultLimits, type ValidationLimits } from "./limits.js";
import { defaultNormativeTypes, defaultTypesDir, defaultYangDirs } from "./reference-paths.js";

export interface ValidateOptions {
  /** Treat warnings as errors (`--strict`). */
  strict?: boolean;
  limits?: Partial<ValidationLimits>;
  /** SOL001 type definitions for packages that reference but do not ship them. */
  typesDir?: string;
  /** TOSCA normative type definitions (tosca.nodes.Root, ...). */
  normativeTypesFile?: string;
  /** Folders of YANG modules compiled for SOL006 validation (default: SOL006 v2.6.1 + OSM IM augments). */
  yangDirs?: string[];
  schemaCacheDir?: string;
  /** openssl binary for CMS verification. */
  openssl?: string;
  /** PEM bundle of trusted CAs; without it only the signature value is verified. */
  trustAnchor?: string;
  /** Label for messages when the input is a Buffer (e.g. the uploaded file name). */
  name?: string;
}

export interface Settings {
  strict: boolean;
  limits: ValidationLimits;
  types: { typesDir: string; normativeTypesFile: string };
  yang: { yangDirs: string[]; schemaCacheDir?: string };
  signing: { openssl: string; trustAnchor?: string };
}

export function resolveSettings(options: ValidateOptions): Settings {
  return {
    strict: options.strict === true,
    limits: { ...defaultLimits, ...(options.limits ?? {}) },
    types: {
      typesDir: options.typesDir ?? defaultTypesDir(),
      normativeTypesFile: options.normativeTypesFile ?? defaultNormativeTypes(),
    },
    yang: {
      yangDirs: options.yangDirs ?? defaultYangDirs(),
      ...(options.schemaCacheDir ? { schemaCacheDir: options.schemaCacheDir } : {}),
    },
    signing: {
      openssl: options.openssl ?? "openssl",
      ...(options.trustAnchor ? { trustAnchor: options.trustAnchor } : {}),
    },
  };
}
