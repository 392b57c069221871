import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type PlatformFixture } from "./device-manager-fixture.js";

let platform: PlatformFixture;
let admin: string;
let reader: string;
let writer: string;
let otherAdmin: string;

beforeAll(async () => {
  // A small per-client budget (burst 50) so the rate limit test can exceed it quickly.
  platform = await startPlatform({ env: { IVF_DEVICE_MANAGER_RATE: "25" } });
  admin = await platform.token("acme", "acme-admin", ["tenant-admin"]);
  reader = await platform.token("acme", "acme-reader", ["reader"]);
  writer = await platform.token("acme", "acme-writer", ["writer"]);
  otherAdmin = await platform.token("globex", "globex-admin", ["tenant-admin"]);
}, 60_000);

afterAll(async () => {
  await platform?.stop();
});

const meters = {
  groupId: "meters",
  transport: "mqtt",
  autoprovision: true,
  explicitAttributes: true,
  attributes: [
    { name: "power", type: "number", unit: "kW", expression: "power_w / 1000" },
    { name: "voltage", type: "number", unit: "V" },
  ],
  staticAttributes: { site: "north", floor: 2 },
};

describe("device groups", () => {
  it("creates a group and shows its API key only in the creation answer", async () => {
    const created = await platform.api(admin, "POST", "/v1/tenants/acme/groups", meters);
    expect(created.status).toBe(201);
    expect(created.body.apiKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(created.body).toMatchObject({ groupId: "meters", tenant: "acme", autoprovision: true });
    const read = await platform.api(reader, "GET", "/v1/tenants/acme/groups/meters");
    expect(read.status).toBe(200);
    expect(read.body.apiKey).toBeUndefined();
    expect(JSON.stringify(read.body)).not.toContain(created.body.apiKey);
    expect(read.body.attributes[0]).toEqual(meters.attributes[0]);
    const listed = await platform.api(reader, "GET", "/v1/tenants/acme/groups");
    expect(listed.body).toMatchObject({ total: 1, items: [{ groupId: "meters" }] });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.apiKey);
  });

  it("refuses a second group with the same id with 409", async () => {
    const again = await platform.api(admin, "POST", "/v1/tenants/acme/groups", meters);
    expect(again.status).toBe(409);
  });

  it("rotates the API key: a new key, shown once, different from the old one", async () => {
    const first = await platform.api(admin, "POST", "/v1/tenants/acme/groups", { groupId: "rotating" });
    const rotated = await platform.api(admin, "POST", "/v1/tenants/acme/groups/rotating/apikey");
    expect(rotated.status).toBe(200);
    expect(rotated.body.apiKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(rotated.body.apiKey).not.toBe(first.body.apiKey);
    expect(Date.parse(rotated.body.apiKeyRotatedAt)).toBeGreaterThanOrEqual(
      Date.parse(first.body.apiKeyRotatedAt),
    );
  });

  it("lists every invalid field of a group with its JSON pointer", async () => {
    const bad = await platform.api(admin, "POST", "/v1/tenants/acme/groups", {
      groupId: "bad group",
      transport: "carrier-pigeon",
      attributes: [{ name: "x", type: "complex" }],
      extra: true,
    });
    expect(bad.status).toBe(400);
    const pointers = bad.body.errors.map((error: { pointer: string }) => error.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(["/body/groupId", "/body/transport", "/body/attributes/0/type"]),
    );
  });

  it("refuses transformation expressions that try to reach JavaScript, naming the attribute", async () => {
    const hostile = [
      "constructor.constructor('return process')()",
      "power.__proto__.polluted = 1",
      "this.process.exit(1)",
      "power = 1",
      "`${process.env}`",
      "require('child_process')",
      "x; process.exit()",
    ];
    for (const expression of hostile) {
      const refused = await platform.api(admin, "POST", "/v1/tenants/acme/groups", {
        groupId: "hostile",
        attributes: [
          { name: "ok", type: "number", expression: "a + 1" },
          { name: "evil", type: "number", expression },
        ],
      });
      expect(refused.status, expression).toBe(400);
      expect(refused.body.errors[0].pointer, expression).toBe("/body/attributes/1/expression");
    }
    expect((await platform.api(admin, "GET", "/v1/tenants/acme/groups/hostile")).status).toBe(404);
  });

  it("replaces a group's settings with PUT and keeps its key", async () => {
    const updated = await platform.api(admin, "PUT", "/v1/tenants/acme/groups/rotating", {
      transport: "http",
      attributes: [{ name: "t", type: "number", expression: "round(t_raw * 0.1, 1)" }],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      transport: "http",
      autoprovision: false,
      attributes: [{ name: "t" }],
    });
  });

  it("refuses to delete a group that still has devices, then deletes it once empty", async () => {
    await platform.api(admin, "POST", "/v1/tenants/acme/groups", { groupId: "short-lived" });
    await platform.api(admin, "POST", "/v1/tenants/acme/devices", {
      deviceId: "sl-1",
      groupId: "short-lived",
    });
    expect((await platform.api(admin, "DELETE", "/v1/tenants/acme/groups/short-lived")).status).toBe(409);
    expect((await platform.api(admin, "DELETE", "/v1/tenants/acme/devices/sl-1")).status).toBe(204);
    expect((await platform.api(admin, "DELETE", "/v1/tenants/acme/groups/short-lived")).status).toBe(204);
  });
});

describe("devices", () => {
  it("provisions devices with merged static attributes and lists them by page and group", async () => {
    for (let index = 0; index < 5; index++) {
      const created = await platform.api(admin, "POST", "/v1/tenants/acme/devices", {
        deviceId: `meter-${index}`,
        groupId: "meters",
        staticAttributes: { floor: index },
      });
      expect(created.status).toBe(201);
      expect(created.body.staticAttributes).toEqual({ site: "north", floor: index });
    }
    await platform.api(admin, "POST", "/v1/tenants/acme/devices", {
      deviceId: "other-1",
      groupId: "rotating",
    });
    const page = await platform.api(
      reader,
      "GET",
      "/v1/tenants/acme/devices?groupId=meters&limit=2&offset=2",
    );
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(page.body.items.map((device: { deviceId: string }) => device.deviceId)).toEqual([
      "meter-2",
      "meter-3",
    ]);
    const all = await platform.api(reader, "GET", "/v1/tenants/acme/devices");
    expect(all.body.total).toBe(6);
  });

  it("refuses a device in a group that does not exist with 422 and a duplicate with 409", async () => {
    const orphan = await platform.api(admin, "POST", "/v1/tenants/acme/devices", {
      deviceId: "x",
      groupId: "nope",
    });
    expect(orphan.status).toBe(422);
    const duplicate = await platform.api(admin, "POST", "/v1/tenants/acme/devices", {
      deviceId: "meter-0",
      groupId: "meters",
    });
    expect(duplicate.status).toBe(409);
  });

  it("refuses ids carrying MQTT wildcards, $, dots or slashes before touching anything", async () => {
    for (const id of ["a+b", "a#", "$SYS", "a.b", "a%2Fb", "a*"]) {
      const created = await platform.api(admin, "POST", "/v1/tenants/acme/devices", {
        deviceId: id,
        groupId: "meters",
      });
      expect(created.status, id).toBe(400);
      const read = await platform.api(reader, "GET", `/v1/tenants/acme/devices/${encodeURIComponent(id)}`);
      expect(read.status, id).toBe(400);
    }
  });

  it("moves a device to another group and removes it", async () => {
    const moved = await platform.api(admin, "PUT", "/v1/tenants/acme/devices/meter-4", {
      groupId: "rotating",
      name: "moved meter",
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ groupId: "rotating", transport: "http", name: "moved meter" });
    expect((await platform.api(admin, "DELETE", "/v1/tenants/acme/devices/meter-4")).status).toBe(204);
    expect((await platform.api(reader, "GET", "/v1/tenants/acme/devices/meter-4")).status).toBe(404);
  });
});

describe("roles and tenants", () => {
  it("lets readers read but not write, and writers not manage groups (403)", async () => {
    expect((await platform.api(reader, "POST", "/v1/tenants/acme/groups", { groupId: "r" })).status).toBe(
      403,
    );
    expect(
      (await platform.api(writer, "POST", "/v1/tenants/acme/devices", { deviceId: "w", groupId: "meters" }))
        .status,
    ).toBe(403);
    expect(
      (await platform.api(reader, "POST", "/v1/tenants/acme/devices/meter-0/commands", { command: "x" }))
        .status,
    ).toBe(403);
    expect((await platform.api(reader, "POST", "/v1/tenants/acme/groups/meters/apikey")).status).toBe(403);
  });

  it("answers 401 without a valid token, before looking at the request", async () => {
    const response = await fetch(`${platform.managerUrl}/v1/tenants/acme/groups/%24bad`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await platform.api("not-a-token", "GET", "/v1/tenants/acme/groups")).status).toBe(401);
  });

  it("hides tenant A's groups, devices and commands from tenant B: 404, never 403", async () => {
    const paths: [string, string, unknown?][] = [
      ["GET", "/v1/tenants/acme/groups"],
      ["GET", "/v1/tenants/acme/groups/meters"],
      ["POST", "/v1/tenants/acme/groups/meters/apikey"],
      ["PUT", "/v1/tenants/acme/groups/meters", {}],
      ["DELETE", "/v1/tenants/acme/groups/meters"],
      ["GET", "/v1/tenants/acme/devices"],
      ["GET", "/v1/tenants/acme/devices/meter-0"],
      ["DELETE", "/v1/tenants/acme/devices/meter-0"],
      ["POST", "/v1/tenants/acme/devices/meter-0/commands", { command: "reboot" }],
      ["GET", "/v1/tenants/acme/devices/meter-0/commands"],
      ["GET", "/v1/tenants/acme/jobs"],
      ["POST", "/v1/tenants/acme/jobs", { target: { groupId: "meters" }, configuration: { a: 1 } }],
    ];
    for (const [method, path, body] of paths) {
      const answer = await platform.api(otherAdmin, method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(404);
    }
    // Tenant B's own namespace does not see A's ids either.
    expect((await platform.api(otherAdmin, "GET", "/v1/tenants/globex/devices/meter-0")).status).toBe(404);
    expect((await platform.api(otherAdmin, "GET", "/v1/tenants/globex/groups")).body.total).toBe(0);
    // And A's group is untouched.
    expect((await platform.api(reader, "GET", "/v1/tenants/acme/groups/meters")).status).toBe(200);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once a client exceeds its burst, without affecting other clients", async () => {
    const greedy = await platform.token("acme", "acme-greedy", ["reader"]);
    const answers = await Promise.all(
      Array.from({ length: 260 }, () =>
        fetch(`${platform.managerUrl}/v1/tenants/acme/groups?limit=1`, {
          headers: { authorization: `Bearer ${greedy}` },
        }),
      ),
    );
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(answers.every((answer) => answer.status === 200 || answer.status === 429)).toBe(true);
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await platform.api(reader, "GET", "/v1/tenants/acme/groups")).status).toBe(200);
  });
});
