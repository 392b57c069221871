// Generated from api-specs/cloud-api.yaml by api-specs/tools/generate-types.ts (openapi-typescript).
// Do not edit: change the specification and run `npm run api:types`.
export interface paths {
    "/v1/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the devices of the caller's tenant
         * @description One page of devices sorted by id. `search` keeps devices whose id starts with it;
         *     `groupId` keeps the members of one group. `total` counts the matching devices of the
         *     caller's tenant only.
         */
        get: operations["listDevices"];
        put?: never;
        /** Register a device in one of the tenant's groups (tenant-admin) */
        post: operations["createDevice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/devices/{deviceId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Device identifier, unique within the tenant. */
                deviceId: components["parameters"]["DeviceId"];
            };
            cookie?: never;
        };
        /** A device, with its group's static attributes merged in */
        get: operations["getDevice"];
        /** Replace a device's settings; may move it to another group (tenant-admin) */
        put: operations["updateDevice"];
        post?: never;
        /**
         * Remove a device from the registry (tenant-admin)
         * @description Its measurements stay until the tenant's retention removes them.
         */
        delete: operations["deleteDevice"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the device groups of the caller's tenant */
        get: operations["listGroups"];
        put?: never;
        /** Create a device group; its device API key is shown once (tenant-admin) */
        post: operations["createGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/groups/{groupId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Device group identifier, unique within the tenant. */
                groupId: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        /** A device group (never its API key) */
        get: operations["getGroup"];
        /** Replace a group's settings; the API key is kept (tenant-admin) */
        put: operations["updateGroup"];
        post?: never;
        /** Delete a group without devices (tenant-admin) */
        delete: operations["deleteGroup"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
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
    "/v1/devices/{deviceId}/attributes/{attribute}/aggregates": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Device identifier, unique within the tenant. */
                deviceId: components["parameters"]["DeviceId"];
                /** @description The attribute to aggregate. */
                attribute: components["schemas"]["AttributeName"];
            };
            cookie?: never;
        };
        /**
         * Count, minimum, maximum, mean and sum of an attribute per time bucket
         * @description Computed from the raw readings with `from <= timestamp < to`, in buckets aligned to the
         *     epoch in UTC. Non-numeric readings are counted in `skippedNonNumeric`, never mixed in.
         *     A range holding more readings than the server's scan limit is refused with 422.
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
    "/v1/devices/{deviceId}/commands": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Device identifier, unique within the tenant. */
                deviceId: components["parameters"]["DeviceId"];
            };
            cookie?: never;
        };
        /** Commands sent to a device, newest first */
        get: operations["listCommands"];
        put?: never;
        /**
         * Send a command to a device (writer)
         * @description Answered 202 once the command is stored (`pending`) and the message bus confirmed it.
         *     The field gateway (MQTT, HTTP) or the OPC UA adapter delivers it; its state then moves
         *     to `delivered` and `executed` or `failed`, or `expired` after `timeoutSeconds`.
         *     Follow it with `GET` on the `Location`.
         */
        post: operations["sendCommand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/devices/{deviceId}/commands/{commandId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Device identifier, unique within the tenant. */
                deviceId: components["parameters"]["DeviceId"];
                /** @description Command identifier (from the answer of sendCommand). */
                commandId: components["schemas"]["ResourceId"];
            };
            cookie?: never;
        };
        /** A command with its state and status history */
        get: operations["getCommand"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Subscriptions of the caller's tenant */
        get: operations["listSubscriptions"];
        put?: never;
        /**
         * Subscribe to measurements or faults of devices (writer)
         * @description The subscription notifier delivers matching events to the target: an HTTP webhook
         *     (signed with `X-IVF-Signature` when a `secret` is given) or MQTT on
         *     `<notifier prefix>/<tenant>/<subscriptionId>[/<topicSuffix>]`. Named devices must
         *     exist in the caller's tenant. It takes effect within the notifier's refresh period.
         */
        post: operations["createSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{subscriptionId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Subscription identifier. */
                subscriptionId: components["schemas"]["Identifier"];
            };
            cookie?: never;
        };
        /** A subscription (never its webhook secret) */
        get: operations["getSubscription"];
        put?: never;
        post?: never;
        /** Delete a subscription (writer); its pending notifications are dropped */
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
        /** @description Letters, digits, `_` and `-`, 1 to 64 characters (never `.`, `/`, `+`, `#`, `*` or `$`). */
        Identifier: string;
        /** @description Server-assigned identifier. */
        ResourceId: string;
        /**
         * @description How the group's devices are reached for commands.
         * @enum {string}
         */
        Transport: "mqtt" | "http" | "opcua";
        /** @enum {string} */
        AttributeType: "number" | "string" | "boolean";
        /** @description A static attribute value. */
        StaticValue: string | number | boolean | null;
        /** @description Attribute names to fixed values (device metadata such as location or model). */
        StaticAttributes: {
            [key: string]: components["schemas"]["StaticValue"];
        };
        Attribute: {
            name: string;
            type: components["schemas"]["AttributeType"];
            unit?: string;
            /**
             * @description Transformation computing this attribute from the incoming values of the same message
             *     (docs/design/expressions.md), e.g. `power_w / 1000`. Checked when written; an absent
             *     result means the attribute is not forwarded.
             */
            expression?: string;
        };
        /** @description The settings of a group, as replaced by PUT. */
        GroupSettings: components["schemas"]["GroupSettingsFields"];
        GroupSettingsFields: {
            description?: string;
            transport?: components["schemas"]["Transport"];
            /** @default false */
            autoprovision: boolean;
            /** @default false */
            explicitAttributes: boolean;
            attributes?: components["schemas"]["Attribute"][];
            staticAttributes?: components["schemas"]["StaticAttributes"];
        };
        GroupCreation: components["schemas"]["GroupSettingsFields"] & {
            groupId: components["schemas"]["Identifier"];
        };
        GroupFields: {
            groupId: components["schemas"]["Identifier"];
            /** @description Always the caller's own tenant. */
            tenant: components["schemas"]["Identifier"];
            description?: string;
            transport: components["schemas"]["Transport"];
            autoprovision: boolean;
            explicitAttributes: boolean;
            attributes: components["schemas"]["Attribute"][];
            staticAttributes: components["schemas"]["StaticAttributes"];
            /** Format: date-time */
            apiKeyRotatedAt: string;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description A device group as shown to callers; never its API key or its digest. */
        Group: components["schemas"]["GroupFields"];
        /** @description A group with its API key, answered once on creation and on rotation. */
        GroupWithApiKey: components["schemas"]["GroupFields"] & {
            /** @description Shown once; give it to the devices now. Only its SHA-256 digest is kept. */
            apiKey: string;
        };
        GroupPage: {
            items: components["schemas"]["Group"][];
            total: number;
            limit: number;
            offset: number;
        };
        /** @description The settings of a device, as replaced by PUT. */
        DeviceSettings: components["schemas"]["DeviceSettingsFields"];
        DeviceSettingsFields: {
            groupId: components["schemas"]["Identifier"];
            name?: string;
            staticAttributes?: components["schemas"]["StaticAttributes"];
        };
        DeviceCreation: components["schemas"]["DeviceSettingsFields"] & {
            deviceId: components["schemas"]["Identifier"];
        };
        Device: {
            deviceId: components["schemas"]["Identifier"];
            /** @description Always the caller's own tenant. */
            tenant: components["schemas"]["Identifier"];
            groupId: components["schemas"]["Identifier"];
            name?: string;
            transport: components["schemas"]["Transport"];
            /** @enum {string} */
            provisionedBy: "file" | "autoprovision" | "api";
            staticAttributes: components["schemas"]["StaticAttributes"];
            /** Format: date-time */
            createdAt: string;
        };
        DevicePage: {
            items: components["schemas"]["Device"][];
            total: number;
            limit: number;
            offset: number;
        };
        /** @enum {string} */
        CommandState: "pending" | "delivered" | "executed" | "failed" | "expired" | "cancelled";
        CommandRequest: {
            /** @description Attribute to write or command to call on the device. */
            command: string;
            /** @enum {string} */
            kind?: "write" | "call";
            /** @description Value to write or single parameter of the command (JSON). */
            value?: unknown;
            /** @description Positional arguments of a call. */
            arguments?: unknown[];
            /**
             * @description The command expires when it has not been executed after this time.
             * @default 300
             */
            timeoutSeconds: number;
        };
        StatusChange: {
            state: components["schemas"]["CommandState"];
            /** Format: date-time */
            at: string;
            statusCode?: string;
            detail?: string;
        };
        Command: {
            commandId: components["schemas"]["ResourceId"];
            /** @description Always the caller's own tenant. */
            tenant: components["schemas"]["Identifier"];
            deviceId: components["schemas"]["Identifier"];
            command: string;
            /** @enum {string} */
            kind?: "write" | "call";
            /** @description The value sent. */
            value?: unknown;
            arguments?: unknown[];
            state: components["schemas"]["CommandState"];
            /** @description What the device answered on execution. */
            result?: unknown;
            history: components["schemas"]["StatusChange"][];
            jobId?: components["schemas"]["ResourceId"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
        };
        CommandPage: {
            items: components["schemas"]["Command"][];
            total: number;
            limit: number;
            offset: number;
        };
        /**
         * @description Bucket width; buckets are aligned to the epoch in UTC.
         * @default 1h
         * @enum {string}
         */
        AggregateInterval: "1m" | "5m" | "15m" | "1h" | "1d";
        AggregateBucket: {
            /**
             * Format: date-time
             * @description Inclusive start of the bucket.
             */
            start: string;
            count: number;
            min: number;
            max: number;
            /** @description Arithmetic mean of the numeric readings of the bucket. */
            avg: number;
            sum: number;
            /** @description Oldest reading of the bucket. */
            first: number;
            /** @description Newest reading of the bucket. */
            last: number;
        };
        Aggregates: {
            deviceId: components["schemas"]["DeviceId"];
            attribute: components["schemas"]["AttributeName"];
            interval: components["schemas"]["AggregateInterval"];
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            buckets: components["schemas"]["AggregateBucket"][];
            /** @description Readings in the range whose value is not a finite number. */
            skippedNonNumeric: number;
        };
        /**
         * @description A condition on one attribute of a measurement; all criteria of a subscription must hold.
         *     Comparisons need a value of the same type as the reading; `changed` compares with the
         *     previous reading of the same device and attribute and takes no value.
         */
        Criterion: {
            attribute: components["schemas"]["AttributeName"];
            /** @enum {string} */
            operator: "gt" | "gte" | "lt" | "lte" | "eq" | "ne" | "changed";
            value?: number | string | boolean;
        };
        WebhookTarget: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "webhook";
            /**
             * Format: uri
             * @description Receives each notification as an HTTP POST with a JSON body.
             */
            url: string;
            /** @description Key of the HMAC-SHA256 `X-IVF-Signature` header; never returned. */
            secret?: string;
        };
        MqttTarget: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "mqtt";
            /** @description Last topic level after `<prefix>/<tenant>/<subscriptionId>`. */
            topicSuffix?: string;
        };
        SubscriptionCreation: {
            subscriptionId?: components["schemas"]["Identifier"];
            /** @description Devices of the tenant; absent means every device of the tenant. */
            deviceIds?: components["schemas"]["Identifier"][];
            /** @description Only these attributes; absent means every attribute. */
            attributes?: components["schemas"]["AttributeName"][];
            criteria?: components["schemas"]["Criterion"][];
            /**
             * @default [
             *       "measurement"
             *     ]
             */
            events: ("measurement" | "fault")[];
            target: components["schemas"]["WebhookTarget"] | components["schemas"]["MqttTarget"];
            /**
             * @default active
             * @enum {string}
             */
            status: "active" | "paused";
        };
        Subscription: {
            subscriptionId: components["schemas"]["Identifier"];
            deviceIds?: components["schemas"]["Identifier"][];
            attributes?: components["schemas"]["AttributeName"][];
            criteria?: components["schemas"]["Criterion"][];
            events: ("measurement" | "fault")[];
            target: components["schemas"]["SubscriptionTargetView"];
            /** @enum {string} */
            status: "active" | "paused";
            /** Format: date-time */
            createdAt: string;
        };
        /** @description The target as stored, with `signed` instead of the webhook secret. */
        SubscriptionTargetView: {
            /** @enum {string} */
            kind: "webhook" | "mqtt";
            url?: string;
            /** @description True when webhook notifications carry an `X-IVF-Signature`. */
            signed?: boolean;
            topicSuffix?: string;
        };
        SubscriptionPage: {
            items: components["schemas"]["Subscription"][];
            total: number;
            limit: number;
            offset: number;
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
        /** @description No credential, or a credential that is not valid (wrong, revoked or expired). */
        Unauthorized: {
            headers: {
                /** @description The authentication schemes accepted. */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The credential's role does not allow this operation. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The resource does not exist in the caller's tenant (another tenant's answers the same). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The resource exists already, still has dependants, or changed concurrently. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request is well formed but refers to something that does not exist in the tenant, or asks for too much. */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The caller exceeded its request rate. */
        TooManyRequests: {
            headers: {
                /** @description Seconds to wait. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The message bus did not accept the command; retry later. */
        Unavailable: {
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
        /** @description Device group identifier, unique within the tenant. */
        GroupId: components["schemas"]["Identifier"];
        /** @description Page size. */
        Limit: number;
        /** @description Items to skip. */
        Offset: number;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listDevices: {
        parameters: {
            query?: {
                /** @description Prefix of the device id. */
                search?: string;
                /** @description Only devices of this group. */
                groupId?: components["schemas"]["Identifier"];
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of devices. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DevicePage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    createDevice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeviceCreation"];
            };
        };
        responses: {
            /** @description Device registered. */
            201: {
                headers: {
                    /** @description URL of the new device. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Device"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    getDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Device identifier, unique within the tenant. */
                deviceId: components["parameters"]["DeviceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The device. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Device"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    updateDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Device identifier, unique within the tenant. */
                deviceId: components["parameters"]["DeviceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeviceSettings"];
            };
        };
        responses: {
            /** @description The updated device. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Device"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Device identifier, unique within the tenant. */
                deviceId: components["parameters"]["DeviceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Device removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listGroups: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of groups, sorted by id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    createGroup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupCreation"];
            };
        };
        responses: {
            /** @description Group created, with the API key its devices present to the field gateway. */
            201: {
                headers: {
                    /** @description URL of the new group. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupWithApiKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    getGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Device group identifier, unique within the tenant. */
                groupId: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The group. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    updateGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Device group identifier, unique within the tenant. */
                groupId: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupSettings"];
            };
        };
        responses: {
            /** @description The updated group. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Device group identifier, unique within the tenant. */
                groupId: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Group deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
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
            429: components["responses"]["TooManyRequests"];
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
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    getAggregates: {
        parameters: {
            query: {
                /** @description Inclusive start of the range (RFC 3339). */
                from: string;
                /** @description Exclusive end of the range (RFC 3339). */
                to: string;
                /** @description Bucket width. */
                interval?: components["schemas"]["AggregateInterval"];
            };
            header?: never;
            path: {
                /** @description Device identifier, unique within the tenant. */
                deviceId: components["parameters"]["DeviceId"];
                /** @description The attribute to aggregate. */
                attribute: components["schemas"]["AttributeName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One entry per bucket that holds numeric readings, oldest first. */
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
            500: components["responses"]["InternalError"];
        };
    };
    listCommands: {
        parameters: {
            query?: {
                /** @description Only commands in this state. */
                state?: components["schemas"]["CommandState"];
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip. */
                offset?: components["parameters"]["Offset"];
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
            /** @description One page of commands. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    sendCommand: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Device identifier, unique within the tenant. */
                deviceId: components["parameters"]["DeviceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommandRequest"];
            };
        };
        responses: {
            /** @description Command accepted and on its way. */
            202: {
                headers: {
                    /** @description URL of the command's status. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Command"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getCommand: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Device identifier, unique within the tenant. */
                deviceId: components["parameters"]["DeviceId"];
                /** @description Command identifier (from the answer of sendCommand). */
                commandId: components["schemas"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Command"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listSubscriptions: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of subscriptions, sorted by id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    createSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubscriptionCreation"];
            };
        };
        responses: {
            /** @description Subscription created. */
            201: {
                headers: {
                    /** @description URL of the new subscription. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    getSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Subscription identifier. */
                subscriptionId: components["schemas"]["Identifier"];
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
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Subscription identifier. */
                subscriptionId: components["schemas"]["Identifier"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Subscription deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
}
