/**
 * The generic validator every conformance check of the suite relies on (test/support/
 * openapi-conformance.ts), against the official documents: it must reject what does not
 * conform, or the suite's "no violations" would prove nothing.
 */
import { describe, expect, it } from "vitest";
import { ConformanceValidator, fixRequiredOnlyGroups } from "../support/openapi-conformance.js";
import { referenceAvailable, referencePath } from "../support/reference.js";

const instance = {
  id: "vnf-1",
  vnfdId: "vnfd-1",
  vnfProvider: "iotvf",
  vnfProductName: "field-gateway",
  vnfSoftwareVersion: "1.0",
  vnfdVersion: "1.0",
  instantiationState: "NOT_INSTANTIATED",
  _links: { self: { href: "http://127.0.0.1:9090/vnflcm/v2/vnf_instances/vnf-1" } },
};
const headers = (entries: Record<string, string>) => new Headers(entries);

describe.runIf(referenceAvailable())("OpenAPI conformance validator", () => {
  const v2 = () =>
    ConformanceValidator.fromFile(referencePath("etsi-nfv", "sol003", "sol003_lifecycle_openapi.json"));

  it("accepts a conforming exchange and names what is wrong in one that is not", () => {
    const spec = v2();
    const created = { method: "POST", path: "/vnf_instances", status: 201, body: instance };
    const ok = headers({ location: instance._links.self.href, version: "2.0.0" });
    expect(spec.checkExchange({ ...created, headers: ok })).toEqual([]);
    const { id: _id, ...withoutId } = instance;
    expect(spec.checkExchange({ ...created, headers: ok, body: withoutId }).join("\n")).toMatch(
      /^POST \/vnf_instances -> 201: body\/ must have required property 'id'/,
    );
    expect(spec.checkExchange({ ...created, headers: headers({ version: "2.0.0" }) })).toEqual([
      "POST /vnf_instances -> 201: header Location is missing",
    ]);
    expect(spec.checkExchange({ ...created, status: 418, headers: ok })[0]).toContain(
      "status 418 is not declared",
    );
  });

  it("expects 405 with a ProblemDetails for a method the document does not have", () => {
    const spec = v2();
    const problem = { status: 405, detail: "Method not allowed" };
    const exchange = {
      method: "PUT",
      path: "/vnf_instances/vnf-1/scale",
      headers: headers({}),
      body: problem,
    };
    expect(spec.checkExchange({ ...exchange, status: 405 })).toEqual([]);
    expect(spec.checkExchange({ ...exchange, status: 200 })[0]).toContain("405 was expected");
    expect(spec.checkExchange({ ...exchange, status: 405, body: { detail: 3 } }).length).toBeGreaterThan(0);
  });

  it("reads Swagger 2.0 (ONAP's SOL003 v2.4.1) bodies and headers", () => {
    const onap = ConformanceValidator.fromFile(
      referencePath("etsi-nfv", "sol003-v2.4.1-onap", "SOL003-VNFLifecycleManagement-API.json"),
    );
    expect(onap.swagger).toBe(true);
    const exchange = {
      method: "POST",
      path: "/vnf_instances",
      status: 201,
      headers: headers({ location: "x" }),
    };
    const v1Instance = { ...instance, vnfPkgId: "pkg-1" }; // v2.4.1 names the package, not only the VNFD
    expect(onap.checkExchange({ ...exchange, body: v1Instance })).toEqual([]);
    expect(onap.checkExchange({ ...exchange, body: instance }).join()).toContain("'vnfPkgId'");
    expect(
      onap.checkExchange({ ...exchange, body: { ...v1Instance, instantiationState: "ON" } }).join(),
    ).toMatch(/instantiationState must be equal to one of the allowed values/);
  });

  it("corrects required-only groups: undeclared names dropped (defect 1), declared ones at most one (defect 3)", () => {
    const schema = {
      type: "object",
      properties: { a: {}, b: {} },
      oneOf: [{ required: ["a"] }, { required: ["b"] }],
      anyOf: [{ required: ["c"] }, { required: ["d"] }],
    };
    expect(fixRequiredOnlyGroups(schema)).toEqual({
      type: "object",
      properties: { a: {}, b: {} },
      not: { required: ["a", "b"] },
    });
  });
});
