// Generated from api-specs/vnfpkgm-v2.yaml by api-specs/tools/generate-types.ts (openapi-typescript).
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
         * @description Needs neither token nor Version header.
         */
        get: operations["getPkgmApiVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_packages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List VNF packages
         * @description SOL013 filter, selectors and paging.
         */
        get: operations["listVnfPackages"];
        put?: never;
        /**
         * Create a VNF package resource
         * @description CREATED, DISABLED; upload package_content next.
         */
        post: operations["createVnfPackage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_packages/{vnfPkgId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description VNF package id. */
                vnfPkgId: components["parameters"]["VnfPkgId"];
            };
            cookie?: never;
        };
        /**
         * Read a VNF package
         * @description Onboarding, operational and usage state.
         */
        get: operations["getVnfPackage"];
        put?: never;
        post?: never;
        /**
         * Delete a VNF package
         * @description Only DISABLED packages no VNF instance uses.
         */
        delete: operations["deleteVnfPackage"];
        options?: never;
        head?: never;
        /**
         * Enable or disable a VNF package
         * @description operationalState ENABLED or DISABLED; userDefinedData merged.
         */
        patch: operations["modifyVnfPackage"];
        trace?: never;
    };
    "/vnf_packages/{vnfPkgId}/package_content": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description VNF package id. */
                vnfPkgId: components["parameters"]["VnfPkgId"];
            };
            cookie?: never;
        };
        /**
         * Download the CSAR
         * @description The package as uploaded.
         */
        get: operations["getVnfPackageContent"];
        /**
         * Upload the CSAR
         * @description Validated at once: structure, VNFD and the product's package validator. A rejected package answers 422 with the findings and goes to ERROR.
         */
        put: operations["uploadVnfPackageContent"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_packages/{vnfPkgId}/vnfd": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description VNF package id. */
                vnfPkgId: components["parameters"]["VnfPkgId"];
            };
            cookie?: never;
        };
        /**
         * Download the VNFD
         * @description application/zip with every Definitions file, or text/plain when the VNFD is a single file.
         */
        get: operations["getVnfd"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vnf_packages/{vnfPkgId}/artifacts/{artifactPath}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description VNF package id. */
                vnfPkgId: components["parameters"]["VnfPkgId"];
                /** @description Path of the artifact in the package. */
                artifactPath: string;
            };
            cookie?: never;
        };
        /**
         * Download an artifact
         * @description A file of the package other than TOSCA-Metadata and the VNFD.
         */
        get: operations["getVnfPackageArtifact"];
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
        /** @description JSON object of arbitrary attributes. */
        KeyValuePairs: {
            [key: string]: unknown;
        };
        /** @description SOL013 9.3. */
        ApiVersionInformation: {
            uriPrefix: string;
            apiVersions: {
                version: string;
                isDeprecated?: boolean;
            }[];
        };
        /** @description Digest of a file. */
        Checksum: {
            algorithm: string;
            hash: string;
        };
        /** @description SOL005 9.5.2.2. */
        CreateVnfPkgInfoRequest: {
            userDefinedData?: components["schemas"]["KeyValuePairs"];
        };
        /** @description SOL005 9.5.2.3. */
        VnfPkgInfoModifications: {
            /** @enum {string} */
            operationalState?: "ENABLED" | "DISABLED";
            userDefinedData?: components["schemas"]["KeyValuePairs"];
        };
        /** @description An artifact of the package. */
        VnfPackageArtifactInfo: {
            artifactPath: string;
            checksum: components["schemas"]["Checksum"];
            isEncrypted: boolean;
        };
        /** @description A VNF package of the VNFM's catalogue (SOL003 10.5.2.2). */
        VnfPkgInfo: {
            id: string;
            vnfdId?: string;
            vnfProvider?: string;
            vnfProductName?: string;
            vnfSoftwareVersion?: string;
            vnfdVersion?: string;
            checksum?: components["schemas"]["Checksum"];
            /** @enum {string} */
            packageSecurityOption: "OPTION_1" | "OPTION_2";
            additionalArtifacts?: components["schemas"]["VnfPackageArtifactInfo"][];
            /** @enum {string} */
            onboardingState: "CREATED" | "UPLOADING" | "PROCESSING" | "ONBOARDED" | "ERROR";
            /** @enum {string} */
            operationalState: "ENABLED" | "DISABLED";
            /** @enum {string} */
            usageState: "IN_USE" | "NOT_IN_USE";
            vnfmInfo: string[];
            userDefinedData?: components["schemas"]["KeyValuePairs"];
            onboardingFailureDetails?: components["schemas"]["ProblemDetails"];
            _links: {
                self: components["schemas"]["Link"];
                vnfd?: components["schemas"]["Link"];
                packageContent: components["schemas"]["Link"];
            };
        };
    };
    responses: {
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
        /** @description API version requested (SOL013 4.2), 2.1.0. */
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
        /** @description VNF package id. */
        VnfPkgId: string;
    };
    requestBodies: never;
    headers: {
        /** @description API version used. */
        Version: string;
        /** @description URI of the created resource. */
        Location: string;
        /** @description Next page (SOL013 5.4). */
        Link: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getPkgmApiVersions: {
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
    listVnfPackages: {
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
                /** @description API version requested (SOL013 4.2), 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of packages. */
            200: {
                headers: {
                    Version: components["headers"]["Version"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VnfPkgInfo"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalError"];
        };
    };
    createVnfPackage: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreateVnfPkgInfoRequest"];
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
                    "application/json": components["schemas"]["VnfPkgInfo"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalError"];
        };
    };
    getVnfPackage: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description VNF package id. */
                vnfPkgId: components["parameters"]["VnfPkgId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The package. */
            200: {
                headers: {
                    Version: components["headers"]["Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VnfPkgInfo"];
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
    deleteVnfPackage: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description VNF package id. */
                vnfPkgId: components["parameters"]["VnfPkgId"];
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
    modifyVnfPackage: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description VNF package id. */
                vnfPkgId: components["parameters"]["VnfPkgId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": components["schemas"]["VnfPkgInfoModifications"];
                "application/json": components["schemas"]["VnfPkgInfoModifications"];
            };
        };
        responses: {
            /** @description The modifications. */
            200: {
                headers: {
                    Version: components["headers"]["Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VnfPkgInfoModifications"];
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
    getVnfPackageContent: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description VNF package id. */
                vnfPkgId: components["parameters"]["VnfPkgId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CSAR. */
            200: {
                headers: {
                    Version: components["headers"]["Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
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
    uploadVnfPackageContent: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description VNF package id. */
                vnfPkgId: components["parameters"]["VnfPkgId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/zip": string;
            };
        };
        responses: {
            /** @description Onboarded. */
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
            422: components["responses"]["Unprocessable"];
            500: components["responses"]["InternalError"];
        };
    };
    getVnfd: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description VNF package id. */
                vnfPkgId: components["parameters"]["VnfPkgId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The VNFD. */
            200: {
                headers: {
                    Version: components["headers"]["Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                    "text/plain": string;
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
    getVnfPackageArtifact: {
        parameters: {
            query?: never;
            header: {
                /** @description API version requested (SOL013 4.2), 2.1.0. */
                Version: components["parameters"]["Version"];
            };
            path: {
                /** @description VNF package id. */
                vnfPkgId: components["parameters"]["VnfPkgId"];
                /** @description Path of the artifact in the package. */
                artifactPath: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The artifact. */
            200: {
                headers: {
                    Version: components["headers"]["Version"];
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
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
}
