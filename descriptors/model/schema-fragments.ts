/** Schema fragments shared by the IVF, platform and network-service schemas. */
export const identifier = { type: "string", pattern: "^[a-z][a-z0-9-]{0,62}$" } as const;
export const kpiIdentifier = { type: "string", pattern: "^[a-z][a-z0-9_]{0,62}$" } as const;
export const uuid = {
  type: "string",
  pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
} as const;
export const text = { type: "string", minLength: 1, maxLength: 2000 } as const;
export const version = {
  type: "string",
  pattern: "^[0-9]+\\.[0-9]+(\\.[0-9]+)?([-+][0-9A-Za-z.-]+)?$",
} as const;
export const count = { type: "integer", minimum: 0, maximum: 1000 } as const;
