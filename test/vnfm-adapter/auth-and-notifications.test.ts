/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are conformance-checked by the client */
/**
 * Security and delivery: the adapter's OAuth 2.0 token endpoint and Bearer checks, an external
 * issuer via JWKS, BASIC and OAUTH2_CLIENT_CREDENTIALS towards subscribers, retries with
 * backoff, a queue that survives a VNFM restart, and grants from an external NFVO.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ExternalTokenVerifier,
  LocalTokenIssuer,
  parseClients,
} from "../../vnfm-adapter/auth/token-verifier.js";
import { ExternalGrantProvider } from "../../vnfm-adapter/nfvo/external-grant.js";
import { referenceAvailable } from "../support/reference.js";
import { FakeNfvo } from "./support/fake-nfvo.js";
import { Harness } from "./support/harness.js";

const form = (body: string, basic?: string) => ({
  method: "POST",
  headers: {
    "Content-Type": "application/x-www-form-urlencoded",
    ...(basic ? { Authorization: `Basic ${Buffer.from(basic).toString("base64")}` } : {}),
  },
  body,
});

describe.runIf(referenceAvailable())("OAuth 2.0, notifications and grants", () => {
  let h: Harness;
  let nfvo: FakeNfvo;
  beforeAll(async () => {
    nfvo = await new FakeNfvo().start();
    const issuer = new LocalTokenIssuer(parseClients("nfvo-1:s3cret-value"), {
      ttlMs: 60_000,
      audience: "ivf-vnfm",
      issuer: "test",
    });
    h = await new Harness({
      auth: { verifier: issuer, issuer },
      grants: new ExternalGrantProvider({
        url: `${nfvo.url}/grant/v1/grants`,
        apiVersion: "1.4.0",
        pollIntervalMs: 30,
        timeoutMs: 5000,
      }),
    }).start();
  });
  afterAll(async () => {
    await h.close();
    await nfvo.close();
  });

  it("issues tokens for valid client credentials only, and every API but api_versions needs one", async () => {
    const base = h.client.baseUrl;
    expect(
      (await fetch(`${base}/oauth2/token`, form("grant_type=client_credentials", "nfvo-1:wrong"))).status,
    ).toBe(401);
    expect(
      (await fetch(`${base}/oauth2/token`, form("grant_type=password", "nfvo-1:s3cret-value"))).status,
    ).toBe(400);
    const viaForm = await fetch(
      `${base}/oauth2/token`,
      form("grant_type=client_credentials&client_id=nfvo-1&client_secret=s3cret-value"),
    );
    expect(viaForm.status).toBe(200);
    const issued = (await (
      await fetch(`${base}/oauth2/token`, form("grant_type=client_credentials", "nfvo-1:s3cret-value"))
    ).json()) as any;
    expect(issued.token_type).toBe("Bearer");
    expect(issued.expires_in).toBe(60);
    expect((await h.client.get("/vnflcm/v2/api_versions")).status).toBe(200);
    const denied = await h.client.get("/vnflcm/v2/vnf_instances");
    expect(denied.status).toBe(401);
    expect(denied.headers.get("www-authenticate")).toContain("Bearer");
    expect(
      (await h.client.get("/vnflcm/v2/vnf_instances", { headers: { Authorization: "Bearer not.a.jwt" } }))
        .status,
    ).toBe(401);
    expect((await h.client.get("/vnfpkgm/v2/vnf_packages")).status).toBe(401);
    h.client.token = issued.access_token;
    expect((await h.client.get("/vnflcm/v2/vnf_instances")).status).toBe(200);
  });

  it("verifies tokens of an external issuer against its JWKS (issuer and audience checked)", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    const jwks = createServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] })),
    );
    await new Promise<void>((r) => jwks.listen(0, "127.0.0.1", r));
    const verifier = new ExternalTokenVerifier(
      `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`,
      { issuer: "https://idp.example", audience: "ivf-vnfm" },
    );
    const sign = (aud: string) =>
      new SignJWT({})
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .setIssuer("https://idp.example")
        .setAudience(aud)
        .setExpirationTime("1m")
        .sign(privateKey);
    await expect(verifier.verify(await sign("ivf-vnfm"))).resolves.toMatchObject({
      iss: "https://idp.example",
    });
    await expect(verifier.verify(await sign("someone-else"))).rejects.toThrow();
    jwks.close();
  });

  it("delivers with BASIC auth, retries a failing subscriber with backoff, and keeps the queue across a restart", async () => {
    await h.onboard();
    h.sink.requiredAuthorization = `Basic ${Buffer.from("lcn-user:lcn-pass").toString("base64")}`;
    const sub = await h.client.post("/vnflcm/v2/subscriptions", {
      callbackUri: `${h.sink.url}/v2/basic`,
      filter: { notificationTypes: ["VnfIdentifierCreationNotification"] },
      authentication: { authType: ["BASIC"], paramsBasic: { userName: "lcn-user", password: "lcn-pass" } },
    });
    expect(sub.status).toBe(201);
    expect(JSON.stringify(sub.body)).not.toContain("lcn-pass");
    h.sink.postStatus = 503;
    const first = await h.createInstance();
    await new Promise((r) => setTimeout(r, 300));
    expect(h.sink.received.some((r) => r.body.vnfInstanceId === first)).toBe(false);
    const queued = await h.vnfm.repos.queue.find({});
    expect(queued.length).toBe(1);
    expect(queued[0]!.attempts).toBeGreaterThanOrEqual(1);
    await h.restart();
    // the token issued before the restart stays valid: the issuer's key outlives the process state
    h.sink.postStatus = 204;
    await h.sink.waitFor((all) => all.some((r) => r.body.vnfInstanceId === first && r.path === "/v2/basic"));
    const delivered = h.sink.received.find((r) => r.body.vnfInstanceId === first)!;
    expect(delivered.authorization).toBe(h.sink.requiredAuthorization);
    expect(delivered.body.notificationType).toBe("VnfIdentifierCreationNotification");
    h.sink.requiredAuthorization = undefined;
  });

  it("gets OAUTH2_CLIENT_CREDENTIALS tokens from the subscriber's token endpoint", async () => {
    h.sink.requiredAuthorization = `Bearer ${nfvo.token}`;
    await h.client.post("/vnflcm/v2/subscriptions", {
      callbackUri: `${h.sink.url}/v2/oauth`,
      filter: { notificationTypes: ["VnfIdentifierCreationNotification"] },
      authentication: {
        authType: ["OAUTH2_CLIENT_CREDENTIALS"],
        paramsOauth2ClientCredentials: {
          clientId: "vnfm",
          clientPassword: "pw",
          tokenEndpoint: `${nfvo.url}/oauth/token`,
        },
      },
    });
    const id = await h.createInstance();
    await h.sink.waitFor((all) => all.some((r) => r.body.vnfInstanceId === id && r.path === "/v2/oauth"));
    expect(nfvo.tokenRequests.at(-1)).toBe(`Basic ${Buffer.from("vnfm:pw").toString("base64")}`);
    h.sink.requiredAuthorization = undefined;
  });

  it("asks the external NFVO for grants: asynchronous 202 then poll, v3 vimConnectionInfo, and rejection rolls back", async () => {
    await h.subscribe("v2");
    nfvo.mode = "async";
    const id = await h.createInstance();
    const occ = await h.task(id, "instantiate", { flavourId: "default" });
    const done = await h.waitOcc(occ, ["COMPLETED", "FAILED_TEMP", "ROLLED_BACK"]);
    expect(done.operationState).toBe("COMPLETED");
    expect(done.grantId).toBeTruthy();
    expect(nfvo.grantRequests.at(-1)!.vnfLcmOpOccId).toBe(occ);
    const instance = await h.instance(id);
    expect(instance.instantiatedVnfInfo.vnfcResourceInfo[0].computeResource.vimConnectionId).toBe(
      "CloudOwner_RegionOne",
    );
    expect(instance.vimConnectionInfo.CloudOwner_RegionOne.accessInfo.projectId).toBe("tenant-1");

    nfvo.mode = "sync-v3";
    const scaled = await h.task(id, "scale", { type: "SCALE_OUT", aspectId: "gw_aspect" });
    expect((await h.waitOcc(scaled, ["COMPLETED", "FAILED_TEMP"])).operationState).toBe("COMPLETED");
    expect((nfvo.grantRequests.at(-1)!.addResources as any[]).length).toBe(1);

    nfvo.mode = "reject";
    const rejected = await h.task(id, "scale", { type: "SCALE_OUT", aspectId: "gw_aspect" });
    const rolled = await h.waitOcc(rejected, ["ROLLED_BACK", "FAILED_TEMP", "COMPLETED"]);
    expect(rolled.operationState).toBe("ROLLED_BACK");
    expect(rolled.error.detail).toContain("rejected");
    await h.sink.waitFor(() => h.sink.occStates(rejected).includes("RESULT:ROLLED_BACK"));
    expect(h.sink.occStates(rejected)).toEqual(["START:STARTING", "RESULT:ROLLED_BACK"]);
    expect((await h.instance(id)).instantiatedVnfInfo.vnfcResourceInfo).toHaveLength(2);
    nfvo.mode = "sync-v2";
    const term = await h.task(id, "terminate", { terminationType: "FORCEFUL" });
    await h.waitOcc(term, ["COMPLETED"]);
  });

  it("a cancel while the grant is pending (STARTING) ends the occurrence ROLLED_BACK without touching the VIM", async () => {
    nfvo.mode = "async";
    nfvo.pendingPolls = 15;
    const id = await h.createInstance();
    const starts = h.driver.startsSeen;
    const occ = await h.task(id, "instantiate", { flavourId: "default" });
    expect((await h.client.get(`/vnflcm/v2/vnf_lcm_op_occs/${occ}`)).body.operationState).toBe("STARTING");
    expect(
      (await h.client.post(`/vnflcm/v2/vnf_lcm_op_occs/${occ}/cancel`, { cancelMode: "GRACEFUL" })).status,
    ).toBe(202);
    const ended = await h.waitOcc(occ, ["ROLLED_BACK", "COMPLETED", "FAILED_TEMP"]);
    expect(ended.operationState).toBe("ROLLED_BACK");
    expect(h.driver.startsSeen).toBe(starts);
    expect((await h.instance(id)).instantiationState).toBe("NOT_INSTANTIATED");
    nfvo.mode = "sync-v2";
    nfvo.pendingPolls = 2;
  });

  it("a VNFM restart while the grant is pending leaves FAILED_TEMP; retry asks for the grant again and completes", async () => {
    nfvo.mode = "async";
    nfvo.pendingPolls = 40;
    const id = await h.createInstance();
    const occ = await h.task(id, "instantiate", { flavourId: "default" });
    const grantsBefore = nfvo.grantRequests.length;
    await h.restart();
    const failed = await h.waitOcc(occ, ["FAILED_TEMP"]);
    expect(failed.grantId).toBeUndefined();
    nfvo.mode = "sync-v3";
    expect((await h.client.post(`/vnflcm/v2/vnf_lcm_op_occs/${occ}/retry`)).status).toBe(202);
    const done = await h.waitOcc(occ, ["COMPLETED", "FAILED_TEMP"]);
    expect(done.operationState).toBe("COMPLETED");
    expect(done.grantId).toBeTruthy();
    expect(nfvo.grantRequests.length).toBeGreaterThan(grantsBefore);
    expect(
      (await h.instance(id)).instantiatedVnfInfo.vnfcResourceInfo[0].computeResource.vimConnectionId,
    ).toBe("CloudOwner_RegionOne");
    nfvo.mode = "sync-v2";
    nfvo.pendingPolls = 2;
  });
});
