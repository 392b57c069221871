/**
 * What every route module of the console backend shares: the dependencies it may call, the
 * guard that demands a session with a role, and strict parsing of path and query values.
 */
import type { NextFunction, Request, Response } from "express";
import type { VnfmClient } from "../../cli/up/vnfm-client.js";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import type { IvfLocator } from "../backend/ivf-endpoints.js";
import { ConsoleError } from "../backend/console-error.js";
import type { FaultSource } from "../backend/fault-source.js";
import type { ConsoleSession, Role } from "../sessions.js";

export interface ConsoleDeps {
  /** Client of the VNFM's SOL003 APIs with the platform's VNFM credentials (never the browser's). */
  vnfm: VnfmClient;
  locator: IvfLocator;
  /** The monitoring agent's SOL003 FM API and the bearer token it accepts. */
  monitor?: { url: string; token: string };
  /** cloud-api application keys by tenant (latest values and raw measurements). */
  applicationKeys: Record<string, string>;
  faults?: FaultSource;
  logger: Logger;
}

export type Handler = (session: ConsoleSession, req: Request, res: Response) => Promise<void>;
export type Guard = (
  role: Role,
  handler: Handler,
) => (req: Request, res: Response, next: NextFunction) => void;

const ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A path parameter that may go into an upstream path: ids only, never `/`, `?` or `%`. */
export function param(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== "string" || !ID.test(value))
    throw new ConsoleError(400, `bad ${name}: letters, digits, '.', '_', ':' and '-' only (1-128)`);
  return value;
}

/** An optional query string value matching `pattern`; a value that does not match is refused. */
export function query(req: Request, name: string, pattern: RegExp): string | undefined {
  const value = req.query[name];
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string" || !pattern.test(value))
    throw new ConsoleError(400, `bad query parameter ${name}`);
  return value;
}

/** The session's tenant for tenant-scoped IoT APIs (an operator client has none). */
export function tenantOf(session: ConsoleSession): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(session.tenant))
    throw new ConsoleError(
      400,
      `client ${session.clientId} belongs to no single tenant; log in with a tenant's client to see devices`,
    );
  return session.tenant;
}
