// Generated from api-specs/identity.yaml by api-specs/tools/generate-types.ts (openapi-typescript).
// Do not edit: change the specification and run `npm run api:types`.
export interface paths {
    "/oauth2/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue an access token (client credentials grant)
         * @description Client authentication by HTTP Basic (`client_id:client_secret`, RFC 6749 §2.3.1) or by
         *     `client_id` and `client_secret` in the form body. The token lifetime is the identity's
         *     configured TTL; `scope` may narrow the client's roles.
         */
        post: operations["issueToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Public keys that verify issued tokens
         * @description Current and recently retired signing keys (kept until every token they signed has expired).
         */
        get: operations["getJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tenants */
        get: operations["listTenants"];
        put?: never;
        /** Create a tenant */
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenantId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier. */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        /** Read a tenant */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenantId}/clients": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier. */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        /** List the API clients of a tenant (secrets are never returned) */
        get: operations["listClients"];
        put?: never;
        /** Create an API client; its secret is shown once in the answer */
        post: operations["createClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenantId}/clients/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier. */
                tenantId: components["parameters"]["TenantId"];
                /** @description Name of the client within the tenant (the `id` it was created with). */
                clientId: components["parameters"]["ClientId"];
            };
            cookie?: never;
        };
        /** Read an API client */
        get: operations["getClient"];
        put?: never;
        post?: never;
        /** Revoke an API client (no new tokens; issued tokens expire within the token TTL) */
        delete: operations["revokeClient"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenantId}/clients/{clientId}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier. */
                tenantId: components["parameters"]["TenantId"];
                /** @description Name of the client within the tenant (the `id` it was created with). */
                clientId: components["parameters"]["ClientId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace a client's secret; the old one stops working at once */
        post: operations["rotateClientSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Letters, digits, `_` and `-`, 1 to 64 characters. */
        Identifier: string;
        /** @enum {string} */
        Role: "operator" | "tenant-admin" | "writer" | "reader";
        TokenRequest: {
            /** @description Must be `client_credentials`. */
            grant_type: string;
            client_id?: string;
            client_secret?: string;
            /** @description Space-separated roles to narrow the token to. */
            scope?: string;
        };
        TokenResponse: {
            access_token: string;
            /** @constant */
            token_type: "Bearer";
            expires_in: number;
            scope: string;
        };
        OAuthError: {
            /** @enum {string} */
            error: "invalid_request" | "invalid_client" | "unsupported_grant_type" | "invalid_scope";
            error_description?: string;
        };
        JwkSet: {
            keys: {
                kty: string;
                kid: string;
                alg: string;
                use: string;
                crv?: string;
                x?: string;
                y?: string;
            }[];
        };
        TenantCreation: {
            id: components["schemas"]["Identifier"];
            name?: string;
        };
        Tenant: {
            id: components["schemas"]["Identifier"];
            name: string;
            /** Format: date-time */
            createdAt: string;
        };
        ClientCreation: {
            /** @description Name of the client within the tenant. Other tenants may use the same name; the client authenticates with the OAuth client_id `<tenant>.<id>` (answered as `clientId`). */
            id: components["schemas"]["Identifier"];
            description?: string;
            roles: components["schemas"]["Role"][];
        };
        ClientFields: {
            id: components["schemas"]["Identifier"];
            /** @description OAuth 2.0 client_id for the token endpoint: `<tenant>.<id>`. Operator clients and clients created before names were scoped by tenant keep their bare id. */
            clientId: string;
            tenant: components["schemas"]["Identifier"];
            description?: string;
            roles: components["schemas"]["Role"][];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            secretRotatedAt: string;
        };
        /** @description An API client as shown to administrators; never its secret or secret hash. */
        Client: components["schemas"]["ClientFields"];
        /** @description A client with its secret, answered once on creation and on rotation. */
        ClientWithSecret: components["schemas"]["ClientFields"] & {
            /** @description Shown once; store it now. Only a hash is kept. */
            secret: string;
        };
        Problem: {
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            errors?: {
                pointer: string;
                detail: string;
            }[];
        };
    };
    responses: {
        /** @description Token request refused (RFC 6749 §5.2). */
        OAuthError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OAuthError"];
            };
        };
        /** @description The request is malformed; every violation is listed. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Missing, invalid or expired bearer token. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The token's role does not allow this operation. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such resource for this caller. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A resource with this id exists already. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Rate limit exceeded; retry after the number of seconds in Retry-After. */
        TooManyRequests: {
            headers: {
                /** @description Seconds to wait before retrying. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description Tenant identifier. */
        TenantId: components["schemas"]["Identifier"];
        /** @description Name of the client within the tenant (the `id` it was created with). */
        ClientId: components["schemas"]["Identifier"];
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    issueToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description Access token issued. */
            200: {
                headers: {
                    /** @description Always `no-store` (RFC 6749 §5.1). */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            400: components["responses"]["OAuthError"];
            401: components["responses"]["OAuthError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON Web Key Set (RFC 7517). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JwkSet"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    listTenants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description All tenants, sorted by id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"][];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TenantCreation"];
            };
        };
        responses: {
            /** @description Tenant created. */
            201: {
                headers: {
                    /** @description URI of the new tenant. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier. */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listClients: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier. */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Clients of the tenant, sorted by id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Client"][];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier. */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClientCreation"];
            };
        };
        responses: {
            /** @description Client created with its secret. */
            201: {
                headers: {
                    /** @description URI of the new client. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier. */
                tenantId: components["parameters"]["TenantId"];
                /** @description Name of the client within the tenant (the `id` it was created with). */
                clientId: components["parameters"]["ClientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The client. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Client"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    revokeClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier. */
                tenantId: components["parameters"]["TenantId"];
                /** @description Name of the client within the tenant (the `id` it was created with). */
                clientId: components["parameters"]["ClientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    rotateClientSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier. */
                tenantId: components["parameters"]["TenantId"];
                /** @description Name of the client within the tenant (the `id` it was created with). */
                clientId: components["parameters"]["ClientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The client with its new secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientWithSecret"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
}
