// Generated from api-specs/vnfind-v1.yaml by api-specs/tools/generate-types.ts (openapi-typescript).
// Do not edit: change the specification and run `npm run api:types`.
export interface paths {
    "/api_versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Supported versions of this API */
        get: operations["getIndicatorApiVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/indicators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Indicators of all VNF instances */
        get: operations["listIndicators"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/indicators/{vnfInstanceId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the VNF instance. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        /** Indicators of one VNF instance */
        get: operations["listIndicatorsOfVnfInstance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/indicators/{vnfInstanceId}/{indicatorId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the VNF instance. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
                /** @description Identifier of the indicator (the KPI id of the descriptor). */
                indicatorId: string;
            };
            cookie?: never;
        };
        /** One indicator of one VNF instance */
        get: operations["getIndicator"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Query subscriptions */
        get: operations["listIndicatorSubscriptions"];
        put?: never;
        /**
         * Subscribe to indicator notifications
         * @description The callback URI is tested with GET first (it must answer 204). An identical subscription answers 303 See Other.
         */
        post: operations["createIndicatorSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/indicators/subscriptions/{subscriptionId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the subscription. */
                subscriptionId: components["parameters"]["SubscriptionId"];
            };
            cookie?: never;
        };
        /**
         * Read a subscription
         * @description The path is the one of the SOL003 V3.3.1 OpenAPI file; `/subscriptions/{subscriptionId}` is served too.
         */
        get: operations["getIndicatorSubscription"];
        put?: never;
        post?: never;
        /** Delete a subscription */
        delete: operations["deleteIndicatorSubscription"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    indicatorValueChange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The value of an indicator changed */
        post: operations["notifyIndicatorValueChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    supportedIndicatorsChange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The set of indicators of a VNF instance changed (instantiated, or its package changed) */
        post: operations["notifySupportedIndicatorsChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        Identifier: string;
        /** Format: date-time */
        DateTime: string;
        Link: {
            /** Format: uri */
            href: string;
        };
        ProblemDetails: {
            /** Format: uri */
            type?: string;
            title?: string;
            status: number;
            detail: string;
            /**
             * Format: uri-reference
             * @description The request path the problem occurred on (a URI reference).
             */
            instance?: string;
        };
        ApiVersionInformation: {
            uriPrefix: string;
            apiVersions: {
                version: string;
                isDeprecated?: boolean;
                retirementDate?: components["schemas"]["DateTime"];
            }[];
        };
        /** @description How the VNFM authenticates when it calls the callback URI (SOL013 8.3.4). */
        SubscriptionAuthentication: {
            authType: ("BASIC" | "OAUTH2_CLIENT_CREDENTIALS" | "TLS_CERT")[];
            paramsBasic?: {
                userName?: string;
                password?: string;
            };
            paramsOauth2ClientCredentials?: {
                clientId?: string;
                clientPassword?: string;
                /** Format: uri */
                tokenEndpoint?: string;
            };
        };
        VnfIndicator: {
            id: components["schemas"]["Identifier"];
            name?: string;
            /** @description Current value, in the unit of the KPI (docs/kpis.md). */
            value: number;
            vnfInstanceId: components["schemas"]["Identifier"];
            _links: {
                self: components["schemas"]["Link"];
                vnfInstance: components["schemas"]["Link"];
            };
        };
        VnfInstanceSubscriptionFilter: {
            vnfdIds?: string[];
            vnfInstanceIds?: components["schemas"]["Identifier"][];
            vnfInstanceNames?: string[];
        };
        VnfIndicatorNotificationsFilter: {
            vnfInstanceSubscriptionFilter?: components["schemas"]["VnfInstanceSubscriptionFilter"];
            notificationTypes?: ("VnfIndicatorValueChangeNotification" | "SupportedIndicatorsChangeNotification")[];
            indicatorIds?: components["schemas"]["Identifier"][];
        };
        VnfIndicatorSubscriptionRequest: {
            filter?: components["schemas"]["VnfIndicatorNotificationsFilter"];
            /** Format: uri */
            callbackUri: string;
            authentication?: components["schemas"]["SubscriptionAuthentication"];
        };
        VnfIndicatorSubscription: {
            id: components["schemas"]["Identifier"];
            filter?: components["schemas"]["VnfIndicatorNotificationsFilter"];
            /** Format: uri */
            callbackUri: string;
            _links: {
                self: components["schemas"]["Link"];
            };
        };
        VnfIndicatorValueChangeNotification: {
            id: components["schemas"]["Identifier"];
            /** @constant */
            notificationType: "VnfIndicatorValueChangeNotification";
            subscriptionId: components["schemas"]["Identifier"];
            timeStamp: components["schemas"]["DateTime"];
            vnfIndicatorId: components["schemas"]["Identifier"];
            name?: string;
            value: number;
            vnfInstanceId: components["schemas"]["Identifier"];
            _links: {
                vnfInstance: components["schemas"]["Link"];
                subscription: components["schemas"]["Link"];
            };
        };
        SupportedIndicatorsChangeNotification: {
            id: components["schemas"]["Identifier"];
            /** @constant */
            notificationType: "SupportedIndicatorsChangeNotification";
            subscriptionId: components["schemas"]["Identifier"];
            timeStamp: components["schemas"]["DateTime"];
            vnfInstanceId: components["schemas"]["Identifier"];
            supportedIndicators?: {
                vnfIndicatorId: components["schemas"]["Identifier"];
                name?: string;
            }[];
            _links: {
                vnfInstance: components["schemas"]["Link"];
                subscription: components["schemas"]["Link"];
            };
        };
    };
    responses: {
        /** @description Malformed request, unknown filter attribute or invalid body. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description Missing or invalid bearer token. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description No such resource. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description Well-formed but not acceptable (unknown VNF instance or metric, callback test failed). */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
    };
    parameters: {
        /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
        Version: string;
        /** @description Attribute-based filter (SOL013 5.2), e.g. `(eq,objectType,Vnf)`. */
        Filter: string;
        /** @description Marker of the page to return (SOL013 5.4.2). */
        NextpageOpaqueMarker: string;
        /** @description Identifier of the VNF instance. */
        VnfInstanceId: string;
        /** @description Identifier of the subscription. */
        SubscriptionId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getIndicatorApiVersions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The API versions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiVersionInformation"];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    listIndicators: {
        parameters: {
            query?: {
                /** @description Attribute-based filter (SOL013 5.2), e.g. `(eq,objectType,Vnf)`. */
                filter?: components["parameters"]["Filter"];
                /** @description Marker of the page to return (SOL013 5.4.2). */
                nextpage_opaque_marker?: components["parameters"]["NextpageOpaqueMarker"];
            };
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The indicators that match the filter. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VnfIndicator"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    listIndicatorsOfVnfInstance: {
        parameters: {
            query?: {
                /** @description Attribute-based filter (SOL013 5.2), e.g. `(eq,objectType,Vnf)`. */
                filter?: components["parameters"]["Filter"];
                /** @description Marker of the page to return (SOL013 5.4.2). */
                nextpage_opaque_marker?: components["parameters"]["NextpageOpaqueMarker"];
            };
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Identifier of the VNF instance. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The indicators of the VNF instance. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VnfIndicator"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    getIndicator: {
        parameters: {
            query?: never;
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Identifier of the VNF instance. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
                /** @description Identifier of the indicator (the KPI id of the descriptor). */
                indicatorId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The indicator. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VnfIndicator"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    listIndicatorSubscriptions: {
        parameters: {
            query?: {
                /** @description Attribute-based filter (SOL013 5.2), e.g. `(eq,objectType,Vnf)`. */
                filter?: components["parameters"]["Filter"];
                /** @description Marker of the page to return (SOL013 5.4.2). */
                nextpage_opaque_marker?: components["parameters"]["NextpageOpaqueMarker"];
            };
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscriptions that match the filter. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VnfIndicatorSubscription"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    createIndicatorSubscription: {
        parameters: {
            query?: never;
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VnfIndicatorSubscriptionRequest"];
            };
        };
        responses: {
            /** @description The subscription was created; `Location` names it. */
            201: {
                headers: {
                    /** @description URI of the subscription. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VnfIndicatorSubscription"];
                };
            };
            /** @description An identical subscription exists; `Location` names it. */
            303: {
                headers: {
                    /** @description URI of the existing subscription. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Unprocessable"];
        };
    };
    getIndicatorSubscription: {
        parameters: {
            query?: never;
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Identifier of the subscription. */
                subscriptionId: components["parameters"]["SubscriptionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VnfIndicatorSubscription"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteIndicatorSubscription: {
        parameters: {
            query?: never;
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Identifier of the subscription. */
                subscriptionId: components["parameters"]["SubscriptionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription was deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    notifyIndicatorValueChange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VnfIndicatorValueChangeNotification"];
            };
        };
        responses: {
            /** @description Delivered. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    notifySupportedIndicatorsChange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SupportedIndicatorsChangeNotification"];
            };
        };
        responses: {
            /** @description Delivered. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
        };
    };
}
