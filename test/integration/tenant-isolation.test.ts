import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiBody } from "../ivfs/cloud-api/platform-fixture.js";
import { documents, matrix } from "./tenant-isolation-matrix.js";
import type { Api, Probe } from "./tenant-isolation-probes.js";
import {
  base,
  bravoSecrets,
  cloud,
  iso,
  setUpIsolationWorld,
  tearDownIsolationWorld,
  tokens,
  world,
} from "./tenant-isolation-world.js";

/**
 * Tenant isolation across every API: tenant alpha, holding every role of its tenant, tries to
 * read, list, count, change, command, subscribe to and infer tenant bravo's data through every
 * operation of cloud-api, device-manager, data-store and identity (the table is in
 * tenant-isolation-matrix*.ts; the device and bus paths are in tenant-isolation-bus.test.ts).
 */
beforeAll(setUpIsolationWorld, 120_000);
afterAll(tearDownIsolationWorld);

async function send(api: Api, probe: Probe, path: string, body: unknown) {
  if (!probe.form)
    return iso.platform.call(base(api), tokens.alpha[probe.as ?? "admin"], probe.method, path, body);
  const response = await fetch(`${base(api)}${path}`, {
    method: probe.method,
    headers: {
      authorization: `Basic ${Buffer.from(`${probe.form.clientId}:${probe.form.secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: probe.form.body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as ApiBody, text };
}

/** Every `tenant` property anywhere in the answer. */
function tenantsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => tenantsIn(item, found));
  else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key === "tenant" && typeof child === "string") found.push(child);
      else tenantsIn(child, found);
    }
  }
  return found;
}

function tokenTenant(jwt: string): string {
  return (JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as { tenant: string })
    .tenant;
}

describe("tenant isolation matrix: alpha against bravo through every API operation", () => {
  it("covers every operation of every tenant-facing API document (a new operation must be added here)", () => {
    for (const [api, file] of Object.entries(documents) as [Api, string][]) {
      const document = yaml.load(readFileSync(file, "utf8")) as {
        paths: Record<string, Record<string, { operationId?: string }>>;
      };
      const declared = Object.values(document.paths).flatMap((item) =>
        Object.values(item).flatMap((operation) =>
          operation && typeof operation === "object" && operation.operationId ? [operation.operationId] : [],
        ),
      );
      const covered = matrix.filter((entry) => entry.api === api).map((entry) => entry.operationId);
      expect(covered.sort(), `${file}: operations missing from or unknown to the matrix`).toEqual(
        [...declared].sort(),
      );
    }
  });

  for (const entry of matrix) {
    it(`${entry.api} ${entry.operationId}: no data, count or existence of bravo's leaks`, async () => {
      for (const probe of entry.probes(world)) {
        const answer = await send(entry.api, probe, probe.path, probe.body);
        const request = `${probe.path} ${JSON.stringify(probe.body ?? "")}`;
        const where = `${probe.method} ${probe.path} -> ${answer.status} ${answer.text.slice(0, 300)}`;
        for (const secret of bravoSecrets().filter((value) => value && !request.includes(value)))
          expect(answer.text, `${where}: contains ${secret}`).not.toContain(secret);
        switch (probe.expect) {
          case "hidden": {
            const ghost = await send(entry.api, probe, probe.ghost!.path, probe.ghost!.body);
            expect([404, 422], where).toContain(answer.status);
            expect(
              { status: answer.status, type: answer.body?.type, title: answer.body?.title },
              where,
            ).toEqual({
              status: ghost.status,
              type: ghost.body?.type,
              title: ghost.body?.title,
            });
            break;
          }
          case "own": {
            expect(answer.status, where).toBeGreaterThanOrEqual(200);
            expect(answer.status, where).toBeLessThan(300);
            expect(
              tenantsIn(answer.body).filter((tenant) => tenant !== "alpha"),
              where,
            ).toEqual([]);
            if (answer.body && typeof answer.body.total === "number")
              expect(answer.body.total, `${where}: total counts another tenant`).toBe(
                answer.body.items.length,
              );
            break;
          }
          case "forbidden":
            expect(answer.status, where).toBe(403);
            break;
          case "public":
            expect(answer.status, where).toBe(200);
            if (answer.body.access_token) expect(tokenTenant(answer.body.access_token)).toBe("alpha");
            break;
        }
      }
    });
  }

  it("left every resource of bravo as it was", async () => {
    for (const path of [
      "/v1/devices/b-secret-device",
      "/v1/groups/bravo-group",
      "/v1/subscriptions/b-sub-secret",
    ])
      expect((await cloud("bravo", "reader", "GET", path)).status, path).toBe(200);
    expect((await cloud("bravo", "reader", "GET", "/v1/devices")).body.total).toBe(3);
    const command = await cloud(
      "bravo",
      "reader",
      "GET",
      `/v1/devices/b-secret-device/commands/${world.bravoCommandId}`,
    );
    expect(command.body.command).toBe("bravo-secret-command");
    const retention = await iso.platform.call(
      iso.platform.urls.dataStore,
      tokens.bravo.admin,
      "GET",
      "/v1/tenants/bravo/retention",
    );
    expect(retention.body.source).toBe("default");
    const job = await iso.platform.call(
      iso.platform.urls.deviceManager,
      tokens.bravo.reader,
      "GET",
      `/v1/tenants/bravo/jobs/${world.bravoJobId}`,
    );
    expect(job.body.state).not.toBe("cancelled");
    // bravo's clients still hold valid tokens: nothing was revoked or rotated.
    expect((await cloud("bravo", "admin", "GET", "/v1/groups")).status).toBe(200);
  });
});
