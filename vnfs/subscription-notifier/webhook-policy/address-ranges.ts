import { isIP } from "node:net";

/**
 * IP addresses as numbers and the ranges a tenant's webhook may not reach by default: loopback,
 * private networks (RFC 1918), link-local (RFC 3927, which holds the cloud metadata service at
 * 169.254.169.254), shared address space (RFC 6598), unique-local IPv6 (RFC 4193) and the other
 * non-global ranges. IPv4-mapped (`::ffff:a.b.c.d`) and NAT64 (`64:ff9b::a.b.c.d`) IPv6 addresses
 * are judged by the IPv4 address they carry, so no spelling of an internal address gets through.
 */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

export interface AddressRange {
  family: 4 | 6;
  base: bigint;
  prefix: number;
}

export function parseIp(text: string): IpAddress | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const family = isIP(bare);
  if (family === 4) return { family: 4, value: ipv4Value(bare) };
  if (family === 6) return { family: 6, value: ipv6Value(bare) };
  return undefined;
}

function ipv4Value(text: string): bigint {
  return text.split(".").reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

function ipv6Value(text: string): bigint {
  let groups: string[];
  const tail = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  let head = tail ? text.slice(0, -tail[1]!.length) : text;
  if (tail)
    head +=
      ((ipv4Value(tail[1]!) >> 16n) & 0xffffn).toString(16) +
      ":" +
      (ipv4Value(tail[1]!) & 0xffffn).toString(16);
  head = head.replace(/%.*$/, "");
  if (head.includes("::")) {
    const [left, right] = head.split("::") as [string, string];
    const leftGroups = left ? left.split(":") : [];
    const rightGroups = right ? right.split(":") : [];
    groups = [
      ...leftGroups,
      ...Array<string>(8 - leftGroups.length - rightGroups.length).fill("0"),
      ...rightGroups,
    ];
  } else {
    groups = head.split(":");
  }
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** Parses `a.b.c.d/n`, `x::/n` or a single address (a /32 or /128 range). */
export function parseRange(text: string): AddressRange | undefined {
  const [address, prefixText, extra] = text.split("/");
  if (extra !== undefined || address === undefined) return undefined;
  const ip = parseIp(address);
  if (!ip) return undefined;
  const bits = ip.family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!/^\d*$/.test(prefixText ?? "") || !Number.isInteger(prefix) || prefix < 0 || prefix > bits)
    return undefined;
  return { family: ip.family, base: ip.value, prefix };
}

export function inRange(ip: IpAddress, range: AddressRange): boolean {
  if (ip.family !== range.family) return false;
  const shift = BigInt((ip.family === 4 ? 32 : 128) - range.prefix);
  return ip.value >> shift === range.base >> shift;
}

const FORBIDDEN: { range: string; kind: string }[] = [
  { range: "0.0.0.0/8", kind: "unspecified ('this network')" },
  { range: "127.0.0.0/8", kind: "loopback" },
  { range: "10.0.0.0/8", kind: "private (RFC 1918)" },
  { range: "172.16.0.0/12", kind: "private (RFC 1918)" },
  { range: "192.168.0.0/16", kind: "private (RFC 1918)" },
  { range: "169.254.0.0/16", kind: "link-local (holds cloud metadata services)" },
  { range: "100.64.0.0/10", kind: "shared address space (RFC 6598)" },
  { range: "192.0.0.0/24", kind: "IETF protocol assignment" },
  { range: "224.0.0.0/4", kind: "multicast" },
  { range: "240.0.0.0/4", kind: "reserved" },
  { range: "::/128", kind: "unspecified" },
  { range: "::1/128", kind: "loopback" },
  { range: "fc00::/7", kind: "unique-local (RFC 4193)" },
  { range: "fe80::/10", kind: "link-local" },
  { range: "fec0::/10", kind: "site-local" },
  { range: "ff00::/8", kind: "multicast" },
];

const FORBIDDEN_RANGES = FORBIDDEN.map(({ range, kind }) => ({ range: parseRange(range)!, kind }));
const IPV4_MAPPED = parseRange("::ffff:0:0/96")!;
const NAT64 = parseRange("64:ff9b::/96")!;

/** The IPv4 address an IPv4-mapped or NAT64 IPv6 address carries, else the address itself. */
export function effectiveAddress(ip: IpAddress): IpAddress {
  if (ip.family === 6 && (inRange(ip, IPV4_MAPPED) || inRange(ip, NAT64)))
    return { family: 4, value: ip.value & 0xffffffffn };
  return ip;
}

/** What kind of non-public address this is, or undefined for a public one. */
export function forbiddenKind(ip: IpAddress): string | undefined {
  const effective = effectiveAddress(ip);
  return FORBIDDEN_RANGES.find(({ range }) => inRange(effective, range))?.kind;
}
