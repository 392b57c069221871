import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import {
  loadServersFile,
  loadStoredServers,
  mergeServers,
  SERVERS_COLLECTION,
} from "../../../vnfs/opcua-adapter/server-config-loader.js";
import type { OpcuaServerConfig } from "../../../vnfs/opcua-adapter/server-config.js";
import { tempDir } from "./opcua-fixtures.js";

const valid: OpcuaServerConfig = {
  id: "line1",
  tenant: "acme",
  endpointUrl: "opc.tcp://127.0.0.1:4840/plc",
  securityMode: "SignAndEncrypt",
  securityPolicy: "Basic256Sha256",
  identity: { type: "username", userName: "ingest", passwordEnv: "LINE1_PASSWORD" },
  mappings: [
    {
      nodeId: "ns=2;s=Line1.Temperature",
      deviceId: "press-1",
      attribute: "temperature",
      deadband: { type: "absolute", value: 0.5 },
    },
  ],
};

describe("server provisioning", () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir("opcua-config");
  }, 120_000);
  afterAll(async () => dir.remove());

  async function file(name: string, text: string): Promise<string> {
    const path = join(dir.path, name);
    await writeFile(path, text);
    return path;
  }

  it("reads a YAML servers file and resolves passwords from the environment", async () => {
    const path = await file(
      "servers.yaml",
      `servers:\n  - id: line1\n    tenant: acme\n    endpointUrl: opc.tcp://127.0.0.1:4840/plc\n    securityMode: Sign\n    securityPolicy: Aes256_Sha256_RsaPss\n    identity: { type: username, userName: ingest, passwordEnv: LINE1_PASSWORD }\n    mappings:\n      - { nodeId: "ns=2;s=A", deviceId: d1, attribute: a }\n`,
    );
    const [server] = await loadServersFile(path, { LINE1_PASSWORD: "pw" });
    expect(server!.identity).toEqual({ type: "username", userName: "ingest", password: "pw" });
  });

  it("lists every schema problem with the file and JSON pointer", async () => {
    const broken = {
      servers: [
        { ...valid, id: "bad id", securityMode: "Encrypt", extra: 1 },
        { ...valid, endpointUrl: "http://plc", mappings: [{ nodeId: "x", deviceId: "d#1", attribute: "a" }] },
      ],
    };
    const path = await file("broken.json", JSON.stringify(broken));
    const error = await loadServersFile(path, { LINE1_PASSWORD: "pw" }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^OPCUA_CONFIG_INVALID:/);
    expect(message).toContain(`${path}: /servers/0/id must match pattern`);
    expect(message).toContain(`${path}: /servers/0/securityMode must be equal to one of the allowed values`);
    expect(message).toContain(`${path}: /servers/0 must NOT have additional properties (extra)`);
    expect(message).toContain(`${path}: /servers/1/endpointUrl must match pattern`);
    expect(message).toContain(`${path}: /servers/1/mappings/0/deviceId must match pattern`);
  });

  it("reports rules the schema cannot express, all at once", async () => {
    const path = await file(
      "semantic.json",
      JSON.stringify({
        servers: [
          {
            ...valid,
            securityMode: "None",
            subscription: { keepAliveCount: 10, lifetimeCount: 20 },
            connection: { initialDelayMs: 5000, maxDelayMs: 1000 },
            mappings: [valid.mappings![0], valid.mappings![0]],
          },
          { ...valid, id: "line2", mappings: [] },
        ],
      }),
    );
    const message = ((await loadServersFile(path, {}).catch((e: Error) => e)) as Error).message;
    expect(message).toContain("/servers/0: /securityPolicy must be None exactly when securityMode is None");
    expect(message).toContain("/servers/0: /subscription/lifetimeCount must be at least 3 x keepAliveCount");
    expect(message).toContain("/servers/0: /connection/maxDelayMs must not be below initialDelayMs");
    expect(message).toContain("/servers/0: /identity/passwordEnv names LINE1_PASSWORD, which is not set");
    expect(message).toContain("/servers/0: /mappings/1 maps value ns=2;s=Line1.Temperature a second time");
    expect(message).toContain("/servers/1: the server has neither mappings nor discovery");
  });

  it("refuses unreadable and non-YAML files with the path", async () => {
    await expect(loadServersFile(join(dir.path, "missing.yaml"))).rejects.toThrow(
      /cannot read IVF_OPCUA_SERVERS_FILE .*missing\.yaml/,
    );
    const path = await file("garbage.yaml", "servers: [ {{{");
    await expect(loadServersFile(path)).rejects.toThrow(/garbage\.yaml is not valid YAML\/JSON/);
  });

  it("loads store documents, skipping broken ones with a located problem", async () => {
    const store = await SqliteStore.open({
      path: join(dir.path, "store.sqlite"),
      logger: createLogger({ ivf: "t", instanceId: "t", level: "silent" }),
    });
    try {
      const collection = await store.collection<{ id: string } & Record<string, unknown>>(SERVERS_COLLECTION);
      const { id: _id, identity: _identity, ...rest } = valid;
      await collection.insert({ ...rest, id: "acme.line1" });
      await collection.insert({ ...rest, id: "acme.line2", securityPolicy: "Basic128Rsa15" });
      const { servers, problems } = await loadStoredServers(store, {});
      expect(servers.map((s) => s.id)).toEqual(["line1"]);
      expect(problems).toEqual([
        expect.stringContaining(
          "opcua_servers/acme.line2: /securityPolicy must be equal to one of the allowed values",
        ),
      ]);
    } finally {
      await store.close();
    }
  });

  it("merges file and store servers, refusing one server defined twice and filtering by tenant", () => {
    const other = { ...valid, tenant: "globex" };
    expect(mergeServers([valid], [other], "globex")).toEqual([other]);
    expect(() => mergeServers([valid], [valid])).toThrow(/provisioned twice .*acme\.line1/);
  });
});
