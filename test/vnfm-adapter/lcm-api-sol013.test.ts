/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are conformance-checked by the client */
/**
 * SOL013 behaviour of the LCM APIs: Version header, 405/406, ProblemDetails, filters,
 * attribute selectors, paging with Link, subscriptions (303 duplicates, callback test).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceAvailable } from "../support/reference.js";
import { Harness } from "./support/harness.js";

describe.runIf(referenceAvailable())("VNF LCM API rules (SOL013)", () => {
  let h: Harness;
  const ids: string[] = [];
  beforeAll(async () => {
    h = await new Harness({ pageSize: 2 }).start();
    await h.onboard();
    for (let i = 0; i < 3; i += 1) ids.push(await h.createInstance());
    await h.client.call("PATCH", `/vnflcm/v2/vnf_instances/${ids[0]}`, {
      body: { vnfInstanceName: "alpha", metadata: { zone: "north" } },
      contentType: "application/merge-patch+json",
    });
    await new Promise((r) => setTimeout(r, 300));
  });
  afterAll(async () => h.close());

  it("requires the Version header on v2 (400) and refuses unsupported versions (406); api_versions needs none", async () => {
    const missing = await h.client.get("/vnflcm/v2/vnf_instances", { noVersion: true });
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toContain("Version header is required");
    const wrong = await h.client.get("/vnflcm/v2/vnf_instances", { headers: { Version: "9.9.9" } });
    expect(wrong.status).toBe(406);
    const versions = await h.client.get("/vnflcm/v2/api_versions", { noVersion: true });
    expect(versions.status).toBe(200);
    expect(versions.body.apiVersions[0].version).toBe("2.0.0");
    expect(
      (await h.client.get("/vnflcm/v2/vnf_instances", { headers: { Version: "2.0.0-impl:ivf:1" } })).status,
    ).toBe(200);
  });

  it("answers 405 with Allow for methods a resource does not support", async () => {
    for (const [method, path] of [
      ["PUT", "/vnflcm/v2/vnf_instances"],
      ["DELETE", "/vnflcm/v2/vnf_instances"],
      ["POST", `/vnflcm/v2/vnf_instances/${ids[0]}`],
      ["GET", `/vnflcm/v2/vnf_instances/${ids[0]}/instantiate`],
      ["DELETE", `/vnflcm/v2/vnf_instances/${ids[0]}/scale`],
      ["POST", "/vnflcm/v2/vnf_lcm_op_occs"],
      ["PUT", "/vnflcm/v2/subscriptions"],
      ["POST", "/vnflcm/v2/api_versions"],
    ] as const) {
      const response = await h.client.call(method, path, {
        body: method === "GET" || method === "DELETE" ? undefined : {},
      });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get("allow")).toBeTruthy();
    }
  });

  it("answers 406 when Accept cannot be satisfied and 404 for unknown resources", async () => {
    expect(
      (await h.client.get("/vnflcm/v2/vnf_instances", { headers: { Accept: "application/xml" } })).status,
    ).toBe(406);
    expect((await h.client.get("/vnflcm/v2/vnf_instances/nope")).status).toBe(404);
    expect((await h.client.get("/vnflcm/v2/vnf_lcm_op_occs/nope")).status).toBe(404);
    expect(
      (
        await h.client.post("/vnflcm/v2/vnf_instances/nope/scale", {
          type: "SCALE_OUT",
          aspectId: "gw_aspect",
        })
      ).status,
    ).toBe(404);
  });

  it("refuses malformed bodies with 400 naming the violation, and an unknown vnfdId with 422", async () => {
    const bad = await h.client.post("/vnflcm/v2/vnf_instances", { vnfdId: 42 });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain("/vnfdId");
    const unknown = await h.client.post("/vnflcm/v2/vnf_instances", { vnfdId: "not-onboarded" });
    expect(unknown.status).toBe(422);
    const scale = await h.client.post(`/vnflcm/v2/vnf_instances/${ids[0]}/scale`, {
      type: "SIDEWAYS",
      aspectId: "gw_aspect",
    });
    expect(scale.status).toBe(400);
    const notJson = await h.client.call("POST", "/vnflcm/v2/vnf_instances", {
      rawBody: Buffer.from("{oops"),
      contentType: "application/json",
    });
    expect(notJson.status).toBe(400);
    const wrongType = await h.client.call("POST", "/vnflcm/v2/vnf_instances", {
      rawBody: Buffer.from("vnfdId=x"),
      contentType: "application/x-www-form-urlencoded",
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.detail).toContain("Content-Type");
  });

  it("refuses operations the state forbids with 409 and deleting an instance that is not NOT_INSTANTIATED", async () => {
    expect(
      (await h.client.post(`/vnflcm/v2/vnf_instances/${ids[1]}/terminate`, { terminationType: "FORCEFUL" }))
        .status,
    ).toBe(409);
    expect((await h.client.post(`/vnflcm/v2/vnf_instances/${ids[1]}/heal`, {})).status).toBe(409);
  });

  it("filters with eq, neq, in, cont, ncont and nested paths; unknown attributes are 400", async () => {
    const eq = await h.client.get(`/vnflcm/v2/vnf_instances?filter=(eq,vnfInstanceName,alpha)`);
    expect(eq.body.map((i: any) => i.id)).toEqual([ids[0]]);
    const nested = await h.client.get(`/vnflcm/v2/vnf_instances?filter=(eq,metadata/zone,north)&all_fields`);
    expect(nested.body.map((i: any) => i.id)).toEqual([ids[0]]);
    const neq = await h.client.get(`/vnflcm/v2/vnf_instances?filter=(neq,vnfInstanceName,alpha)`);
    expect(neq.body.map((i: any) => i.id).sort()).toEqual([ids[1], ids[2]].sort());
    const inList = await h.client.get(
      `/vnflcm/v2/vnf_instances?filter=(in,id,${ids[1]},${ids[2]});(eq,instantiationState,NOT_INSTANTIATED)`,
    );
    expect(inList.body).toHaveLength(2);
    const cont = await h.client.get(`/vnflcm/v2/vnf_instances?filter=(cont,vnfInstanceName,lph)`);
    expect(cont.body).toHaveLength(1);
    const ncont = await h.client.get(`/vnflcm/v2/vnf_instances?filter=(ncont,vnfInstanceName,lph)`);
    expect(ncont.body).toHaveLength(2);
    expect((await h.client.get(`/vnflcm/v2/vnf_instances?filter=(eq,noSuchAttribute,x)`)).status).toBe(400);
    expect((await h.client.get(`/vnflcm/v2/vnf_instances?filter=(like,vnfInstanceName,x)`)).status).toBe(400);
    expect((await h.client.get(`/vnflcm/v2/vnf_instances?attribute_not_exist=some_value`)).status).toBe(400);
    const ops = await h.client.get(`/vnflcm/v2/vnf_lcm_op_occs?filter=(eq,operation,MODIFY_INFO)`);
    expect(ops.body.length).toBeGreaterThanOrEqual(1);
  });

  it("leaves out default-excluded attributes in lists unless all_fields/fields ask for them", async () => {
    const filter = `filter=(eq,id,${ids[0]})`;
    expect((await h.client.get(`/vnflcm/v2/vnf_instances?${filter}`)).body[0].metadata).toBeUndefined();
    expect((await h.client.get(`/vnflcm/v2/vnf_instances?${filter}&all_fields`)).body[0].metadata).toEqual({
      zone: "north",
    });
    expect(
      (await h.client.get(`/vnflcm/v2/vnf_instances?${filter}&fields=metadata`)).body[0].metadata,
    ).toEqual({ zone: "north" });
    const excluded = (await h.client.get(`/vnflcm/v2/vnf_instances?${filter}&exclude_fields=vnfInstanceName`))
      .body[0];
    expect(excluded.vnfInstanceName).toBeUndefined();
    expect(excluded.metadata).toEqual({ zone: "north" });
    expect((await h.client.get(`/vnflcm/v2/vnf_instances?all_fields&fields=metadata`)).status).toBe(400);
    expect((await h.client.get(`/vnflcm/v2/vnf_instances?exclude_fields=id`)).status).toBe(400);
  });

  it("pages with a Link header and an opaque marker that cannot be reused with another query", async () => {
    const first = await h.client.get("/vnflcm/v2/vnf_instances");
    expect(first.body).toHaveLength(2);
    const link = first.headers.get("link")!;
    expect(link).toMatch(/rel="next"/);
    const next = new URL(link.slice(1, link.indexOf(">")));
    const second = await h.client.get(`${next.pathname}${next.search}`);
    expect(second.body).toHaveLength(1);
    expect(second.headers.get("link")).toBeNull();
    const seen = [...first.body, ...second.body].map((i: any) => i.id).sort();
    expect(seen).toEqual([...ids].sort());
    const marker = next.searchParams.get("nextpage_opaque_marker")!;
    expect(
      (
        await h.client.get(
          `/vnflcm/v2/vnf_instances?filter=(eq,instantiationState,NOT_INSTANTIATED)&nextpage_opaque_marker=${marker}`,
        )
      ).status,
    ).toBe(400);
    expect((await h.client.get(`/vnflcm/v2/vnf_instances?nextpage_opaque_marker=garbage`)).status).toBe(400);
  });

  it("tests the callback with GET (422 when it fails) and answers 303 to a duplicate subscription", async () => {
    h.sink.getStatus = 404;
    const refused = await h.client.post("/vnflcm/v2/subscriptions", {
      callbackUri: `${h.sink.url}/v2/refused`,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain("answered 404");
    h.sink.getStatus = 204;
    const body = {
      callbackUri: `${h.sink.url}/v2/dup`,
      filter: { operationTypes: ["SCALE"], notificationTypes: ["VnfLcmOperationOccurrenceNotification"] },
    };
    const created = await h.client.post("/vnflcm/v2/subscriptions", body);
    expect(created.status).toBe(201);
    expect(created.body.verbosity).toBe("FULL");
    const duplicate = await h.client.post("/vnflcm/v2/subscriptions", {
      filter: { notificationTypes: ["VnfLcmOperationOccurrenceNotification"], operationTypes: ["SCALE"] },
      callbackUri: body.callbackUri,
    });
    expect(duplicate.status).toBe(303);
    expect(duplicate.headers.get("location")).toBe(created.headers.get("location"));
    const list = await h.client.get(
      `/vnflcm/v2/subscriptions?filter=(eq,callbackUri,${encodeURIComponent(body.callbackUri)})`,
    );
    expect(list.body.map((s: any) => s.id)).toEqual([created.body.id]);
    expect(
      (await h.client.get(`/vnflcm/v2/subscriptions/${created.body.id}`)).body.filter.operationTypes,
    ).toEqual(["SCALE"]);
    expect((await h.client.call("DELETE", `/vnflcm/v2/subscriptions/${created.body.id}`)).status).toBe(204);
    expect((await h.client.get(`/vnflcm/v2/subscriptions/${created.body.id}`)).status).toBe(404);
  });

  it("serves GET {apiRoot}/vnflcm/api_versions listing both major versions", async () => {
    const response = await fetch(`${h.client.baseUrl}/vnflcm/api_versions`);
    const body = (await response.json()) as any;
    expect(body.apiVersions.map((v: any) => v.version)).toEqual(["1.1.1", "2.0.0"]);
  });
});
