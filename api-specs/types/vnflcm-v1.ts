// Generated from api-specs/vnflcm-v1.yaml by api-specs/tools/generate-types.ts (openapi-typescript).
// Do not edit: change the specification and run `npm run api:types`.
export interface paths {
    "/api_versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Supported API versions
         * @description Needs neither a token nor the Version header (SOL013 9.3).
         */
        get: operations["getApiVersionsV1"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a VNF instance identifier
         * @description vnfdId must name the VNFD of an onboarded, ENABLED VNF package. Sends VnfIdentifierCreationNotification.
         */
        post: operations["createVnfInstanceV1"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_instances/{vnfInstanceId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description VNF instance id. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        /**
         * Read a VNF instance
         * @description The VNF instance in v2.4.1 shape.
         */
        get: operations["getVnfInstanceV1"];
        put?: never;
        post?: never;
        /**
         * Delete a VNF instance identifier
         * @description Only NOT_INSTANTIATED instances can be deleted (409 otherwise). Sends VnfIdentifierDeletionNotification.
         */
        delete: operations["deleteVnfInstanceV1"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_instances/{vnfInstanceId}/instantiate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description VNF instance id. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Instantiate a VNF
         * @description NOT_INSTANTIATED to INSTANTIATED at the requested instantiation level. Answers 202 with the Location of the operation occurrence.
         */
        post: operations["instantiateVnfV1"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_instances/{vnfInstanceId}/terminate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description VNF instance id. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Terminate a VNF
         * @description GRACEFUL drains VNFCs within gracefulTerminationTimeout; FORCEFUL stops them at once. Answers 202 with the Location of the operation occurrence.
         */
        post: operations["terminateVnfV1"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_lcm_op_occs/{vnfLcmOpOccId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Operation occurrence id. */
                vnfLcmOpOccId: components["parameters"]["VnfLcmOpOccId"];
            };
            cookie?: never;
        };
        /**
         * Read an operation occurrence
         * @description Current state of one occurrence.
         */
        get: operations["getVnfLcmOpOccV1"];
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
        /**
         * List subscriptions
         * @description SOL013 filter and paging.
         */
        get: operations["listSubscriptionsV1"];
        put?: never;
        /**
         * Subscribe to notifications
         * @description Identical filter and callbackUri: 303. The callback GET test is off by default here (ONAP SO serves no GET on /lcn).
         */
        post: operations["createSubscriptionV1"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/subscriptions/{subscriptionId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Subscription id. */
                subscriptionId: components["parameters"]["SubscriptionId"];
            };
            cookie?: never;
        };
        /**
         * Read a subscription
         * @description Credentials are never returned.
         */
        get: operations["getSubscriptionV1"];
        put?: never;
        post?: never;
        /**
         * Delete a subscription
         * @description Pending notifications are dropped.
         */
        delete: operations["deleteSubscriptionV1"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Identifier of a resource. */
        Identifier: string;
        /** @description JSON object of arbitrary attributes. */
        KeyValuePairs: {
            [key: string]: unknown;
        };
        /** @description A link to a resource. */
        Link: {
            /** Format: uri */
            href: string;
        };
        /** @description RFC 7807 problem details (SOL013 6.3); extension members may follow. */
        ProblemDetails: {
            /**
             * Format: uri
             * @description URI identifying the problem type.
             */
            type?: string;
            /** @description Short summary of the problem type. */
            title?: string;
            /** @description HTTP status code. */
            status: number;
            /** @description What went wrong in this occurrence and how to fix it. */
            detail: string;
            /** @description URI of the request that failed. */
            instance?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description SOL013 9.3 API version information. */
        ApiVersionInformation: {
            uriPrefix: string;
            apiVersions: {
                version: string;
                isDeprecated?: boolean;
                /** Format: date-time */
                retirementDate?: string;
            }[];
        };
        /** @description A VIM resource. */
        ResourceHandle: {
            vimConnectionId: components["schemas"]["Identifier"];
            resourceProviderId?: components["schemas"]["Identifier"];
            resourceId: string;
            vimLevelResourceType?: string;
        };
        /** @description Scale level of one aspect. */
        ScaleInfo: {
            aspectId: string;
            scaleLevel: number;
        };
        /** @description A VNFC; with the local-process VIM resourceId is the VNFC id and metadata holds pid and port. */
        VnfcResourceInfo: {
            id: components["schemas"]["Identifier"];
            vduId: string;
            computeResource: components["schemas"]["ResourceHandle"];
            metadata?: components["schemas"]["KeyValuePairs"];
        };
        /** @description An external virtual link of the VNF. */
        ExtVirtualLinkInfo: {
            id: components["schemas"]["Identifier"];
            resourceHandle: components["schemas"]["ResourceHandle"];
            currentVnfExtCpData?: {
                cpdId: string;
                cpConfig?: components["schemas"]["KeyValuePairs"];
            }[];
        };
        /** @description Present when INSTANTIATED. */
        InstantiatedVnfInfo: {
            flavourId: string;
            /** @enum {string} */
            vnfState: "STARTED" | "STOPPED";
            scaleStatus?: components["schemas"]["ScaleInfo"][];
            extVirtualLinkInfo?: components["schemas"]["ExtVirtualLinkInfo"][];
            localizationLanguage?: string;
            vnfcResourceInfo?: components["schemas"]["VnfcResourceInfo"][];
        };
        /** @description A VNF instance in SOL003 v2.4.1 shape (vnfPkgId, vimConnectionInfo as an array). */
        VnfInstance: {
            id: components["schemas"]["Identifier"];
            vnfInstanceName?: string;
            vnfInstanceDescription?: string;
            vnfdId: string;
            vnfProvider: string;
            vnfProductName: string;
            vnfSoftwareVersion: string;
            vnfdVersion: string;
            vnfPkgId: components["schemas"]["Identifier"];
            vnfConfigurableProperties?: components["schemas"]["KeyValuePairs"];
            /** @description VIM connections, each with its id (SOL003 v2.4.1). */
            vimConnectionInfo?: {
                id: components["schemas"]["Identifier"];
                vimId?: components["schemas"]["Identifier"];
                vimType: string;
                interfaceInfo?: components["schemas"]["KeyValuePairs"];
                accessInfo?: components["schemas"]["KeyValuePairs"];
                extra?: components["schemas"]["KeyValuePairs"];
            }[];
            /** @enum {string} */
            instantiationState: "NOT_INSTANTIATED" | "INSTANTIATED";
            instantiatedVnfInfo?: components["schemas"]["InstantiatedVnfInfo"];
            metadata?: components["schemas"]["KeyValuePairs"];
            extensions?: components["schemas"]["KeyValuePairs"];
            _links?: components["schemas"]["VnfInstanceLinks"];
        };
        /** @description Links of a VNF instance; task links appear when the state allows the task. */
        VnfInstanceLinks: {
            self: components["schemas"]["Link"];
            instantiate?: components["schemas"]["Link"];
            terminate?: components["schemas"]["Link"];
            scale?: components["schemas"]["Link"];
            scaleToLevel?: components["schemas"]["Link"];
            changeFlavour?: components["schemas"]["Link"];
            heal?: components["schemas"]["Link"];
            operate?: components["schemas"]["Link"];
            changeExtConn?: components["schemas"]["Link"];
        };
        /** @description SOL003 v2.4.1 CreateVnfRequest. */
        CreateVnfRequest: {
            vnfdId: string;
            vnfInstanceName?: string;
            vnfInstanceDescription?: string;
        };
        /** @description An external virtual link to connect. */
        ExtVirtualLinkData: {
            id: components["schemas"]["Identifier"];
            vimConnectionId?: components["schemas"]["Identifier"];
            resourceProviderId?: components["schemas"]["Identifier"];
            resourceId: string;
            extCps: {
                cpdId: string;
                cpConfig?: components["schemas"]["KeyValuePairs"];
            }[];
            extLinkPorts?: components["schemas"]["KeyValuePairs"][];
        };
        /** @description SOL003 v2.4.1 InstantiateVnfRequest as ONAP SO sends it. */
        InstantiateVnfRequest: {
            flavourId: string;
            instantiationLevelId?: string;
            extVirtualLinks?: components["schemas"]["ExtVirtualLinkData"][];
            extManagedVirtualLinks?: components["schemas"]["KeyValuePairs"][];
            /** @description VIM connections, each with its id (SOL003 v2.4.1). */
            vimConnectionInfo?: {
                id: components["schemas"]["Identifier"];
                vimId?: components["schemas"]["Identifier"];
                vimType: string;
                interfaceInfo?: components["schemas"]["KeyValuePairs"];
                accessInfo?: components["schemas"]["KeyValuePairs"];
                extra?: components["schemas"]["KeyValuePairs"];
            }[];
            localizationLanguage?: string;
            additionalParams?: components["schemas"]["KeyValuePairs"];
        };
        /** @description SOL003 5.5.2.8. */
        TerminateVnfRequest: {
            /** @enum {string} */
            terminationType: "FORCEFUL" | "GRACEFUL";
            /** @description Seconds. */
            gracefulTerminationTimeout?: number;
            additionalParams?: components["schemas"]["KeyValuePairs"];
        };
        /**
         * @description Operation occurrence state (SOL003 5.5.4.3).
         * @enum {string}
         */
        LcmOperationStateType: "STARTING" | "PROCESSING" | "COMPLETED" | "FAILED_TEMP" | "FAILED" | "ROLLING_BACK" | "ROLLED_BACK";
        /**
         * @description Lifecycle operation (SOL003 5.5.4.5).
         * @enum {string}
         */
        LcmOperationType: "INSTANTIATE" | "SCALE" | "SCALE_TO_LEVEL" | "CHANGE_FLAVOUR" | "TERMINATE" | "HEAL" | "OPERATE" | "CHANGE_EXT_CONN" | "MODIFY_INFO";
        /** @description A VNFC changed by the operation. */
        AffectedVnfc: {
            id: components["schemas"]["Identifier"];
            vduId: string;
            /** @enum {string} */
            changeType: "ADDED" | "REMOVED" | "MODIFIED" | "TEMPORARY";
            computeResource: components["schemas"]["ResourceHandle"];
            metadata?: components["schemas"]["KeyValuePairs"];
        };
        /** @description An LCM operation occurrence (SOL003 5.5.2.13). */
        VnfLcmOpOcc: {
            id: components["schemas"]["Identifier"];
            operationState: components["schemas"]["LcmOperationStateType"];
            /** Format: date-time */
            stateEnteredTime: string;
            /** Format: date-time */
            startTime: string;
            vnfInstanceId: components["schemas"]["Identifier"];
            grantId?: components["schemas"]["Identifier"];
            operation: components["schemas"]["LcmOperationType"];
            isAutomaticInvocation: boolean;
            operationParams: components["schemas"]["KeyValuePairs"];
            isCancelPending: boolean;
            /** @enum {string} */
            cancelMode?: "GRACEFUL" | "FORCEFUL";
            error?: components["schemas"]["ProblemDetails"];
            resourceChanges?: {
                affectedVnfcs?: components["schemas"]["AffectedVnfc"][];
            };
            changedInfo?: components["schemas"]["KeyValuePairs"];
            _links: {
                self: components["schemas"]["Link"];
                vnfInstance: components["schemas"]["Link"];
                grant?: components["schemas"]["Link"];
                cancel?: components["schemas"]["Link"];
                retry?: components["schemas"]["Link"];
                rollback?: components["schemas"]["Link"];
                fail?: components["schemas"]["Link"];
            };
        };
        /** @description How the VNFM authenticates towards the subscriber (write only). */
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
        /** @description SOL013 8.3.5. */
        VnfInstanceSubscriptionFilter: {
            vnfdIds?: string[];
            vnfProductsFromProviders?: {
                vnfProvider: string;
                vnfProducts?: {
                    vnfProductName: string;
                    versions?: {
                        vnfSoftwareVersion: string;
                        vnfdVersions?: string[];
                    }[];
                }[];
            }[];
            vnfInstanceIds?: components["schemas"]["Identifier"][];
            vnfInstanceNames?: string[];
        };
        /** @description SOL003 5.5.3.12. */
        LifecycleChangeNotificationsFilter: {
            vnfInstanceSubscriptionFilter?: components["schemas"]["VnfInstanceSubscriptionFilter"];
            notificationTypes?: ("VnfLcmOperationOccurrenceNotification" | "VnfIdentifierCreationNotification" | "VnfIdentifierDeletionNotification")[];
            operationTypes?: components["schemas"]["LcmOperationType"][];
            operationStates?: components["schemas"]["LcmOperationStateType"][];
        };
        /** @description SOL003 5.5.2.15. */
        LccnSubscriptionRequest: {
            filter?: components["schemas"]["LifecycleChangeNotificationsFilter"];
            /** Format: uri */
            callbackUri: string;
            authentication?: components["schemas"]["SubscriptionAuthentication"];
        };
        /** @description SOL003 5.5.2.16. */
        LccnSubscription: {
            id: components["schemas"]["Identifier"];
            filter?: components["schemas"]["LifecycleChangeNotificationsFilter"];
            /** Format: uri */
            callbackUri: string;
            _links: {
                self: components["schemas"]["Link"];
            };
        };
        /** @description SOL003 5.5.2.17. */
        VnfLcmOperationOccurrenceNotification: {
            id: components["schemas"]["Identifier"];
            /** @enum {string} */
            notificationType: "VnfLcmOperationOccurrenceNotification";
            subscriptionId: components["schemas"]["Identifier"];
            /** Format: date-time */
            timeStamp: string;
            /** @enum {string} */
            notificationStatus: "START" | "RESULT";
            operationState: components["schemas"]["LcmOperationStateType"];
            vnfInstanceId: components["schemas"]["Identifier"];
            operation: components["schemas"]["LcmOperationType"];
            isAutomaticInvocation: boolean;
            vnfLcmOpOccId: components["schemas"]["Identifier"];
            affectedVnfcs?: components["schemas"]["AffectedVnfc"][];
            changedInfo?: components["schemas"]["KeyValuePairs"];
            error?: components["schemas"]["ProblemDetails"];
            _links: components["schemas"]["LccnLinks"];
        };
        /** @description SOL003 5.5.2.18. */
        VnfIdentifierCreationNotification: {
            id: components["schemas"]["Identifier"];
            /** @enum {string} */
            notificationType: "VnfIdentifierCreationNotification";
            subscriptionId?: components["schemas"]["Identifier"];
            /** Format: date-time */
            timeStamp: string;
            vnfInstanceId: components["schemas"]["Identifier"];
            _links: components["schemas"]["LccnLinks"];
        };
        /** @description SOL003 5.5.2.19. */
        VnfIdentifierDeletionNotification: {
            id: components["schemas"]["Identifier"];
            /** @enum {string} */
            notificationType: "VnfIdentifierDeletionNotification";
            subscriptionId?: components["schemas"]["Identifier"];
            /** Format: date-time */
            timeStamp: string;
            vnfInstanceId: components["schemas"]["Identifier"];
            _links: components["schemas"]["LccnLinks"];
        };
        /** @description Links in a notification. */
        LccnLinks: {
            vnfInstance: components["schemas"]["Link"];
            subscription: components["schemas"]["Link"];
            vnfLcmOpOcc?: components["schemas"]["Link"];
        };
    };
    responses: {
        /** @description Accepted; Location names the operation occurrence. */
        Accepted: {
            headers: {
                Version: components["headers"]["Version"];
                Location: components["headers"]["Location"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Malformed request, invalid query or body; the detail lists the problem. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description No or invalid Bearer token. */
        Unauthorized: {
            headers: {
                /** @description Bearer challenge. */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description The token does not allow this. */
        Forbidden: {
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
        /** @description The Accept header or the requested API version cannot be satisfied. */
        NotAcceptable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description The state of the resource forbids the request, or another operation is in progress. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description The request is well formed but cannot be processed (semantic error, bound or callback test). */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description Unexpected server error. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
    };
    parameters: {
        /** @description SOL013 5.2 filter expression, e.g. (eq,instantiationState,INSTANTIATED);(cont,vnfInstanceName,gw). */
        Filter: string;
        /** @description Marker of the next page, taken from the Link header. */
        NextpageOpaqueMarker: string;
        /** @description VNF instance id. */
        VnfInstanceId: string;
        /** @description Operation occurrence id. */
        VnfLcmOpOccId: string;
        /** @description Subscription id. */
        SubscriptionId: string;
    };
    requestBodies: never;
    headers: {
        /** @description API version used. */
        Version: string;
        /** @description URI of the created resource or of the operation occurrence. */
        Location: string;
        /** @description Next page: <uri>; rel="next" (SOL013 5.4). */
        Link: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getApiVersionsV1: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Version information. */
            200: {
                headers: {
                    Version: components["headers"]["Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiVersionInformation"];
                };
            };
            406: components["responses"]["NotAcceptable"];
        };
    };
    createVnfInstanceV1: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateVnfRequest"];
            };
        };
        responses: {
            /** @description Created, NOT_INSTANTIATED. */
            201: {
                headers: {
                    Version: components["headers"]["Version"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VnfInstance"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            422: components["responses"]["Unprocessable"];
            500: components["responses"]["InternalError"];
        };
    };
    getVnfInstanceV1: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description VNF instance id. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The VNF instance. */
            200: {
                headers: {
                    Version: components["headers"]["Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VnfInstance"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteVnfInstanceV1: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description VNF instance id. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    Version: components["headers"]["Version"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalError"];
        };
    };
    instantiateVnfV1: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description VNF instance id. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InstantiateVnfRequest"];
            };
        };
        responses: {
            202: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalError"];
        };
    };
    terminateVnfV1: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description VNF instance id. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TerminateVnfRequest"];
            };
        };
        responses: {
            202: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalError"];
        };
    };
    getVnfLcmOpOccV1: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Operation occurrence id. */
                vnfLcmOpOccId: components["parameters"]["VnfLcmOpOccId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The occurrence. */
            200: {
                headers: {
                    Version: components["headers"]["Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VnfLcmOpOcc"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalError"];
        };
    };
    listSubscriptionsV1: {
        parameters: {
            query?: {
                /** @description SOL013 5.2 filter expression, e.g. (eq,instantiationState,INSTANTIATED);(cont,vnfInstanceName,gw). */
                filter?: components["parameters"]["Filter"];
                /** @description Marker of the next page, taken from the Link header. */
                nextpage_opaque_marker?: components["parameters"]["NextpageOpaqueMarker"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of subscriptions. */
            200: {
                headers: {
                    Version: components["headers"]["Version"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LccnSubscription"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalError"];
        };
    };
    createSubscriptionV1: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LccnSubscriptionRequest"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    Version: components["headers"]["Version"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LccnSubscription"];
                };
            };
            /** @description Same subscription exists. */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            422: components["responses"]["Unprocessable"];
            500: components["responses"]["InternalError"];
        };
    };
    getSubscriptionV1: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Subscription id. */
                subscriptionId: components["parameters"]["SubscriptionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription. */
            200: {
                headers: {
                    Version: components["headers"]["Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LccnSubscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteSubscriptionV1: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Subscription id. */
                subscriptionId: components["parameters"]["SubscriptionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    Version: components["headers"]["Version"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalError"];
        };
    };
}
