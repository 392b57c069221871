import { LogThrottle } from "../../runtime-kit/logging/log-throttle.js";
import express, { type Express, type Request, type Response } from "express";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import type { TelemetryIntake } from "../ingest/accept-telemetry.js";
import type { BatchPublisher } from "../ingest/batch-publisher.js";
import { IngestError, ingestErrors, type IngestErrorCode } from "../ingest/ingest-errors.js";
import { checkPeerCertificate, type CertifiedDevice } from "../registry/certificate-identity.js";

export interface HttpIngressOptions {
  maxPayloadBytes: number;
  /** How long a request waits for the bus confirm before it is answered 503 (the device retries). */
  publishTimeoutMs: number;
  logger: Logger;
}

/**
 * The HTTP binding: `POST /v1/telemetry/{deviceId}` with the group's key in `X-API-Key`, or over
 * HTTPS with a client certificate naming the device (registry/certificate-identity.ts) and no
 * key, and a JSON body (normalise-payload.ts). 202 Accepted once the bus confirmed the primitive; errors are
 * RFC 9457 problem details with the catalogue code. When the gateway is saturated it answers 503
 * with Retry-After at once instead of queueing without bound.
 */
export function mountHttpIngress(
  app: Express,
  intake: Pick<TelemetryIntake, "accept">,
  publisher: BatchPublisher,
  options: HttpIngressOptions,
): void {
  const raw = express.raw({ type: () => true, limit: options.maxPayloadBytes });
  const log = new LogThrottle(options.logger);
  app.post("/v1/telemetry/:deviceId", (req, res, next) => {
    if (publisher.saturated) {
      sendProblem(
        res,
        new IngestError("OVERLOADED", [`${publisher.inFlight} messages are waiting for the bus`]),
        req,
      );
      return;
    }
    if (!req.is("application/json")) {
      sendProblem(
        res,
        new IngestError("UNSUPPORTED_MEDIA_TYPE", [`got ${JSON.stringify(req.get("content-type") ?? "")}`]),
        req,
      );
      return;
    }
    raw(req, res, (error?: unknown) => {
      if (error) {
        const status = (error as { status?: number }).status;
        if (status === 413) {
          sendProblem(
            res,
            new IngestError("PAYLOAD_TOO_LARGE", [`the limit is ${options.maxPayloadBytes} bytes`]),
            req,
          );
          return;
        }
        next(error);
        return;
      }
      void accept(req, res, intake, options, log);
    });
  });
}

async function accept(
  req: Request,
  res: Response,
  intake: Pick<TelemetryIntake, "accept">,
  options: HttpIngressOptions,
  log: LogThrottle,
): Promise<void> {
  const deviceId = String(req.params.deviceId);
  const payload = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const apiKey = req.get("x-api-key");
  let certificate: CertifiedDevice | undefined;
  let certificateDetails: Record<string, unknown> | undefined;
  if (!apiKey) {
    const peer = checkPeerCertificate(req.socket);
    if (peer.presented) certificateDetails = peer.details;
    if (peer.presented && !peer.ok) {
      log.warn(
        "CERTIFICATE_REJECTED",
        {
          path: req.path.slice(0, 256),
          ...peer.details,
          problem: peer.problem,
          code: "CERTIFICATE_REJECTED",
        },
        "device certificate refused",
      );
      sendProblem(res, new IngestError("CERTIFICATE_REJECTED", [peer.problem]), req);
      return;
    }
    if (peer.presented && peer.ok) certificate = peer.device;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new IngestError("BUS_UNAVAILABLE", [`no confirm within ${options.publishTimeoutMs} ms`])),
      options.publishTimeoutMs,
    );
  });
  try {
    const accepted = await Promise.race([
      intake.accept({
        protocol: "http",
        endpoint: req.path,
        apiKey,
        certificate,
        deviceId,
        payload,
      }),
      timeout,
    ]);
    res.status(202).json({ accepted: accepted.measurements });
  } catch (error) {
    if (error instanceof IngestError) {
      if (certificateDetails && error.drop === "auth") {
        log.warn(
          error.code,
          { path: req.path.slice(0, 256), ...certificateDetails, problems: error.problems, code: error.code },
          "device certificate refused",
        );
      }
      sendProblem(res, error, req);
      return;
    }
    options.logger.error({ err: error, path: req.path }, "HTTP telemetry could not be ingested");
    sendProblem(res, new IngestError("BUS_UNAVAILABLE", ["internal error; see the gateway log"]), req);
  } finally {
    clearTimeout(timer);
  }
}

function sendProblem(res: Response, error: IngestError, req: Request): void {
  const code: IngestErrorCode = error.code;
  // A device bucket refills at least one message per second (IVF_FIELD_GATEWAY_DEVICE_RATE >= 1).
  if (error.status === 503 || error.status === 429) res.set("Retry-After", "1");
  res
    .status(error.status)
    .type("application/problem+json")
    .json({
      type: `urn:ivf:problem:field-gateway:${code.toLowerCase().replace(/_/g, "-")}`,
      title: ingestErrors[code].title,
      status: error.status,
      detail: error.problems.join("; ") || ingestErrors[code].title,
      instance: req.originalUrl.slice(0, 256),
      code,
      problems: error.problems,
    });
}
