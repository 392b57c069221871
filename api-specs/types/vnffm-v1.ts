// Generated from api-specs/vnffm-v1.yaml by api-specs/tools/generate-types.ts (openapi-typescript).
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
        get: operations["getFmApiVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alarms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Query alarms */
        get: operations["listAlarms"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alarms/{alarmId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the alarm. */
                alarmId: string;
            };
            cookie?: never;
        };
        /** Read an alarm */
        get: operations["getAlarm"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Acknowledge or un-acknowledge an alarm */
        patch: operations["acknowledgeAlarm"];
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
        get: operations["listFmSubscriptions"];
        put?: never;
        /**
         * Subscribe to alarm notifications
         * @description The callback URI is tested with GET first (it must answer 204). An identical subscription answers 303 See Other.
         */
        post: operations["createFmSubscription"];
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
                /** @description Identifier of the subscription. */
                subscriptionId: components["parameters"]["SubscriptionId"];
            };
            cookie?: never;
        };
        /** Read a subscription */
        get: operations["getFmSubscription"];
        put?: never;
        post?: never;
        /** Delete a subscription */
        delete: operations["deleteFmSubscription"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    alarm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An alarm was raised or changed */
        post: operations["notifyAlarm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    alarmCleared: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An alarm was cleared */
        post: operations["notifyAlarmCleared"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    alarmListRebuilt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The alarm list was rebuilt (e.g. after the agent restarted); read it again */
        post: operations["notifyAlarmListRebuilt"];
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
        /** @enum {string} */
        PerceivedSeverity: "CRITICAL" | "MAJOR" | "MINOR" | "WARNING" | "INDETERMINATE" | "CLEARED";
        /** @enum {string} */
        EventType: "COMMUNICATIONS_ALARM" | "PROCESSING_ERROR_ALARM" | "ENVIRONMENTAL_ALARM" | "QOS_ALARM" | "EQUIPMENT_ALARM";
        /** @enum {string} */
        FaultyResourceType: "COMPUTE" | "STORAGE" | "NETWORK";
        Alarm: {
            id: components["schemas"]["Identifier"];
            /** @description The VNF instance the alarm is about. */
            managedObjectId: components["schemas"]["Identifier"];
            /** @description The VNFCs concerned, when the alarm is about some of them. */
            vnfcInstanceIds?: components["schemas"]["Identifier"][];
            rootCauseFaultyResource?: {
                faultyResource: {
                    vimConnectionId?: string;
                    resourceProviderId?: string;
                    resourceId: string;
                    vimLevelResourceType?: string;
                };
                faultyResourceType: components["schemas"]["FaultyResourceType"];
            };
            alarmRaisedTime: components["schemas"]["DateTime"];
            alarmChangedTime?: components["schemas"]["DateTime"];
            alarmClearedTime?: components["schemas"]["DateTime"];
            alarmAcknowledgedTime?: components["schemas"]["DateTime"];
            /** @enum {string} */
            ackState: "UNACKNOWLEDGED" | "ACKNOWLEDGED";
            perceivedSeverity: components["schemas"]["PerceivedSeverity"];
            eventTime: components["schemas"]["DateTime"];
            eventType: components["schemas"]["EventType"];
            /** @description Stable identifier of the fault kind: VNFC_DOWN, BACKLOG_AGE_OVER_LIMIT or DEPENDENCY_UNREACHABLE. */
            faultType?: string;
            probableCause: string;
            isRootCause: boolean;
            correlatedAlarmIds?: components["schemas"]["Identifier"][];
            faultDetails?: string[];
            _links: {
                self: components["schemas"]["Link"];
                objectInstance?: components["schemas"]["Link"];
            };
        };
        AlarmModifications: {
            /** @enum {string} */
            ackState: "ACKNOWLEDGED" | "UNACKNOWLEDGED";
        };
        VnfInstanceSubscriptionFilter: {
            vnfdIds?: string[];
            vnfInstanceIds?: components["schemas"]["Identifier"][];
            vnfInstanceNames?: string[];
        };
        FmNotificationsFilter: {
            vnfInstanceSubscriptionFilter?: components["schemas"]["VnfInstanceSubscriptionFilter"];
            notificationTypes?: ("AlarmNotification" | "AlarmClearedNotification" | "AlarmListRebuiltNotification")[];
            faultyResourceTypes?: components["schemas"]["FaultyResourceType"][];
            perceivedSeverities?: components["schemas"]["PerceivedSeverity"][];
            eventTypes?: components["schemas"]["EventType"][];
            probableCauses?: string[];
        };
        FmSubscriptionRequest: {
            filter?: components["schemas"]["FmNotificationsFilter"];
            /** Format: uri */
            callbackUri: string;
            authentication?: components["schemas"]["SubscriptionAuthentication"];
        };
        FmSubscription: {
            id: components["schemas"]["Identifier"];
            filter?: components["schemas"]["FmNotificationsFilter"];
            /** Format: uri */
            callbackUri: string;
            _links: {
                self: components["schemas"]["Link"];
            };
        };
        AlarmNotification: {
            id: components["schemas"]["Identifier"];
            /** @constant */
            notificationType: "AlarmNotification";
            subscriptionId: components["schemas"]["Identifier"];
            timeStamp: components["schemas"]["DateTime"];
            alarm: components["schemas"]["Alarm"];
            _links: components["schemas"]["SubscriptionLinks"];
        };
        AlarmClearedNotification: {
            id: components["schemas"]["Identifier"];
            /** @constant */
            notificationType: "AlarmClearedNotification";
            subscriptionId: components["schemas"]["Identifier"];
            timeStamp: components["schemas"]["DateTime"];
            alarmId: components["schemas"]["Identifier"];
            alarmClearedTime: components["schemas"]["DateTime"];
            _links: {
                subscription: components["schemas"]["Link"];
                alarm: components["schemas"]["Link"];
            };
        };
        AlarmListRebuiltNotification: {
            id: components["schemas"]["Identifier"];
            /** @constant */
            notificationType: "AlarmListRebuiltNotification";
            subscriptionId: components["schemas"]["Identifier"];
            timeStamp: components["schemas"]["DateTime"];
            _links: {
                subscription: components["schemas"]["Link"];
                alarms: components["schemas"]["Link"];
            };
        };
        SubscriptionLinks: {
            subscription: components["schemas"]["Link"];
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
        /** @description Identifier of the subscription. */
        SubscriptionId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getFmApiVersions: {
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
    listAlarms: {
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
            /** @description The alarms that match the filter. */
            200: {
                headers: {
                    /** @description Next page (SOL013 5.4.2.3), when there is one. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Alarm"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    getAlarm: {
        parameters: {
            query?: never;
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description Identifier of the alarm. */
                alarmId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The alarm. */
            200: {
                headers: {
                    /** @description Version of the alarm, for If-Match on PATCH. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Alarm"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    acknowledgeAlarm: {
        parameters: {
            query?: never;
            header: {
                /** @description Version of the API requested (SOL013 9.1), e.g. 2.1.0. */
                Version: components["parameters"]["Version"];
                /** @description ETag of the alarm as last read; the change is refused with 412 when it moved on. */
                "If-Match"?: string;
            };
            path: {
                /** @description Identifier of the alarm. */
                alarmId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": components["schemas"]["AlarmModifications"];
            };
        };
        responses: {
            /** @description The applied modification. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlarmModifications"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            /** @description The alarm is already in the requested acknowledgement state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The If-Match ETag does not match the alarm any more. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    listFmSubscriptions: {
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
                    "application/json": components["schemas"]["FmSubscription"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    createFmSubscription: {
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
                "application/json": components["schemas"]["FmSubscriptionRequest"];
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
                    "application/json": components["schemas"]["FmSubscription"];
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
    getFmSubscription: {
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
                    "application/json": components["schemas"]["FmSubscription"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteFmSubscription: {
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
    notifyAlarm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlarmNotification"];
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
    notifyAlarmCleared: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlarmClearedNotification"];
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
    notifyAlarmListRebuilt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlarmListRebuiltNotification"];
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
