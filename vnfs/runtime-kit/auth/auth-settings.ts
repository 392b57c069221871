import type { ConfigSpec } from "../config/env-config.js";

/**
 * Settings of every IVF that serves an API authenticated with identity's tokens. The JWKS URL
 * points at the identity IVF (`<identity>/.well-known/jwks.json`); issuer and audience must
 * match identity's IVF_IDENTITY_ISSUER and IVF_IDENTITY_AUDIENCE.
 */
export const tokenAuthSettings = {
  identityJwksUrl: {
    kind: "url",
    env: "IVF_IDENTITY_JWKS_URL",
    description:
      "JWKS of the identity IVF that verifies bearer tokens; required by functions serving token-protected APIs",
    protocols: ["http", "https"],
  },
  identityIssuer: {
    kind: "string",
    env: "IVF_IDENTITY_ISSUER",
    description: "Issuer (iss) of access tokens; other IVFs accept only this issuer",
    default: "urn:ivf:identity",
  },
  identityAudience: {
    kind: "string",
    env: "IVF_IDENTITY_AUDIENCE",
    description: "Audience (aud) of access tokens; every IVF API checks it",
    default: "urn:ivf:platform",
  },
} satisfies ConfigSpec;
