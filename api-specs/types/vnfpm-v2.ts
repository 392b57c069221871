// Generated from api-specs/vnfpm-v2.yaml by api-specs/tools/generate-types.ts (openapi-typescript).
// Do not edit: change the specification and run `npm run api:types`.
export interface paths {
    "/api-versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Supported versions of this API */
        get: operations["getPmApiVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pm_jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Query PM jobs */
        get: operations["listPmJobs"];
        put?: never;
        /** Create a PM job */
        post: operations["createPmJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pm_jobs/{pmJobId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the PM job. */
                pmJobId: components["parameters"]["PmJobId"];
            };
            cookie?: never;
        };
        /** Read a PM job */
        get: operations["getPmJob"];
        put?: never;
        post?: never;
        /** Delete a PM job and its reports */
        delete: operations["deletePmJob"];
        options?: never;
        head?: never;
        /** Change the callback URI or the authentication of a PM job */
        patch: operations["modifyPmJob"];
        trace?: never;
    };
    "/pm_jobs/{pmJobId}/reports/{reportId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the PM job. */
                pmJobId: components["parameters"]["PmJobId"];
                /** @description Identifier of the performance report. */
                reportId: string;
            };
            cookie?: never;
        };
        /** Read a performance report */
        get: operations["getPerformanceReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/thresholds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Query thresholds */
        get: operations["listThresholds"];
        put?: never;
        /** Create a threshold */
        post: operations["createThreshold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/thresholds/{thresholdId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the threshold. */
                thresholdId: string;
            };
            cookie?: never;
        };
        /** Read a threshold */
        get: operations["getThreshold"];
        put?: never;
        post?: never;
        /** Delete a threshold */
        delete: operations["deleteThreshold"];
        options?: never;
        head?: never;
        /** Change the callback URI or the authentication of a threshold */
        patch: operations["modifyThreshold"];
        trace?: never;
    };
}
export interface webhooks {
    performanceInformationAvailable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new performance report is available (sent to the PM job's callbackUri) */
        post: operations["notifyPerformanceInformationAvailable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    thresholdCrossed: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A threshold was crossed (sent to the threshold's callbackUri) */
        post: operations["notifyThresholdCrossed"];
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
        /**
         * @description Measured object type (IFA 027 7.2): a VNF instance or one of its VNFCs.
         * @enum {string}
         */
        ObjectType: "Vnf" | "Vnfc";
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
        PmJobCriteria: {
            performanceMetric?: string[];
            performanceMetricGroup?: string[];
            /** @description Seconds between two collections. */
            collectionPeriod: number;
            /** @description Seconds between two reports; a multiple of collectionPeriod. */
            reportingPeriod: number;
            /** @description No report is made after this time. */
            reportingBoundary?: components["schemas"]["DateTime"];
        };
        CreatePmJobRequest: {
            objectType: components["schemas"]["ObjectType"];
            objectInstanceIds: components["schemas"]["Identifier"][];
            /** @description VNFC ids (objectType Vnfc); then objectInstanceIds has exactly one entry. */
            subObjectInstanceIds?: components["schemas"]["Identifier"][];
            criteria: components["schemas"]["PmJobCriteria"];
            /** Format: uri */
            callbackUri: string;
            authentication?: components["schemas"]["SubscriptionAuthentication"];
        };
        ReportReference: {
            /** Format: uri */
            href: string;
            readyTime: components["schemas"]["DateTime"];
            expiryTime?: components["schemas"]["DateTime"];
            fileSize?: number;
        };
        PmJob: {
            id: components["schemas"]["Identifier"];
            objectType: components["schemas"]["ObjectType"];
            objectInstanceIds: components["schemas"]["Identifier"][];
            subObjectInstanceIds?: components["schemas"]["Identifier"][];
            criteria: components["schemas"]["PmJobCriteria"];
            /** Format: uri */
            callbackUri: string;
            reports?: components["schemas"]["ReportReference"][];
            _links: {
                self: components["schemas"]["Link"];
                objects?: components["schemas"]["Link"][];
            };
        };
        PmJobModifications: {
            /** Format: uri */
            callbackUri?: string;
            authentication?: components["schemas"]["SubscriptionAuthentication"];
        };
        PerformanceValue: {
            timeStamp: components["schemas"]["DateTime"];
            /** @description The KPI value in its unit (docs/kpis.md). */
            value: number;
            context?: Record<string, never>;
        };
        PerformanceReport: {
            entries: {
                objectType: components["schemas"]["ObjectType"];
                objectInstanceId: components["schemas"]["Identifier"];
                subObjectInstanceId?: components["schemas"]["Identifier"];
                performanceMetric: string;
                performanceValues?: components["schemas"]["PerformanceValue"][];
            }[];
        };
        ThresholdCriteria: {
            performanceMetric: string;
            /** @enum {string} */
            thresholdType: "SIMPLE";
            simpleThresholdDetails: {
                thresholdValue: number;
                /** @description Non-negative: the value must move this far back across the threshold before a new crossing counts. */
                hysteresis: number;
            };
        };
        CreateThresholdRequest: {
            objectType: components["schemas"]["ObjectType"];
            objectInstanceId: components["schemas"]["Identifier"];
            subObjectInstanceIds?: components["schemas"]["Identifier"][];
            criteria: components["schemas"]["ThresholdCriteria"];
            /** Format: uri */
            callbackUri: string;
            authentication?: components["schemas"]["SubscriptionAuthentication"];
        };
        Threshold: {
            id: components["schemas"]["Identifier"];
            objectType: components["schemas"]["ObjectType"];
            objectInstanceId: components["schemas"]["Identifier"];
            subObjectInstanceIds?: components["schemas"]["Identifier"][];
            criteria: components["schemas"]["ThresholdCriteria"];
            /** Format: uri */
            callbackUri: string;
            _links: {
                self: components["schemas"]["Link"];
                object?: components["schemas"]["Link"];
            };
        };
        ThresholdModifications: {
            /** Format: uri */
            callbackUri?: string;
            authentication?: components["schemas"]["SubscriptionAuthentication"];
        };
        PerformanceInformationAvailableNotification: {
            id: components["schemas"]["Identifier"];
            /** @constant */
            notificationType: "PerformanceInformationAvailableNotification";
            timeStamp: components["schemas"]["DateTime"];
            pmJobId: components["schemas"]["Identifier"];
            objectType: components["schemas"]["ObjectType"];
            objectInstanceId: components["schemas"]["Identifier"];
            subObjectInstanceIds?: components["schemas"]["Identifier"][];
            _links: {
                objectInstance?: components["schemas"]["Link"];
                pmJob: components["schemas"]["Link"];
                performanceReport: components["schemas"]["Link"];
            };
        };
        ThresholdCrossedNotification: {
            id: components["schemas"]["Identifier"];
            /** @constant */
            notificationType: "ThresholdCrossedNotification";
            timeStamp: components["schemas"]["DateTime"];
            thresholdId: components["schemas"]["Identifier"];
            /** @enum {string} */
            crossingDirection: "UP" | "DOWN";
            objectType: components["schemas"]["ObjectType"];
            objectInstanceId: components["schemas"]["Identifier"];
            subObjectInstanceId?: components["schemas"]["Identifier"];
            performanceMetric: string;
            performanceValue: number;
            context?: Record<string, never>;
            _links: {
                objectInstance?: components["schemas"]["Link"];
                threshold: components["schemas"]["Link"];
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
        /** @description Identifier of the PM job. */
        PmJobId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getPmApiVersions: {
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
    listPmJobs: {
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
            /** @description The PM jobs that match the filter. */
            200: {
                headers: {
                    /** @description Next page (SOL013 5.4.2.3), when there is one. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PmJob"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    createPmJob: {
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
                "application/json": components["schemas"]["CreatePmJobRequest"];
            };
        };
        responses: {
            /** @description The PM job was created; `Location` names it. */
            201: {
                headers: {
                    /** @description URI of the created PM job. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PmJob"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Unprocessable"];
        };
    };
    getPmJob: {
        parameters: {
            query?: never;
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Identifier of the PM job. */
                pmJobId: components["parameters"]["PmJobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PM job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PmJob"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    deletePmJob: {
        parameters: {
            query?: never;
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Identifier of the PM job. */
                pmJobId: components["parameters"]["PmJobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PM job was deleted. */
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
    modifyPmJob: {
        parameters: {
            query?: never;
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Identifier of the PM job. */
                pmJobId: components["parameters"]["PmJobId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": components["schemas"]["PmJobModifications"];
            };
        };
        responses: {
            /** @description The applied modifications (credentials are never echoed). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PmJobModifications"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
        };
    };
    getPerformanceReport: {
        parameters: {
            query?: never;
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Identifier of the PM job. */
                pmJobId: components["parameters"]["PmJobId"];
                /** @description Identifier of the performance report. */
                reportId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PerformanceReport"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    listThresholds: {
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
            /** @description The thresholds that match the filter. */
            200: {
                headers: {
                    /** @description Next page (SOL013 5.4.2.3), when there is one. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Threshold"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    createThreshold: {
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
                "application/json": components["schemas"]["CreateThresholdRequest"];
            };
        };
        responses: {
            /** @description The threshold was created; `Location` names it. */
            201: {
                headers: {
                    /** @description URI of the created threshold. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Threshold"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Unprocessable"];
        };
    };
    getThreshold: {
        parameters: {
            query?: never;
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Identifier of the threshold. */
                thresholdId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The threshold. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Threshold"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteThreshold: {
        parameters: {
            query?: never;
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Identifier of the threshold. */
                thresholdId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The threshold was deleted. */
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
    modifyThreshold: {
        parameters: {
            query?: never;
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Identifier of the threshold. */
                thresholdId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": components["schemas"]["ThresholdModifications"];
            };
        };
        responses: {
            /** @description The applied modifications (credentials are never echoed). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThresholdModifications"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
        };
    };
    notifyPerformanceInformationAvailable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PerformanceInformationAvailableNotification"];
            };
        };
        responses: {
            /** @description The notification was delivered. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    notifyThresholdCrossed: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ThresholdCrossedNotification"];
            };
        };
        responses: {
            /** @description The notification was delivered. */
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
