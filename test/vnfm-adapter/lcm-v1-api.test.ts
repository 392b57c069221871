/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are conformance-checked by the client */
/**
 * The rest of VNF LCM v1 (SOL003 v2.4.1 shapes) beyond ONAP's sequence: lists, subscriptions,
 * 405s, Version handling, and the bounded per-subscriber notification queue.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceAvailable } from "../support/reference.js";
import { Harness } from "./support/harness.js";

describe.runIf(referenceAvailable())("VNF LCM v1", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await new Harness({
      delivery: { maxQueuePerSubscriber: 2, baseBackoffMs: 60_000, maxBackoffMs: 60_000 },
    }).start();
    await h.onboard();
  });
  afterAll(async () => h.close());

  it("serves instances in v2.4.1 shape with vnfPkgId, and only ONAP's subset of resources", async () => {
    const id = await h.createInstance(undefined, "v1");
    expect((await h.client.get("/vnflcm/v1/vnf_instances")).status).toBe(405);
    const one = await h.client.get(`/vnflcm/v1/vnf_instances/${id}`);
    expect(one.body.vnfPkgId).toBeTruthy();
    expect(one.body.instantiationState).toBe("NOT_INSTANTIATED");
    expect(one.headers.get("version")).toBe("1.1.1");
    expect(
      (await h.client.get(`/vnflcm/v1/vnf_instances/${id}`, { headers: { Version: "7.0.0" } })).status,
    ).toBe(406);
  });

  it("answers 405 for methods outside ONAP's subset", async () => {
    const id = await h.createInstance(undefined, "v1");
    expect((await h.client.call("PATCH", `/vnflcm/v1/vnf_instances/${id}`, { body: {} })).status).toBe(405);
    expect((await h.client.call("PUT", "/vnflcm/v1/subscriptions", { body: {} })).status).toBe(405);
    expect((await h.client.call("DELETE", "/vnflcm/v1/vnf_instances")).status).toBe(405);
  });

  it("creates, lists, reads and deletes v1 subscriptions without echoing credentials", async () => {
    const body = {
      callbackUri: `${h.sink.url}/v1/lcn`,
      authentication: { authType: ["BASIC"], paramsBasic: { userName: "u", password: "p4ss" } },
    };
    const created = await h.client.post("/vnflcm/v1/subscriptions", body);
    expect(created.status).toBe(201);
    expect(created.body.verbosity).toBeUndefined();
    expect(JSON.stringify(created.body)).not.toContain("p4ss");
    expect((await h.client.post("/vnflcm/v1/subscriptions", body)).status).toBe(303);
    expect((await h.client.get("/vnflcm/v1/subscriptions")).body.map((s: any) => s.id)).toContain(
      created.body.id,
    );
    expect((await h.client.get(`/vnflcm/v1/subscriptions/${created.body.id}`)).body.callbackUri).toBe(
      body.callbackUri,
    );
    expect((await h.client.call("DELETE", `/vnflcm/v1/subscriptions/${created.body.id}`)).status).toBe(204);
  });

  it("keeps at most the configured number of notifications per unreachable subscriber, dropping the oldest", async () => {
    h.sink.postStatus = 500;
    const sub = await h.client.post("/vnflcm/v1/subscriptions", {
      callbackUri: `${h.sink.url}/v1/full`,
      filter: { notificationTypes: ["VnfIdentifierCreationNotification"] },
    });
    const created: string[] = [];
    for (let i = 0; i < 4; i += 1) created.push(await h.createInstance(undefined, "v1"));
    await h.vnfm.delivery.idle();
    const queued = await h.vnfm.repos.queue.find({
      where: { subscriptionId: sub.body.id },
      orderBy: [{ field: "enqueuedAt" }],
    });
    expect(queued.map((q) => q.body.vnfInstanceId)).toEqual(created.slice(-2));
    h.sink.postStatus = 204;
  });
});
