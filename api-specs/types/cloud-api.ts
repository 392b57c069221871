// Generated from api-specs/cloud-api.yaml by api-specs/tools/generate-types.ts (openapi-typescript).
// Do not edit: change the specification and run `npm run api:types`.
export interface paths {
    "/v1/devices/{deviceId}/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Latest value of each attribute of a device
         * @description The most recent reading (by measurement timestamp) of every attribute the device
         *     reported, or of the attributes named in `attribute`.
         */
        get: operations["getLatestValues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/devices/{deviceId}/measurements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Measurements of a device in a time range
         * @description Measurements with `from <= timestamp < to`, oldest first, one page at a time.
         *     Pass the `nextCursor` of a page as `cursor` (with the same filters) to get the next
         *     page; paging is stable while new measurements arrive.
         */
        get: operations["listMeasurements"];
        put?: never;
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
        /** @example meter-0001 */
        DeviceId: string;
        /** @example power */
        AttributeName: string;
        /** @description The measured value as the device sent it. */
        Value: number | string | boolean | null;
        LatestValue: {
            attribute: components["schemas"]["AttributeName"];
            value: components["schemas"]["Value"];
            /**
             * Format: date-time
             * @description When the value was observed.
             */
            timestamp: string;
            /** @description Source quality, e.g. an OPC UA status code name. */
            quality?: string;
            /** @description Id of the measurement this value comes from. */
            measurementId: string;
        };
        LatestValues: {
            deviceId: components["schemas"]["DeviceId"];
            values: components["schemas"]["LatestValue"][];
        };
        Measurement: {
            /** @description Deterministic measurement id (the same reading always has the same id). */
            id: string;
            attribute: components["schemas"]["AttributeName"];
            value: components["schemas"]["Value"];
            /** Format: date-time */
            timestamp: string;
            quality?: string;
            /**
             * Format: date-time
             * @description When the platform accepted the reading.
             */
            receivedAt: string;
        };
        MeasurementPage: {
            deviceId: components["schemas"]["DeviceId"];
            items: components["schemas"]["Measurement"][];
            /** @description Present when more measurements may follow; pass it as `cursor`. */
            nextCursor?: string;
        };
        /** @description RFC 9457 problem details. */
        Problem: {
            /** Format: uri-reference */
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            /** @description Every violation found in the request, each with the JSON pointer it concerns. */
            errors?: {
                pointer: string;
                detail: string;
            }[];
        };
    };
    responses: {
        /** @description The request does not conform to this API; `errors` lists every violation. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The application key is missing or not valid. */
        Unauthorized: {
            headers: {
                /** @description The authentication scheme expected. */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The device does not exist in the caller's tenant. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description An unexpected error; details are in the server log. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description Device identifier, unique within the tenant. */
        DeviceId: components["schemas"]["DeviceId"];
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getLatestValues: {
        parameters: {
            query?: {
                /** @description Only these attributes (repeat the parameter for several). */
                attribute?: components["schemas"]["AttributeName"][];
            };
            header?: never;
            path: {
                /** @description Device identifier, unique within the tenant. */
                deviceId: components["parameters"]["DeviceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Latest values, sorted by attribute name. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LatestValues"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
        };
    };
    listMeasurements: {
        parameters: {
            query?: {
                /** @description Inclusive start of the range (RFC 3339). Default is the beginning of the data. */
                from?: string;
                /** @description Exclusive end of the range (RFC 3339). Default is no end. */
                to?: string;
                /** @description Only measurements of this attribute. */
                attribute?: components["schemas"]["AttributeName"];
                /** @description Largest number of measurements in the page. */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description Device identifier, unique within the tenant. */
                deviceId: components["parameters"]["DeviceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of measurements. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeasurementPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
        };
    };
}
