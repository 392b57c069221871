/**
 * QARTOD quality flags (IOOS QARTOD manuals; ioos_qartod): every test answers one of these for
 * a sample. `notEvaluated` is honest about warm-up: a detector without enough history says so
 * rather than passing the sample.
 */
export const QartodFlag = { pass: 1, notEvaluated: 2, suspect: 3, fail: 4 } as const;
export type QartodFlag = (typeof QartodFlag)[keyof typeof QartodFlag];

export type FaultKind = "outlier" | "spike" | "rate_of_change" | "stuck" | "range";

export interface Sample {
  /** Milliseconds since the epoch. */
  t: number;
  v: number;
}

export interface TestResult {
  kind: FaultKind;
  flag: QartodFlag;
  /** The sample the flag is about (spike results arrive one sample late). */
  sample: Sample;
  /** Numbers that justify the flag, for the fault event (e.g. deviation and threshold). */
  detail: Record<string, number>;
}

export function severityOf(flag: QartodFlag): "suspect" | "fail" | undefined {
  if (flag === QartodFlag.fail) return "fail";
  if (flag === QartodFlag.suspect) return "suspect";
  return undefined;
}
