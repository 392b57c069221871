import openapiTS, { astToString } from "openapi-typescript";
import { format, resolveConfig } from "prettier";
import { modelDefinitions } from "../model-schema.js";

/** Rewrites `#/$defs/X` references into OpenAPI component references. */
function toComponentRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toComponentRefs);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "$ref" && typeof child === "string")
      out[key] = child.replace("#/$defs/", "#/components/schemas/");
    else if (key === "propertyNames")
      continue; // not expressible in TS; ajv still enforces it
    else out[key] = toComponentRefs(child);
  }
  return out;
}

const HEADER = `/**
 * GENERATED from descriptors/model/model-schema.ts by descriptors/model/tools/generate-model-types.ts.
 * Do not edit: change the schema and regenerate.
 */
`;

export async function renderModelTypes(): Promise<string> {
  const document = {
    openapi: "3.1.0",
    info: { title: "IVF descriptor models", version: "1" },
    paths: {},
    components: { schemas: toComponentRefs(modelDefinitions) },
  };
  const ast = await openapiTS(document as never, {
    exportType: true,
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
  });
  const target = new URL("../generated/model-types.ts", import.meta.url).pathname;
  const options = (await resolveConfig(target)) ?? {};
  return format(`${HEADER}${astToString(ast)}`, { ...options, filepath: target });
}
