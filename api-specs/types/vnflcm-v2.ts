// Generated from api-specs/vnflcm-v2.yaml by api-specs/tools/generate-types.ts (openapi-typescript).
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
        get: operations["getApiVersions"];
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
        /**
         * List VNF instances
         * @description SOL013 filter, selectors (exclude_default by default) and paging.
         */
        get: operations["listVnfInstances"];
        put?: never;
        /**
         * Create a VNF instance identifier
         * @description vnfdId must name the VNFD of an onboarded, ENABLED VNF package. Sends VnfIdentifierCreationNotification.
         */
        post: operations["createVnfInstance"];
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
         * @description ETag carries the version that If-Match refers to.
         */
        get: operations["getVnfInstance"];
        put?: never;
        post?: never;
        /**
         * Delete a VNF instance identifier
         * @description Only NOT_INSTANTIATED instances can be deleted (409 otherwise). Sends VnfIdentifierDeletionNotification.
         */
        delete: operations["deleteVnfInstance"];
        options?: never;
        head?: never;
        /**
         * Modify VNF instance information
         * @description JSON Merge Patch (RFC 7396) of the modifiable attributes; runs as a MODIFY_INFO operation occurrence.
         */
        patch: operations["modifyVnfInstance"];
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
        post: operations["instantiateVnf"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_instances/{vnfInstanceId}/scale": {
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
         * Scale a VNF
         * @description Moves one scaling aspect by numberOfSteps; bounds from max_scale_level and vdu_profile (409 naming the bound). Answers 202 with the Location of the operation occurrence.
         */
        post: operations["scaleVnf"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_instances/{vnfInstanceId}/scale_to_level": {
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
         * Scale a VNF to a level
         * @description Target as an instantiation level or per-aspect scale levels. Answers 202 with the Location of the operation occurrence.
         */
        post: operations["scaleVnfToLevel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_instances/{vnfInstanceId}/change_flavour": {
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
         * Change the deployment flavour
         * @description Replaces the VNFCs of the current flavour by those of the new one. Answers 202 with the Location of the operation occurrence.
         */
        post: operations["changeVnfFlavour"];
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
        post: operations["terminateVnf"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_instances/{vnfInstanceId}/heal": {
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
         * Heal a VNF
         * @description Replaces failed VNFCs, or those listed in additionalParams.vnfcInstanceId. Answers 202 with the Location of the operation occurrence.
         */
        post: operations["healVnf"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_instances/{vnfInstanceId}/operate": {
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
         * Start or stop a VNF
         * @description STOPPED stops every VNFC; STARTED starts them again. Answers 202 with the Location of the operation occurrence.
         */
        post: operations["operateVnf"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_instances/{vnfInstanceId}/change_ext_conn": {
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
         * Change external connectivity
         * @description Updates the external virtual links of the VNF. Answers 202 with the Location of the operation occurrence.
         */
        post: operations["changeExtConn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_lcm_op_occs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List operation occurrences
         * @description SOL013 filter, selectors and paging.
         */
        get: operations["listVnfLcmOpOccs"];
        put?: never;
        post?: never;
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
        get: operations["getVnfLcmOpOcc"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_lcm_op_occs/{vnfLcmOpOccId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Operation occurrence id. */
                vnfLcmOpOccId: components["parameters"]["VnfLcmOpOccId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry an operation occurrence
         * @description FAILED_TEMP to PROCESSING; steps already done are not repeated. 409 in any other state.
         */
        post: operations["retryVnfLcmOpOcc"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_lcm_op_occs/{vnfLcmOpOccId}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Operation occurrence id. */
                vnfLcmOpOccId: components["parameters"]["VnfLcmOpOccId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roll back an operation occurrence
         * @description FAILED_TEMP to ROLLING_BACK, then ROLLED_BACK with the instance as it was before. 409 in any other state.
         */
        post: operations["rollbackVnfLcmOpOcc"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_lcm_op_occs/{vnfLcmOpOccId}/fail": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Operation occurrence id. */
                vnfLcmOpOccId: components["parameters"]["VnfLcmOpOccId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark as failed an operation occurrence
         * @description FAILED_TEMP to FAILED (final). 409 in any other state.
         */
        post: operations["failVnfLcmOpOcc"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_lcm_op_occs/{vnfLcmOpOccId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Operation occurrence id. */
                vnfLcmOpOccId: components["parameters"]["VnfLcmOpOccId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an operation occurrence
         * @description STARTING ends ROLLED_BACK; PROCESSING and ROLLING_BACK end FAILED_TEMP at the next step. 409 in any other state.
         */
        post: operations["cancelVnfLcmOpOcc"];
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
        get: operations["listSubscriptions"];
        put?: never;
        /**
         * Subscribe to notifications
         * @description Identical filter and callbackUri: 303 to the existing subscription. The callback is tested with GET (configurable).
         */
        post: operations["createSubscription"];
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
        get: operations["getSubscription"];
        put?: never;
        post?: never;
        /**
         * Delete a subscription
         * @description Pending notifications are dropped.
         */
        delete: operations["deleteSubscription"];
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
        /** @description How to reach a VIM; credentials in accessInfo are not returned. */
        VimConnectionInfo: {
            vimId?: components["schemas"]["Identifier"];
            vimType: string;
            interfaceInfo?: components["schemas"]["KeyValuePairs"];
            accessInfo?: components["schemas"]["KeyValuePairs"];
            extra?: components["schemas"]["KeyValuePairs"];
        };
        /** @description A VIM resource. */
        ResourceHandle: {
            vimConnectionId?: components["schemas"]["Identifier"];
            resourceProviderId?: components["schemas"]["Identifier"];
            resourceId: string;
            vimLevelResourceType?: string;
        };
        /** @description Scale level of one aspect. */
        ScaleInfo: {
            aspectId: string;
            vnfdId?: string;
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
            currentVnfExtCpData: {
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
            maxScaleLevels?: components["schemas"]["ScaleInfo"][];
            extVirtualLinkInfo?: components["schemas"]["ExtVirtualLinkInfo"][];
            localizationLanguage?: string;
            vnfcResourceInfo?: components["schemas"]["VnfcResourceInfo"][];
        };
        /** @description A VNF instance (SOL003 5.5.2.2). */
        VnfInstance: {
            id: components["schemas"]["Identifier"];
            vnfInstanceName?: string;
            vnfInstanceDescription?: string;
            vnfdId: string;
            vnfProvider: string;
            vnfProductName: string;
            vnfSoftwareVersion: string;
            vnfdVersion: string;
            vnfConfigurableProperties?: components["schemas"]["KeyValuePairs"];
            /** @description Map of VIM connections by id. */
            vimConnectionInfo?: {
                [key: string]: components["schemas"]["VimConnectionInfo"];
            };
            /** @enum {string} */
            instantiationState: "NOT_INSTANTIATED" | "INSTANTIATED";
            instantiatedVnfInfo?: components["schemas"]["InstantiatedVnfInfo"];
            metadata?: components["schemas"]["KeyValuePairs"];
            extensions?: components["schemas"]["KeyValuePairs"];
            _links: components["schemas"]["VnfInstanceLinks"];
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
        /** @description SOL003 5.5.2.3. */
        CreateVnfRequest: {
            vnfdId: string;
            vnfInstanceName?: string;
            vnfInstanceDescription?: string;
            metadata?: components["schemas"]["KeyValuePairs"];
        };
        /** @description SOL003 5.5.2.12, a JSON Merge Patch. */
        VnfInfoModificationRequest: {
            vnfInstanceName?: string | null;
            vnfInstanceDescription?: string | null;
            vnfConfigurableProperties?: components["schemas"]["KeyValuePairs"];
            metadata?: components["schemas"]["KeyValuePairs"];
            extensions?: components["schemas"]["KeyValuePairs"];
            vimConnectionInfo?: {
                [key: string]: components["schemas"]["VimConnectionInfo"];
            };
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
        /** @description SOL003 5.5.2.4. additionalParams IVF_* keys become VNFC environment variables. */
        InstantiateVnfRequest: {
            flavourId: string;
            instantiationLevelId?: string;
            extVirtualLinks?: components["schemas"]["ExtVirtualLinkData"][];
            extManagedVirtualLinks?: components["schemas"]["KeyValuePairs"][];
            vimConnectionInfo?: {
                [key: string]: components["schemas"]["VimConnectionInfo"];
            };
            localizationLanguage?: string;
            additionalParams?: components["schemas"]["KeyValuePairs"];
            extensions?: components["schemas"]["KeyValuePairs"];
            vnfConfigurableProperties?: components["schemas"]["KeyValuePairs"];
        };
        /** @description SOL003 5.5.2.5. additionalParams.isAutomaticInvocation=true marks an auto-scaling request. */
        ScaleVnfRequest: {
            /** @enum {string} */
            type: "SCALE_OUT" | "SCALE_IN";
            aspectId: string;
            /** @default 1 */
            numberOfSteps: number;
            additionalParams?: components["schemas"]["KeyValuePairs"];
        };
        /** @description SOL003 5.5.2.6: exactly one of instantiationLevelId and scaleInfo. */
        ScaleVnfToLevelRequest: {
            instantiationLevelId?: string;
            scaleInfo?: components["schemas"]["ScaleInfo"][];
            additionalParams?: components["schemas"]["KeyValuePairs"];
        } & (unknown | unknown);
        /** @description SOL003 5.5.2.7. */
        ChangeVnfFlavourRequest: {
            newFlavourId: string;
            instantiationLevelId?: string;
            extVirtualLinks?: components["schemas"]["ExtVirtualLinkData"][];
            extManagedVirtualLinks?: components["schemas"]["KeyValuePairs"][];
            vimConnectionInfo?: {
                [key: string]: components["schemas"]["VimConnectionInfo"];
            };
            additionalParams?: components["schemas"]["KeyValuePairs"];
            extensions?: components["schemas"]["KeyValuePairs"];
            vnfConfigurableProperties?: components["schemas"]["KeyValuePairs"];
        };
        /** @description SOL003 5.5.2.8. */
        TerminateVnfRequest: {
            /** @enum {string} */
            terminationType: "FORCEFUL" | "GRACEFUL";
            /** @description Seconds. */
            gracefulTerminationTimeout?: number;
            additionalParams?: components["schemas"]["KeyValuePairs"];
        };
        /** @description SOL003 5.5.2.9. Without VNFC ids every VNFC that is not running and ready is replaced. additionalParams.isAutomaticInvocation=true marks an auto-heal. */
        HealVnfRequest: {
            /** @description VNFCs to replace (SOL002/Tacker style; also accepted in additionalParams). */
            vnfcInstanceId?: string[];
            cause?: string;
            additionalParams?: components["schemas"]["KeyValuePairs"];
        };
        /** @description SOL003 5.5.2.10. */
        OperateVnfRequest: {
            /** @enum {string} */
            changeStateTo: "STARTED" | "STOPPED";
            /** @enum {string} */
            stopType?: "FORCEFUL" | "GRACEFUL";
            gracefulStopTimeout?: number;
            additionalParams?: components["schemas"]["KeyValuePairs"];
        };
        /** @description SOL003 5.5.2.11. */
        ChangeExtVnfConnectivityRequest: {
            extVirtualLinks: components["schemas"]["ExtVirtualLinkData"][];
            vimConnectionInfo?: {
                [key: string]: components["schemas"]["VimConnectionInfo"];
            };
            additionalParams?: components["schemas"]["KeyValuePairs"];
        };
        /** @description SOL003 5.5.2.14. */
        CancelMode: {
            /** @enum {string} */
            cancelMode: "GRACEFUL" | "FORCEFUL";
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
            operationParams?: components["schemas"]["KeyValuePairs"];
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
            /** @enum {string} */
            verbosity?: "FULL" | "SHORT";
        };
        /** @description SOL003 5.5.2.16. */
        LccnSubscription: {
            id: components["schemas"]["Identifier"];
            filter?: components["schemas"]["LifecycleChangeNotificationsFilter"];
            /** Format: uri */
            callbackUri: string;
            /** @enum {string} */
            verbosity: "FULL" | "SHORT";
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
        /** @description If-Match does not match the current ETag. */
        PreconditionFailed: {
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
        /** @description API version requested (SOL013 4.2), 2.0.0. */
        Version: string;
        /** @description SOL013 5.2 filter expression, e.g. (eq,instantiationState,INSTANTIATED);(cont,vnfInstanceName,gw). */
        Filter: string;
        /** @description Include every attribute (SOL013 5.3). */
        AllFields: string;
        /** @description Complex attributes to include, comma separated, "/" for nesting. */
        Fields: string;
        /** @description Complex attributes to leave out. */
        ExcludeFields: string;
        /** @description Leave out the attributes excluded by default (the default for lists). */
        ExcludeDefault: string;
        /** @description Marker of the next page, taken from the Link header. */
        NextpageOpaqueMarker: string;
        /** @description VNF instance id. */
        VnfInstanceId: string;
        /** @description Operation occurrence id. */
        VnfLcmOpOccId: string;
        /** @description Subscription id. */
        SubscriptionId: string;
        /** @description ETag last read; 412 when the instance changed. */
        IfMatch: string;
    };
    requestBodies: never;
    headers: {
        /** @description API version used. */
        Version: string;
        /** @description URI of the created resource or of the operation occurrence. */
        Location: string;
        /** @description Next page: <uri>; rel="next" (SOL013 5.4). */
        Link: string;
        /** @description Version of the resource, for If-Match. */
        ETag: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getApiVersions: {
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
    listVnfInstances: {
        parameters: {
            query?: {
                /** @description SOL013 5.2 filter expression, e.g. (eq,instantiationState,INSTANTIATED);(cont,vnfInstanceName,gw). */
                filter?: components["parameters"]["Filter"];
                /** @description Include every attribute (SOL013 5.3). */
                all_fields?: components["parameters"]["AllFields"];
                /** @description Complex attributes to include, comma separated, "/" for nesting. */
                fields?: components["parameters"]["Fields"];
                /** @description Complex attributes to leave out. */
                exclude_fields?: components["parameters"]["ExcludeFields"];
                /** @description Leave out the attributes excluded by default (the default for lists). */
                exclude_default?: components["parameters"]["ExcludeDefault"];
                /** @description Marker of the next page, taken from the Link header. */
                nextpage_opaque_marker?: components["parameters"]["NextpageOpaqueMarker"];
            };
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of VNF instances. */
            200: {
                headers: {
                    Version: components["headers"]["Version"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VnfInstance"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalError"];
        };
    };
    createVnfInstance: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
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
    getVnfInstance: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
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
                    ETag: components["headers"]["ETag"];
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
    deleteVnfInstance: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
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
    modifyVnfInstance: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
                /** @description ETag last read; 412 when the instance changed. */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /** @description VNF instance id. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": components["schemas"]["VnfInfoModificationRequest"];
                "application/json": components["schemas"]["VnfInfoModificationRequest"];
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
            412: components["responses"]["PreconditionFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    instantiateVnf: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
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
    scaleVnf: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description VNF instance id. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScaleVnfRequest"];
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
    scaleVnfToLevel: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description VNF instance id. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScaleVnfToLevelRequest"];
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
    changeVnfFlavour: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description VNF instance id. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeVnfFlavourRequest"];
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
    terminateVnf: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
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
    healVnf: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description VNF instance id. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["HealVnfRequest"];
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
    operateVnf: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description VNF instance id. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OperateVnfRequest"];
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
    changeExtConn: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description VNF instance id. */
                vnfInstanceId: components["parameters"]["VnfInstanceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeExtVnfConnectivityRequest"];
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
    listVnfLcmOpOccs: {
        parameters: {
            query?: {
                /** @description SOL013 5.2 filter expression, e.g. (eq,instantiationState,INSTANTIATED);(cont,vnfInstanceName,gw). */
                filter?: components["parameters"]["Filter"];
                /** @description Include every attribute (SOL013 5.3). */
                all_fields?: components["parameters"]["AllFields"];
                /** @description Complex attributes to include, comma separated, "/" for nesting. */
                fields?: components["parameters"]["Fields"];
                /** @description Complex attributes to leave out. */
                exclude_fields?: components["parameters"]["ExcludeFields"];
                /** @description Leave out the attributes excluded by default (the default for lists). */
                exclude_default?: components["parameters"]["ExcludeDefault"];
                /** @description Marker of the next page, taken from the Link header. */
                nextpage_opaque_marker?: components["parameters"]["NextpageOpaqueMarker"];
            };
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of occurrences. */
            200: {
                headers: {
                    Version: components["headers"]["Version"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VnfLcmOpOcc"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalError"];
        };
    };
    getVnfLcmOpOcc: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
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
    retryVnfLcmOpOcc: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Operation occurrence id. */
                vnfLcmOpOccId: components["parameters"]["VnfLcmOpOccId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted. */
            202: {
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
    rollbackVnfLcmOpOcc: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Operation occurrence id. */
                vnfLcmOpOccId: components["parameters"]["VnfLcmOpOccId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted. */
            202: {
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
    failVnfLcmOpOcc: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Operation occurrence id. */
                vnfLcmOpOccId: components["parameters"]["VnfLcmOpOccId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The occurrence, now FAILED. */
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
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalError"];
        };
    };
    cancelVnfLcmOpOcc: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Operation occurrence id. */
                vnfLcmOpOccId: components["parameters"]["VnfLcmOpOccId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancelMode"];
            };
        };
        responses: {
            /** @description Accepted. */
            202: {
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
    listSubscriptions: {
        parameters: {
            query?: {
                /** @description SOL013 5.2 filter expression, e.g. (eq,instantiationState,INSTANTIATED);(cont,vnfInstanceName,gw). */
                filter?: components["parameters"]["Filter"];
                /** @description Marker of the next page, taken from the Link header. */
                nextpage_opaque_marker?: components["parameters"]["NextpageOpaqueMarker"];
            };
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
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
    createSubscription: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
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
    getSubscription: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
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
    deleteSubscription: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.0.0. */
                Version: components["parameters"]["Version"];
            };
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
