/** Severity levels of a validation finding (docs/design/validator.md "Severities"). */
export type Severity = "error" | "warning" | "info";

export const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
