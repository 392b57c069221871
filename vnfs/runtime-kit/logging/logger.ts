import { pino, type Logger, type LevelWithSilent } from "pino";

export type { Logger } from "pino";

export interface LoggerIdentity {
  /** IVF (or component) name, e.g. "field-gateway", "vnfm-adapter". */
  ivf: string;
  instanceId: string;
  level?: LevelWithSilent;
}

/**
 * Structured JSON logs on stdout (one object per line) with the IVF name and instance id
 * on every line. Per-request or per-message context such as the tenant is added with
 * `logger.child({ tenant })`. Well-known credential fields are redacted wherever they appear.
 */
export function createLogger(identity: LoggerIdentity, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: identity.level ?? "info",
      base: { ivf: identity.ivf, instanceId: identity.instanceId },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [
          "password",
          "*.password",
          "apiKey",
          "*.apiKey",
          "authorization",
          "*.authorization",
          "headers.authorization",
          "*.headers.authorization",
          "clientSecret",
          "*.clientSecret",
          "token",
          "*.token",
          "access_token",
          "*.access_token",
        ],
        censor: "***",
      },
    },
    destination,
  );
}
