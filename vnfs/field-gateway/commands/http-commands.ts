import express, { type Express, type Request, type Response } from "express";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import { RateLimiter } from "../../runtime-kit/http/rate-limiter.js";
import { IDENTIFIER_PATTERN } from "../../runtime-kit/primitives/request-primitive.js";
import { COMMAND_ID_PATTERN } from "../../runtime-kit/primitives/device-command.js";
import type { CommandDelivery } from "./command-delivery.js";
import { InvalidResultError, parseDeviceResult } from "./command-results.js";
import type { DeviceCredentials } from "./device-credentials.js";
import { hashApiKey } from "../registry/device-records.js";

/**
 * The HTTP side of commands, for devices that cannot keep a connection open (FIWARE's polling
 * commands, iot-platforms.md §1.5), authenticated by `X-API-Key` like telemetry:
 *
 *   GET  /v1/commands/{deviceId}                        200 {"commands": [...]}: queued commands, now delivered
 *   POST /v1/commands/{deviceId}/{commandId}/result     {"status": "executed"|"failed", "result"?, "detail"?} -> 204
 */
export function mountHttpCommands(
  app: Express,
  delivery: CommandDelivery,
  credentials: DeviceCredentials,
  options: { maxPayloadBytes: number; logger: Logger; ratePerSecond?: number },
): void {
  const json = express.json({ limit: options.maxPayloadBytes, type: () => true });
  // Per device and key, before authentication: a polling loop gone wild costs a 429, not a
  // store query per request (behind NAT, many devices share an address, so not per address).
  const rate = options.ratePerSecond ?? 10;
  const limiter = new RateLimiter({ perSecond: rate, burst: rate * 2 });

  app.get("/v1/commands/:deviceId", (req, res, next) => {
    void (async () => {
      const device = await authenticated(req, res, credentials, limiter);
      if (!device) return;
      res.status(200).json({ commands: await delivery.poll(device) });
    })().catch(next);
  });

  app.post("/v1/commands/:deviceId/:commandId/result", json, (req, res, next) => {
    void (async () => {
      const device = await authenticated(req, res, credentials, limiter);
      if (!device) return;
      const commandId = String(req.params.commandId);
      if (!COMMAND_ID_PATTERN.test(commandId)) {
        return problem(res, 400, "INVALID_COMMAND_ID", `command id must match ${COMMAND_ID_PATTERN}`);
      }
      let result;
      try {
        result = parseDeviceResult(req.body, commandId);
      } catch (error) {
        if (error instanceof InvalidResultError) return problem(res, 400, "INVALID_RESULT", error.message);
        throw error;
      }
      if (!(await delivery.report(device, result))) {
        return problem(
          res,
          404,
          "UNKNOWN_COMMAND",
          `no open command ${commandId} for device ${device.deviceId}`,
        );
      }
      res.status(204).end();
    })().catch(next);
  });
}

async function authenticated(
  req: Request,
  res: Response,
  credentials: DeviceCredentials,
  limiter: RateLimiter,
) {
  const deviceId = String(req.params.deviceId);
  if (!IDENTIFIER_PATTERN.test(deviceId)) {
    problem(res, 400, "INVALID_DEVICE_ID", `device id must match ${IDENTIFIER_PATTERN}`);
    return undefined;
  }
  const apiKey = req.get("x-api-key");
  const wait = limiter.take(`${deviceId}/${hashApiKey(apiKey ?? "")}`);
  if (wait > 0) {
    res.set("Retry-After", String(wait));
    problem(
      res,
      429,
      "TOO_MANY_REQUESTS",
      `requests for device ${deviceId} exceed the rate; retry in ${wait} s`,
    );
    return undefined;
  }
  const device = await credentials.authenticate(apiKey, deviceId);
  if (!device) {
    problem(
      res,
      401,
      apiKey ? "UNKNOWN_API_KEY" : "MISSING_API_KEY",
      "a valid X-API-Key of the device's group is required",
    );
  }
  return device;
}

function problem(res: Response, status: number, code: string, detail: string): void {
  res
    .status(status)
    .type("application/problem+json")
    .send(
      JSON.stringify({
        type: `urn:ivf:problem:field-gateway:${code.toLowerCase()}`,
        title: code,
        status,
        code,
        detail,
      }),
    );
}
