/**
 * Runs the VNFM adapter inside the `ivf up` process, wired exactly like `ivf vnfm serve`
 * (vnfm-adapter/cli/vnfm-command.ts): embedded SQLite store, local-process VIM, local OAuth
 * 2.0 token endpoint. Its VNFCs run through ./vnfc-entry.js so they share the platform's
 * embedded bus and store directory.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LocalTokenIssuer, parseClients } from "../../../vnfm-adapter/auth/token-verifier.js";
import { LocalProcessDriver } from "../../../vnfm-adapter/infra-drivers/local-process/local-process-driver.js";
import { createVnfm, type Vnfm } from "../../../vnfm-adapter/server.js";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import { createStore } from "../../runtime-kit/store/create-store.js";
import type { DocumentStore } from "../../runtime-kit/store/document-store.js";

export interface VnfmHostOptions {
  dataDir: string;
  port: number;
  clientId: string;
  clientSecret: string;
  /** Environment every VNFC inherits (MQTT URL, provisioning file, API keys, shared data dir). */
  vnfcEnv: NodeJS.ProcessEnv;
  readyTimeoutMs: number;
  graceMs: number;
  logger: Logger;
}

export interface VnfmHost {
  url: string;
  vnfm: Vnfm;
  /** Stops the API, the conductor and (with stopVnfcs) every VNFC process it still knows. */
  close(stopVnfcs: boolean): Promise<void>;
}

const vnfcEntry = fileURLToPath(new URL("./vnfc-entry.js", import.meta.url));

export async function startVnfmHost(options: VnfmHostOptions): Promise<VnfmHost> {
  const server: Server = createServer({ keepAliveTimeout: 65_000 });
  await new Promise<void>((done, fail) => server.once("error", fail).listen(options.port, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let store: DocumentStore | undefined;
  try {
    store = await createStore({
      dataDir: options.dataDir,
      mongodbDatabase: "ivf",
      fileName: "vnfm.sqlite",
      logger: options.logger,
    });
    const driver = new LocalProcessDriver({
      command: [process.execPath, vnfcEntry, "run", "{function}"],
      cwd: resolve("."),
      dataRoot: join(options.dataDir, "vnfcs"),
      readyTimeoutMs: options.readyTimeoutMs,
      baseEnv: options.vnfcEnv,
      logger: options.logger,
    });
    const issuer = new LocalTokenIssuer(parseClients(`${options.clientId}:${options.clientSecret}`), {
      ttlMs: 3_600_000,
      audience: "ivf-vnfm",
      issuer: url,
    });
    const vnfm = await createVnfm({
      store,
      driver,
      logger: options.logger,
      apiRoot: url,
      defaultGraceMs: options.graceMs,
      auth: { verifier: issuer, issuer },
    });
    server.on("request", vnfm.app);
    const opened = store;
    return {
      url,
      vnfm,
      close: async (stopVnfcs) => {
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
        await vnfm.close();
        await driver.close({ stopVnfcs });
        await opened.close();
      },
    };
  } catch (error) {
    server.close();
    await store?.close();
    throw error;
  }
}
