import type { ConfigSpec } from "../../runtime-kit/config/env-config.js";
import { ConfigError } from "../../runtime-kit/config/env-config.js";
import {
  effectiveAddress,
  forbiddenKind,
  inRange,
  parseIp,
  parseRange,
  type AddressRange,
} from "./address-ranges.js";

/**
 * Where a tenant's webhook may point (server-side request forgery guard). A webhook URL is
 * refused when its host is, or resolves to, a loopback, private, link-local, unique-local or
 * other non-public address, when it is an obviously internal name (`localhost`, a single label
 * like `rabbitmq`, `*.local`, `*.internal`, `*.svc`, ...), or when it is one of the platform's own
 * service endpoints (bus, store, MQTT broker, identity). The operator opens exceptions with
 * IVF_NOTIFIER_WEBHOOK_ALLOW; the platform's own endpoints stay refused whatever it says.
 *
 * The cloud API checks a URL when a subscription is created (literal addresses and names); the
 * notifier checks again before every delivery, including each address the name resolves to.
 */
export const WEBHOOK_ALLOW_ENV = "IVF_NOTIFIER_WEBHOOK_ALLOW";

export const webhookPolicySettings = {
  webhookAllow: {
    kind: "list",
    env: WEBHOOK_ALLOW_ENV,
    description:
      "Internal webhook targets tenants may use despite the SSRF guard: CIDRs, addresses, host names or *.suffix names (comma-separated); default none",
    default: [],
  },
} satisfies ConfigSpec;

const INTERNAL_SUFFIXES = [
  ".localhost",
  ".local",
  ".localdomain",
  ".internal",
  ".intranet",
  ".lan",
  ".home.arpa",
  ".svc",
  ".corp",
];

const DEFAULT_PORTS: Record<string, string> = {
  "http:": "80",
  "https:": "443",
  "amqp:": "5672",
  "amqps:": "5671",
  "mongodb:": "27017",
  "mqtt:": "1883",
  "mqtts:": "8883",
  "ws:": "80",
  "wss:": "443",
};

const HOW_TO_ALLOW = `an operator can allow it with ${WEBHOOK_ALLOW_ENV} (CIDRs or host names, comma-separated)`;

export class WebhookPolicy {
  private constructor(
    private readonly allowedRanges: AddressRange[],
    private readonly allowedNames: string[],
    private readonly platformEndpoints: Set<string>,
  ) {}

  /**
   * The policy from the allow list and the URLs of the platform services this process knows
   * (their host:port pairs are always refused). Invalid allow entries are all listed at once.
   */
  static create(allow: string[], platformUrls: (string | undefined)[] = []): WebhookPolicy {
    const ranges: AddressRange[] = [];
    const names: string[] = [];
    const problems: string[] = [];
    for (const entry of allow.map((item) => item.trim().toLowerCase()).filter(Boolean)) {
      const range = parseRange(entry);
      if (range) ranges.push(range);
      else if (/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(entry))
        names.push(entry);
      else
        problems.push(
          `${WEBHOOK_ALLOW_ENV} entry ${JSON.stringify(entry)} is neither a CIDR (10.0.0.0/8, fd00::/8), an address nor a host name (hooks.example, *.example)`,
        );
    }
    if (problems.length > 0) throw new ConfigError(problems);
    const endpoints = new Set(platformUrls.flatMap((url) => (url ? endpointsOf(url) : [])));
    return new WebhookPolicy(ranges, names, endpoints);
  }

  /** Why this webhook URL may not be used, or undefined when it may. Checks no DNS. */
  urlProblem(url: string): string | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `webhook URL ${JSON.stringify(url)} is not a valid URL`;
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
      return `webhook URL must use http or https, not ${parsed.protocol.slice(0, -1)}`;
    const host = parsed.hostname
      .toLowerCase()
      .replace(/^\[|\]$/g, "")
      .replace(/\.$/, "");
    const port = parsed.port || DEFAULT_PORTS[parsed.protocol]!;
    if (this.platformEndpoints.has(`${host}:${port}`))
      return `webhook URL ${host}:${port} is an endpoint of the platform's own services; notifications cannot be sent there`;
    if (this.nameAllowed(host)) return undefined;
    const ip = parseIp(host);
    if (ip) return this.addressProblem(host, host);
    if (isInternalName(host))
      return `webhook host ${host} is an internal name; webhooks may only reach public hosts unless ${HOW_TO_ALLOW}`;
    return undefined;
  }

  /** Why `host` may not be reached at `address` (one it resolved to), or undefined when it may. */
  addressProblem(host: string, address: string): string | undefined {
    if (this.nameAllowed(host)) return undefined;
    const ip = parseIp(address);
    if (!ip) return `webhook host ${host} resolved to ${address}, which is not an IP address`;
    const effective = effectiveAddress(ip);
    if (this.allowedRanges.some((range) => inRange(effective, range) || inRange(ip, range))) return undefined;
    const kind = forbiddenKind(ip);
    if (!kind) return undefined;
    const subject =
      host === address ? `webhook address ${address}` : `webhook host ${host} resolves to ${address}, which`;
    return `${subject} is a ${kind} address; webhooks may only reach public addresses unless ${HOW_TO_ALLOW}`;
  }

  private nameAllowed(host: string): boolean {
    return this.allowedNames.some((name) =>
      name.startsWith("*.") ? host.endsWith(name.slice(1)) : host === name,
    );
  }
}

/** `localhost`, single-label names (service names of a cluster) and private-use suffixes. */
function isInternalName(host: string): boolean {
  if (host === "localhost" || !host.includes(".")) return true;
  return INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/** host:port pairs of a service URL; MongoDB URLs may list several hosts. */
function endpointsOf(url: string): string[] {
  const match = url.match(/^([a-z][a-z0-9+.-]*:)\/\/(?:[^@/]*@)?([^/?#]+)/i);
  if (!match) return [];
  const protocol = match[1]!.toLowerCase().replace("mongodb+srv:", "mongodb:");
  return match[2]!.split(",").flatMap((hostPort) => {
    const parsed = hostPort.match(/^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/);
    if (!parsed) return [];
    const host = parsed[1]!.toLowerCase().replace(/^\[|\]$/g, "");
    const port = parsed[2] ?? DEFAULT_PORTS[protocol] ?? "";
    const ip = parseIp(host);
    // Loopback hosts are one host under several spellings: refuse each spelling.
    const loopback = host === "localhost" || (ip !== undefined && forbiddenKind(ip) === "loopback");
    const spellings = loopback ? ["127.0.0.1", "localhost", "::1", host] : [host];
    return spellings.map((spelling) => `${spelling}:${port}`);
  });
}
