import type { Response } from "express";
import type { Violation } from "./schema-compiler.js";

/** RFC 9457 problem details; `errors` carries every violation with its JSON pointer (RFC 9457 §3 example). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: Violation[];
  [extension: string]: unknown;
}

export const PROBLEM_MEDIA_TYPE = "application/problem+json";

export function sendProblem(res: Response, problem: ProblemDetails): void {
  res.status(problem.status).type(PROBLEM_MEDIA_TYPE).send(JSON.stringify(problem));
}

export function requestValidationProblem(errors: Violation[], instance: string): ProblemDetails {
  return {
    type: "urn:ivf:problem:request-validation",
    title: "The request does not conform to the API description",
    status: 400,
    detail: errors.map((error) => `${error.pointer} ${error.detail}`).join("; "),
    instance,
    errors,
  };
}
