/**
 * Answers a list request the SOL013 way: filter on the API representation, page with a Link
 * header, then apply attribute selectors. Query parameters outside SOL013 are refused (400).
 */
import type { Request, Response } from "express";
import { vnfmError } from "../errors.js";
import { matchesAll, parseFilter } from "./sol013-filter.js";
import { paginate } from "./sol013-paging.js";
import { buildSelector } from "./sol013-selectors.js";
import type { SpecSchemas } from "./spec-schemas.js";

export interface ListOptions {
  schemas: SpecSchemas;
  schemaName: string;
  defaultExcluded: string[];
  selectors: boolean;
  pageSize: number;
  apiRoot: string;
}

const PAGING_AND_FILTER = ["filter", "nextpage_opaque_marker"];
const SELECTORS = ["all_fields", "fields", "exclude_fields", "exclude_default"];

export function sendList(
  req: Request,
  res: Response,
  items: Record<string, unknown>[],
  options: ListOptions,
): void {
  const query = req.query as Record<string, unknown>;
  const allowed = options.selectors ? [...PAGING_AND_FILTER, ...SELECTORS] : PAGING_AND_FILTER;
  for (const [name, value] of Object.entries(query)) {
    if (!allowed.includes(name))
      throw vnfmError(
        "INVALID_QUERY",
        `query parameter "${name}" is not supported here (use ${allowed.join(", ")})`,
      );
    if (typeof value !== "string")
      throw vnfmError("INVALID_QUERY", `query parameter "${name}" must be given once`);
  }
  const knownPath = (path: string[]) => options.schemas.hasPath(options.schemaName, path);
  const terms = typeof query.filter === "string" ? parseFilter(query.filter, knownPath) : [];
  const selector = options.selectors
    ? buildSelector(query, options.defaultExcluded, options.schemas.required(options.schemaName), knownPath)
    : (r: Record<string, unknown>) => r;
  const filtered = items.filter((item) => matchesAll(terms, item));
  const page = paginate(filtered, options.pageSize, new URL(req.originalUrl, options.apiRoot));
  if (page.nextLink) res.setHeader("Link", page.nextLink);
  res.status(200).json(page.items.map(selector));
}
