// Generated from api-specs/data-store.yaml by api-specs/tools/generate-types.ts (openapi-typescript).
// Do not edit: change the specification and run `npm run api:types`.
export interface paths {
    "/v1/tenants/{tenantId}/devices/{deviceId}/attributes/{attribute}/aggregates": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier. */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device identifier. */
                deviceId: components["schemas"]["Identifier"];
                /** @description Attribute name. */
                attribute: string;
            };
            cookie?: never;
        };
        /**
         * Count, minimum, maximum, mean, sum, first and last value per time bucket
         * @description Buckets are aligned to the epoch in UTC. Non-numeric readings are counted in
         *     `skippedNonNumeric`. A range holding more raw readings than the server's scan limit is
         *     refused with 422; narrow the range.
         */
        get: operations["getAggregates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenantId}/retention": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier. */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        /** Retention of raw measurements for a tenant */
        get: operations["getRetention"];
        /** Set how many days raw measurements are kept (tenant-admin) */
        put: operations["setRetention"];
        post?: never;
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
        Identifier: string;
        Bucket: {
            /** Format: date-time */
            start: string;
            count: number;
            min: number;
            max: number;
            mean: number;
            sum: number;
            first: number;
            last: number;
        };
        Aggregates: {
            tenant: string;
            deviceId: string;
            attribute: string;
            bucket: string;
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            buckets: components["schemas"]["Bucket"][];
            skippedNonNumeric: number;
        };
        Retention: {
            tenant: string;
            measurementsDays: number;
            /** @enum {string} */
            source: "tenant" | "default";
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
        /** @description The request is well-formed but cannot be answered as asked. */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The client exceeded its request rate; retry after the seconds in Retry-After. */
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
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getAggregates: {
        parameters: {
            query: {
                /** @description Start of the range (inclusive), ISO 8601. */
                from: string;
                /** @description End of the range (exclusive), ISO 8601. */
                to: string;
                /** @description Bucket width. */
                bucket?: "1m" | "5m" | "15m" | "1h" | "1d";
            };
            header?: never;
            path: {
                /** @description Tenant identifier. */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device identifier. */
                deviceId: components["schemas"]["Identifier"];
                /** @description Attribute name. */
                attribute: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Buckets in time order; empty buckets are omitted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Aggregates"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getRetention: {
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
            /** @description The tenant's retention (`source` tells whether it is the default). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Retention"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    setRetention: {
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
                "application/json": {
                    measurementsDays: number;
                };
            };
        };
        responses: {
            /** @description The new retention; measurements older than it are removed by the next retention run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Retention"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
}
