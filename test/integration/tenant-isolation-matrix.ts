import type { Api, Entry } from "./tenant-isolation-probes.js";
import { cloudApiEntries } from "./tenant-isolation-matrix-cloud-api.js";
import { serviceEntries } from "./tenant-isolation-matrix-services.js";

/**
 * The tenant-isolation matrix: one entry per operation of every tenant-facing API
 * (expectations explained in tenant-isolation-probes.ts).
 */
export const matrix: Entry[] = [...cloudApiEntries, ...serviceEntries];

/** The API documents whose every operation must be in the matrix. */
export const documents: Record<Api, string> = {
  "cloud-api": "api-specs/cloud-api.yaml",
  "device-manager": "api-specs/device-manager.yaml",
  "data-store": "api-specs/data-store.yaml",
  identity: "api-specs/identity.yaml",
};
