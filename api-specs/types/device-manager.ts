// Generated from api-specs/device-manager.yaml by api-specs/tools/generate-types.ts (openapi-typescript).
// Do not edit: change the specification and run `npm run api:types`.
export interface paths {
    "/v1/tenants/{tenantId}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        /** List the device groups of a tenant */
        get: operations["listGroups"];
        put?: never;
        /** Create a device group; its API key is shown once in the answer */
        post: operations["createGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenantId}/groups/{groupId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device group identifier. */
                groupId: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        /** Read a device group (never its API key) */
        get: operations["getGroup"];
        /** Replace the settings of a device group (the API key is kept) */
        put: operations["updateGroup"];
        post?: never;
        /** Delete an empty device group */
        delete: operations["deleteGroup"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenantId}/groups/{groupId}/apikey": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device group identifier. */
                groupId: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the API key of a group; the old key stops working within the gateways' cache TTL */
        post: operations["rotateGroupApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenantId}/devices": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        /** List devices, optionally of one group */
        get: operations["listDevices"];
        put?: never;
        /** Provision a device in a group */
        post: operations["createDevice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenantId}/devices/{deviceId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device identifier. */
                deviceId: components["parameters"]["DeviceId"];
            };
            cookie?: never;
        };
        /** Read a device with its effective static attributes */
        get: operations["getDevice"];
        /** Replace a device's settings (group, name, static attributes) */
        put: operations["updateDevice"];
        post?: never;
        /** Remove a device from the registry */
        delete: operations["deleteDevice"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenantId}/devices/{deviceId}/commands": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device identifier. */
                deviceId: components["parameters"]["DeviceId"];
            };
            cookie?: never;
        };
        /** Commands sent to a device, newest first */
        get: operations["listCommands"];
        put?: never;
        /** Send a command to a device; answered at once, track it through its status */
        post: operations["sendCommand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenantId}/devices/{deviceId}/commands/{commandId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device identifier. */
                deviceId: components["parameters"]["DeviceId"];
                /** @description Command identifier. */
                commandId: components["parameters"]["CommandId"];
            };
            cookie?: never;
        };
        /** Read a command with its status history */
        get: operations["getCommand"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenantId}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        /** Configuration and firmware jobs of a tenant, newest first */
        get: operations["listJobs"];
        put?: never;
        /**
         * Start a configuration or firmware job on a group or a list of devices
         * @description The job fans out to one command per target device (`configure` with the configuration
         *     object as value, or `firmware-update` with `{url, version}`), and its progress is the
         *     aggregate of those commands' states.
         */
        post: operations["createJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenantId}/jobs/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Job identifier. */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /** Read a job and its aggregated progress */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenantId}/jobs/{jobId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Job identifier. */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a job; its still pending commands become cancelled */
        post: operations["cancelJob"];
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
        /** @description Either every device of a group or an explicit device list. */
        JobTarget: {
            groupId?: components["schemas"]["Identifier"];
            deviceIds?: components["schemas"]["Identifier"][];
        };
        Firmware: {
            /** Format: uri */
            url: string;
            version?: string;
        };
        /** @description A job carries exactly one of `configuration` and `firmware`. */
        JobRequest: {
            target: components["schemas"]["JobTarget"];
            /** @description Configuration sent as the value of a `configure` command. */
            configuration?: {
                [key: string]: unknown;
            };
            firmware?: components["schemas"]["Firmware"];
            /** @default 3600 */
            timeoutSeconds: number;
        };
        JobProgress: {
            pending: number;
            delivered: number;
            executed: number;
            failed: number;
            expired: number;
            cancelled: number;
        };
        Job: {
            jobId: components["schemas"]["ResourceId"];
            tenant: components["schemas"]["Identifier"];
            /** @enum {string} */
            type: "configuration" | "firmware";
            target: components["schemas"]["JobTarget"];
            configuration?: {
                [key: string]: unknown;
            };
            firmware?: components["schemas"]["Firmware"];
            /**
             * @description `completed` once every command reached a final state.
             * @enum {string}
             */
            state: "running" | "completed" | "cancelled";
            /** @description Number of commands the job issued (one per device). */
            total: number;
            progress: components["schemas"]["JobProgress"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            cancelledAt?: string;
        };
        JobPage: {
            items: components["schemas"]["Job"][];
            total: number;
            limit: number;
            offset: number;
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
        /** @description No such resource for this caller (other tenants' resources included). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The resource exists already or is in a state that forbids the operation. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request is well formed but refers to something that does not fit (e.g. an unknown group). */
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
        /** @description The message bus did not accept the command; retry later. */
        Unavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description Tenant identifier (must be the token's tenant). */
        TenantId: components["schemas"]["Identifier"];
        /** @description Device group identifier. */
        GroupId: components["schemas"]["Identifier"];
        /** @description Device identifier. */
        DeviceId: components["schemas"]["Identifier"];
        /** @description Command identifier. */
        CommandId: components["schemas"]["ResourceId"];
        /** @description Job identifier. */
        JobId: components["schemas"]["ResourceId"];
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
    listGroups: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
            };
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
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupCreation"];
            };
        };
        responses: {
            /** @description Group created, with its API key. */
            201: {
                headers: {
                    /** @description URI of the new group. */
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
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device group identifier. */
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
        };
    };
    updateGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device group identifier. */
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
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device group identifier. */
                groupId: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Group deleted; its API key stops working within the gateways' cache TTL. */
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
        };
    };
    rotateGroupApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device group identifier. */
                groupId: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The group with its new API key (shown once). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupWithApiKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listDevices: {
        parameters: {
            query?: {
                /** @description Only devices of this group. */
                groupId?: components["schemas"]["Identifier"];
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of devices, sorted by id. */
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
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeviceCreation"];
            };
        };
        responses: {
            /** @description Device provisioned. */
            201: {
                headers: {
                    /** @description URI of the new device. */
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
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device identifier. */
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
        };
    };
    updateDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device identifier. */
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
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device identifier. */
                deviceId: components["parameters"]["DeviceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Device removed; the gateways refuse it within their cache TTL. */
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
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device identifier. */
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
        };
    };
    sendCommand: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device identifier. */
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
            /** @description Command accepted and published; it is `pending` until the device side reports. */
            202: {
                headers: {
                    /** @description URI of the command. */
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
            503: components["responses"]["Unavailable"];
        };
    };
    getCommand: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Device identifier. */
                deviceId: components["parameters"]["DeviceId"];
                /** @description Command identifier. */
                commandId: components["parameters"]["CommandId"];
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
        };
    };
    listJobs: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of jobs with their aggregated progress. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JobRequest"];
            };
        };
        responses: {
            /** @description Job started; its commands are published. */
            202: {
                headers: {
                    /** @description URI of the job. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Job identifier. */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    cancelJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant identifier (must be the token's tenant). */
                tenantId: components["parameters"]["TenantId"];
                /** @description Job identifier. */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancelled job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
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
}
