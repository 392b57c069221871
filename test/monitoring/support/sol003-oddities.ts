import { fixes, type Oddity } from "../../support/openapi-conformance.js";

/**
 * Corrections of the official SOL003 V3.3.1 bundles for the PM, FM and indicator interfaces
 * (reference/etsi-nfv/SOURCES.md "Known defects" and the analogous defects found in these three
 * files). Each says what the bundle declares and what the specification text requires.
 */
const anyValue = (node: Record<string, unknown>) => {
  const { type: _type, ...rest } = node;
  return rest;
};

export const perfOddities: Oddity[] = [
  ...["/pm_jobs post 201", "/pm_jobs/{pmJobId} get 200"].map((key) => {
    const [path, method, status] = key.split(" ") as [string, string, string];
    return {
      path,
      method,
      status,
      why: "PmJob.reports is declared as one object; SOL003 6.5.2.7 gives it cardinality 0..N (an array)",
      fix: fixes.at("properties.reports", (node) => ({ type: "array", items: node })),
    };
  }),
  {
    path: "/pm_jobs",
    method: "get",
    status: "200",
    why: "PmJob.reports is declared as one object; SOL003 6.5.2.7 gives it cardinality 0..N (an array)",
    fix: fixes.at("items.properties.reports", (node) => ({ type: "array", items: node })),
  },
  {
    path: "/pm_jobs/{pmJobId}/reports/{reportId}",
    method: "get",
    status: "200",
    why: "performanceValues.value is typed object; SOL003 6.5.2.10 types it by the IFA 027 measurement unit (a number here)",
    fix: fixes.at("properties.entries.items.properties.performanceValues.items.properties.value", anyValue),
  },
  {
    path: "/pm_jobs/{pmJobId}/reports/{reportId}",
    method: "get",
    status: "200",
    why: 'entries[] requires "performanceValue", an attribute it does not declare; the declared one (SOL003 6.5.2.10, 1..N) is "performanceValues"',
    fix: fixes.at(
      "properties.entries.items.required",
      (required) =>
        (required as unknown as string[]).map((name) =>
          name === "performanceValue" ? "performanceValues" : name,
        ) as unknown as Record<string, unknown>,
    ),
  },
];

export const faultOddities: Oddity[] = [
  {
    path: "/alarms",
    method: "get",
    status: "200",
    why: "declared as one Alarm; SOL003 7.4.2.3.2 returns an array",
    fix: fixes.asArray,
  },
  {
    path: "/subscriptions",
    method: "get",
    status: "200",
    why: "declared as one FmSubscription; SOL003 7.4.4.3.2 returns an array",
    fix: fixes.asArray,
  },
];

const notificationTypesArray = (node: Record<string, unknown>) => ({ type: "array", items: node });

export const indicatorOddities: Oddity[] = [
  {
    path: "/subscriptions",
    method: "post",
    status: "201",
    why: "declared as an array; SOL003 8.4.5.3.1 returns one VnfIndicatorSubscription",
    fix: fixes.asItem,
  },
  ...[
    ["/subscriptions", "post", "201", "properties.filter.properties.notificationTypes"],
    ["/subscriptions", "get", "200", "items.properties.filter.properties.notificationTypes"],
    [
      "/indicators/subscriptions/{subscriptionId}",
      "get",
      "200",
      "properties.filter.properties.notificationTypes",
    ],
  ].map(([path, method, status, at]) => ({
    path: path!,
    method: method!,
    status: status!,
    why: "filter.notificationTypes is declared as one string; SOL003 8.5.3.2 gives it cardinality 0..N",
    fix: fixes.at(at!, notificationTypesArray),
  })),
  ...[
    ["/indicators", "get", "200", "items.properties.value"],
    ["/indicators/{vnfInstanceId}", "get", "200", "items.properties.value"],
    ["/indicators/{vnfInstanceId}/{indicatorId}", "get", "200", "properties.value"],
  ].map(([path, method, status, at]) => ({
    path: path!,
    method: method!,
    status: status!,
    why: "VnfIndicator.value is typed object; SOL003 8.5.2.2 says its type depends on the indicator (a number here)",
    fix: fixes.at(at!, anyValue),
  })),
];
