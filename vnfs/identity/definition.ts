import express from "express";
import type { IvfDefinition } from "../runtime-kit/ivf-process.js";
import { IvfKpis } from "../runtime-kit/metrics/ivf-kpis.js";
import { loadOpenApiDocument } from "../runtime-kit/http/openapi/openapi-document.js";
import { locateApiSpec } from "../runtime-kit/http/openapi/locate-spec.js";
import { mountOpenApi } from "../runtime-kit/http/openapi/openapi-router.js";
import { RateLimiter } from "../runtime-kit/http/rate-limiter.js";
import { ALL_TENANTS, createTokenVerifier } from "../runtime-kit/auth/access-token.js";
import { hashSecret } from "./clients/client-secrets.js";
import { clientRecordId, openIdentityCollections, type IdentityCollections } from "./identity-records.js";
import { SigningKeys } from "./keys/signing-keys.js";
import { tokenHandler } from "./api/token-handler.js";
import { adminHandlers } from "./api/admin-handlers.js";
import { jwksHandler } from "./api/jwks-handler.js";
import { rateLimited } from "./api/rate-limited.js";
import { identitySettings } from "./settings.js";

const CAPACITY_PER_SECOND = 500;

/**
 * identity (TR 103 527 authentication/authorisation): tenants, API clients, OAuth 2.0 client
 * credentials tokens as ES256 JWTs, JWKS with key rotation. Served from api-specs/identity.yaml.
 */
export const definition: IvfDefinition<typeof identitySettings> = {
  name: "identity",
  settings: identitySettings,
  uses: { bus: false, store: { database: "identity" } },
  async start(context) {
    const { config, store, app, logger } = context;
    const kpis = new IvfKpis({ registry: context.metrics, capacityPerSecond: CAPACITY_PER_SECOND });
    kpis.watchReadiness(context.readiness);
    const collections = await openIdentityCollections(store);
    const keys = await SigningKeys.open(store, config.keyRotation, config.tokenTtl);
    await keys.current();
    await bootstrapOperator(collections, config.bootstrapClientId, config.bootstrapClientSecret);

    const verify = createTokenVerifier({
      issuer: config.issuer,
      audience: config.audience,
      keys: keys.resolver(),
    });
    const limiter = new RateLimiter({ perSecond: config.tokenRatePerSecond, burst: 20 });
    app.use(express.urlencoded({ extended: false, limit: "8kb", parameterLimit: 20 }));
    app.use(express.json({ limit: "16kb" }));
    app.use(kpis.httpMiddleware());
    mountOpenApi(app, {
      document: await loadOpenApiDocument(locateApiSpec("identity.yaml", import.meta.url)),
      source: "identity.yaml",
      handlers: {
        issueToken: tokenHandler({
          collections,
          keys,
          issuer: config.issuer,
          audience: config.audience,
          tokenTtlMs: config.tokenTtl,
          limiter,
        }),
        getJwks: jwksHandler(keys, limiter),
        ...rateLimited(
          adminHandlers({ collections, verify }),
          new RateLimiter({ perSecond: config.adminRatePerSecond, burst: config.adminRatePerSecond * 2 }),
        ),
      },
      responseValidation: config.responseValidation as "log" | "throw",
      logger,
      metrics: context.metrics,
    });
  },
};

/** Creates the configured operator client once; an existing one keeps its secret (rotate through the API). */
async function bootstrapOperator(
  collections: IdentityCollections,
  clientId: string | undefined,
  secret: string | undefined,
): Promise<void> {
  if (!clientId || !secret) return;
  const now = new Date().toISOString();
  await collections.clients.insert({
    id: clientRecordId(ALL_TENANTS, clientId),
    tenant: ALL_TENANTS,
    clientId,
    description: "bootstrap operator (IVF_IDENTITY_BOOTSTRAP_CLIENT_ID)",
    roles: ["operator"],
    secretHash: await hashSecret(secret),
    createdAt: now,
    secretRotatedAt: now,
  });
}
