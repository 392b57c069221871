/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are conformance-checked by the client */
/**
 * ONAP SO's SOL003 adapter, call by call (notes/onap-tacker.md A.2-A.6), against /vnflcm/v1:
 * create, subscribe (no callback GET: ONAP serves none), instantiate with its v2.4.1 body, poll
 * the op occ, receive the LCN (OAuth2 token from ONAP's own endpoint) and read the instance it
 * links to, forceful terminate, delete. Grants go to ONAP's full grant URL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExternalGrantProvider } from "../../vnfm-adapter/nfvo/external-grant.js";
import { referenceAvailable } from "../support/reference.js";
import { FakeNfvo } from "./support/fake-nfvo.js";
import { Harness } from "./support/harness.js";
import { gatewayVnfd } from "./support/csar-builder.js";

const LCN = "/so/vnfm-adapter/v1/lcn/VnfLcmOperationOccurrenceNotification";

describe.runIf(referenceAvailable())("ONAP SO call sequence against VNF LCM v1", () => {
  let h: Harness;
  let onap: FakeNfvo;
  beforeAll(async () => {
    onap = await new FakeNfvo().start();
    h = await new Harness({
      grants: new ExternalGrantProvider({
        url: `${onap.url}/so/vnfm-adapter/v1/grants`,
        apiVersion: "",
        pollIntervalMs: 50,
        timeoutMs: 5000,
      }),
    }).start();
    await h.onboard();
  });
  afterAll(async () => {
    await h.close();
    await onap.close();
  });

  it("plays create, subscribe, instantiate, poll, LCN, terminate, delete", async () => {
    h.sink.getStatus = 404; // ONAP has no GET handler on /lcn/...
    h.sink.requiredAuthorization = `Bearer ${onap.token}`;
    const vnfdId = gatewayVnfd().vnfdId;

    // A.2 step 2: create, without a Version header, vnfInstanceDescription = A&AI vnf-id
    const created = await h.client.post("/vnflcm/v1/vnf_instances", {
      vnfdId,
      vnfInstanceName: "iot_gw_site_7",
      vnfInstanceDescription: "aai-vnf-0001",
    });
    expect(created.status).toBe(201);
    expect(created.body.vnfPkgId).toBeTruthy();
    const selfLink: string = created.body._links.self.href;
    const selfPath = new URL(selfLink).pathname;

    // A.2 step 3: subscription with all three auth types and both parameter sets
    const subscription = await h.client.post("/vnflcm/v1/subscriptions", {
      filter: {
        notificationTypes: ["VnfLcmOperationOccurrenceNotification"],
        vnfInstanceSubscriptionFilter: { vnfInstanceIds: [created.body.id] },
      },
      callbackUri: `${h.sink.url}${LCN}`,
      authentication: {
        authType: ["OAUTH2_CLIENT_CREDENTIALS", "BASIC", "TLS_CERT"],
        paramsOauth2ClientCredentials: {
          clientId: "vnfm",
          clientPassword: "password1$",
          tokenEndpoint: `${onap.url}/oauth/token`,
        },
        paramsBasic: { userName: "vnfm", password: "password1$" },
      },
    });
    expect(subscription.status).toBe(201);
    expect(JSON.stringify(subscription.body)).not.toContain("password1$");
    expect(h.sink.gets).toEqual([]);

    // A.2 step 4: instantiate with ONAP's body; op occ id = last Location segment
    const instantiate = await h.client.post(`${selfPath}/instantiate`, {
      flavourId: "default",
      vimConnectionInfo: [
        {
          id: "CloudOwner_RegionOne",
          vimId: "CloudOwner_RegionOne",
          vimType: "openstack",
          interfaceInfo: { identityEndPoint: "http://keystone:5000/v3" },
          accessInfo: {
            projectId: "tenant-1",
            domainName: "Default",
            credentials: { username: "admin", password: "vim-secret" },
          },
        },
      ],
      additionalParams: { vnfName: "iot_gw_site_7" },
      extVirtualLinks: [],
    });
    expect(instantiate.status).toBe(202);
    const occId = instantiate.headers.get("location")!.split("/").pop()!;

    // A.5: grant at ONAP's full URL, with _links.vnfInstance.href
    const occ = await h.waitOcc(occId, ["COMPLETED", "FAILED_TEMP"], "v1");
    expect(occ.operationState).toBe("COMPLETED");
    const grant = onap.grantRequests[0]!;
    expect(grant.operation).toBe("INSTANTIATE");
    expect((grant._links as any).vnfInstance.href).toBe(selfLink);
    expect((grant.addResources as any[]).length).toBe(1);

    // A.3/A.4: the LCN arrives with affectedVnfcs; ONAP reads the instance at _links.vnfInstance.href
    await h.sink.waitFor((all) =>
      all.some((r) => r.body.vnfLcmOpOccId === occId && r.body.operationState === "COMPLETED"),
    );
    const lcn = h.sink.received.find(
      (r) => r.body.vnfLcmOpOccId === occId && r.body.operationState === "COMPLETED",
    )!;
    expect(lcn.path).toBe(LCN);
    expect(lcn.authorization).toBe(`Bearer ${onap.token}`);
    const affected = (lcn.body as any).affectedVnfcs as any[];
    expect(affected).toHaveLength(1);
    expect(affected[0].changeType).toBe("ADDED");
    expect(affected[0].computeResource.vimConnectionId).toBe("CloudOwner_RegionOne");
    const linked = await h.client.get(new URL((lcn.body as any)._links.vnfInstance.href).pathname);
    const vim = (linked.body.vimConnectionInfo as any[]).find(
      (v) => v.id === affected[0].computeResource.vimConnectionId,
    );
    expect(vim.vimId.split("_")).toEqual(["CloudOwner", "RegionOne"]);
    expect(vim.accessInfo.projectId).toBe("tenant-1");
    expect(JSON.stringify(linked.body)).not.toContain("vim-secret");
    expect(linked.body.instantiatedVnfInfo.vnfcResourceInfo[0].computeResource.resourceId).toBe(
      affected[0].computeResource.resourceId,
    );

    // A.6: forceful terminate, LCN, delete
    const terminate = await h.client.post(`${selfPath}/terminate`, { terminationType: "FORCEFUL" });
    expect(terminate.status).toBe(202);
    const termId = terminate.headers.get("location")!.split("/").pop()!;
    await h.waitOcc(termId, ["COMPLETED"], "v1");
    await h.sink.waitFor((all) =>
      all.some((r) => r.body.vnfLcmOpOccId === termId && r.body.operationState === "COMPLETED"),
    );
    const termLcn = h.sink.received.find(
      (r) => r.body.vnfLcmOpOccId === termId && r.body.operationState === "COMPLETED",
    )!;
    expect((termLcn.body as any).affectedVnfcs[0].changeType).toBe("REMOVED");
    expect(onap.grantRequests[1]!.operation).toBe("TERMINATE");
    expect((onap.grantRequests[1]!.removeResources as any[]).length).toBe(1);
    const again = await h.client.post(`${selfPath}/terminate`, { terminationType: "FORCEFUL" });
    expect(again.status).toBe(409);
    expect((await h.client.call("DELETE", selfPath)).status).toBe(204);
    expect(onap.tokenRequests.length).toBeGreaterThan(0);
    expect(h.sink.gets).toEqual([]);
  });
});
