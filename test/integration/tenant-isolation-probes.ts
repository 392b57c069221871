/**
 * The tenant-isolation matrix: every operation of every tenant-facing API, with the requests
 * tenant "alpha" makes against tenant "bravo" and what each must answer. The test
 * (tenant-isolation.test.ts) fails when an API document gains an operation this table lacks.
 *
 * Expectations:
 * - hidden: the request names bravo's resource; the answer equals (status, problem type and
 *   title) the answer for a resource that exists nowhere (`ghost`), and is 404 or 422;
 * - own: alpha's own tenant; 2xx, every `tenant` in the answer is alpha's, every `total`
 *   counts alpha's items only;
 * - forbidden: an operator-only operation; 403 before anything is looked up;
 * - public: no tenant data at all (JWKS, token endpoint).
 * In every case no secret of bravo (names, values, URLs, ids alpha did not send) is in the answer.
 */
export type Api = "cloud-api" | "device-manager" | "data-store" | "identity";
export type Expectation = "hidden" | "own" | "forbidden" | "public";
export type Role = "admin" | "writer" | "reader";

export interface Probe {
  method: string;
  path: string;
  body?: unknown;
  /** application/x-www-form-urlencoded body with HTTP Basic credentials (token endpoint). */
  form?: { clientId: string; secret: string; body: string };
  as?: Role;
  expect: Expectation;
  /** For `hidden`: the same request naming resources that exist nowhere. */
  ghost?: { path: string; body?: unknown };
}

/** Ids created during setup that the probes name. */
export interface World {
  bravoCommandId: string;
  bravoJobId: string;
  alphaApp: { clientId: string; secret: string };
}

export const GHOST_UUID = "00000000-0000-4000-8000-000000000000";
export const range = "from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";
export const dm = "/v1/tenants";

export type Entry = { api: Api; operationId: string; probes: (world: World) => Probe[] };

export const hidden = (
  method: string,
  path: string,
  ghost: string,
  body?: unknown,
  ghostBody?: unknown,
): Probe => ({
  method,
  path,
  ghost: {
    path: ghost,
    ...(ghostBody !== undefined || body !== undefined ? { body: ghostBody ?? body } : {}),
  },
  expect: "hidden",
  ...(body !== undefined ? { body } : {}),
});
export const own = (method: string, path: string, body?: unknown, as?: Role): Probe => ({
  method,
  path,
  expect: "own",
  ...(body !== undefined ? { body } : {}),
  ...(as ? { as } : {}),
});
