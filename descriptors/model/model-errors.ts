/**
 * Error catalogue of the descriptor model loader (STYLE.md §3): stable codes, and every
 * finding says where (file, line, JSON pointer), what, and how to fix it.
 */
export const modelErrorCodes = {
  IO: "MODEL_IO",
  TOO_LARGE: "MODEL_TOO_LARGE",
  YAML_SYNTAX: "MODEL_YAML_SYNTAX",
  YAML_LIMIT: "MODEL_YAML_LIMIT",
  SCHEMA: "MODEL_SCHEMA",
  REFERENCE: "MODEL_REFERENCE",
  DUPLICATE: "MODEL_DUPLICATE",
  SCALING: "MODEL_SCALING",
  CONSISTENCY: "MODEL_CONSISTENCY",
  NOT_FOUND: "MODEL_NOT_FOUND",
} as const;

export type ModelErrorCode = (typeof modelErrorCodes)[keyof typeof modelErrorCodes];

export interface ModelIssue {
  code: ModelErrorCode;
  file: string;
  /** 1-based line of the offending node, 0 when unknown (e.g. file missing). */
  line: number;
  /** RFC 6901 JSON pointer into the document ("" = the document). */
  pointer: string;
  message: string;
  hint?: string;
}

export function formatIssue(issue: ModelIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file;
  const path = issue.pointer === "" ? "/" : issue.pointer;
  return `${where}  ${issue.code}  ${path}: ${issue.message}${issue.hint ? ` (${issue.hint})` : ""}`;
}

/** Thrown when a model does not load; lists every problem found, not only the first. */
export class ModelLoadError extends Error {
  constructor(readonly issues: ModelIssue[]) {
    super(`descriptor model is invalid:\n${issues.map((issue) => `  ${formatIssue(issue)}`).join("\n")}`);
    this.name = "ModelLoadError";
  }
}

export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

export function segmentsOf(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}
