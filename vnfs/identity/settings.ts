import type { ConfigSpec } from "../runtime-kit/config/env-config.js";

/** Settings of the identity IVF (read together with the common IVF_* settings). */
export const identitySettings = {
  issuer: {
    kind: "string",
    env: "IVF_IDENTITY_ISSUER",
    description: "Issuer (iss) of access tokens; other IVFs accept only this issuer",
    default: "urn:ivf:identity",
  },
  audience: {
    kind: "string",
    env: "IVF_IDENTITY_AUDIENCE",
    description: "Audience (aud) of access tokens; every IVF API checks it",
    default: "urn:ivf:platform",
  },
  tokenTtl: {
    kind: "duration",
    env: "IVF_IDENTITY_TOKEN_TTL",
    description: "Lifetime of issued access tokens (also the longest a revoked client's token stays usable)",
    default: 900_000,
  },
  keyRotation: {
    kind: "duration",
    env: "IVF_IDENTITY_KEY_ROTATION",
    description: "How long a signing key signs new tokens before the next key takes over",
    default: 86_400_000,
  },
  bootstrapClientId: {
    kind: "string",
    env: "IVF_IDENTITY_BOOTSTRAP_CLIENT_ID",
    description:
      "Operator client created at start when it does not exist (with IVF_IDENTITY_BOOTSTRAP_CLIENT_SECRET)",
    pattern: /^[A-Za-z0-9_-]{1,64}$/,
  },
  bootstrapClientSecret: {
    kind: "string",
    env: "IVF_IDENTITY_BOOTSTRAP_CLIENT_SECRET",
    description: "Secret of the bootstrap operator client (at least 16 characters)",
    pattern: /^.{16,256}$/,
    secret: true,
  },
  tokenRatePerSecond: {
    kind: "number",
    env: "IVF_IDENTITY_TOKEN_RATE",
    description: "Token requests per second allowed per client address (burst of 20)",
    min: 0.1,
    default: 10,
  },
  adminRatePerSecond: {
    kind: "integer",
    env: "IVF_IDENTITY_ADMIN_RATE",
    description:
      "Tenant and client administration requests per second allowed per client address (burst of twice as many); beyond: 429",
    min: 1,
    max: 100_000,
    default: 50,
  },
} satisfies ConfigSpec;
