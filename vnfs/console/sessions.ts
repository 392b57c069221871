/**
 * Console sessions, authenticated by the identity IVF. Login asks identity's OAuth 2.0 token
 * endpoint (client credentials, RFC 6749 §4.4) with the entered client; the session (an opaque
 * random id in an HttpOnly, SameSite=Strict cookie) then holds, server-side only, the client's
 * tenant, roles and access token, renewed before it expires. The browser never holds a token
 * or a secret, and neither is ever logged.
 */
import { randomBytes } from "node:crypto";
import { ConsoleError, problemSummary } from "./backend/console-error.js";
import { callIvf } from "./backend/ivf-api.js";
import type { IvfLocator } from "./backend/ivf-endpoints.js";

const TTL_MS = 60 * 60 * 1000;
const RENEW_BEFORE_MS = 30_000;
const ROLE_ORDER = ["reader", "writer", "tenant-admin", "operator"] as const;
export type Role = (typeof ROLE_ORDER)[number];

export interface ConsoleSession {
  clientId: string;
  tenant: string;
  roles: Role[];
  /** Identity access token for the IoT APIs, renewed when it is about to expire. */
  iotToken(): Promise<string>;
  /** True when one of the session's roles includes `role` (operator > tenant-admin > writer > reader). */
  allows(role: Role): boolean;
}

interface StoredSession extends ConsoleSession {
  expires: number;
}

interface IssuedToken {
  token: string;
  expiresAt: number;
  tenant: string;
  roles: Role[];
}

/** Asks identity for a token; undefined when it refuses the client (wrong id or secret, revoked). */
async function issueToken(
  locator: IvfLocator,
  clientId: string,
  secret: string,
): Promise<IssuedToken | undefined> {
  const answer = await callIvf<Record<string, unknown>>(locator, "identity", "/oauth2/token", {
    method: "POST",
    basic: { user: clientId, password: secret },
    form: { grant_type: "client_credentials" },
  });
  if (answer.status === 401 || answer.status === 400) return undefined;
  const token = answer.body?.access_token;
  if (answer.status !== 200 || typeof token !== "string")
    throw new ConsoleError(
      502,
      `identity token endpoint answered ${answer.status} ${problemSummary(answer.body)}`,
    );
  const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as {
    tenant?: unknown;
    roles?: unknown;
  };
  const roles = Array.isArray(claims.roles)
    ? (claims.roles.filter((role) => (ROLE_ORDER as readonly unknown[]).includes(role)) as Role[])
    : [];
  const expiresIn = Number(answer.body.expires_in);
  return {
    token,
    expiresAt: Date.now() + (Number.isFinite(expiresIn) ? expiresIn * 1000 : 60_000),
    tenant: typeof claims.tenant === "string" ? claims.tenant : "",
    roles,
  };
}

export class SessionStore {
  private readonly sessions = new Map<string, StoredSession>();

  constructor(private readonly locator: IvfLocator) {}

  /** Returns the new session id, or undefined when identity refuses the credentials. */
  async login(clientId: string, secret: string): Promise<string | undefined> {
    let issued = await issueToken(this.locator, clientId, secret);
    if (!issued) return undefined;
    this.prune();
    const id = randomBytes(32).toString("base64url");
    const locator = this.locator;
    const rank = (role: Role) => ROLE_ORDER.indexOf(role);
    const session: StoredSession = {
      clientId,
      tenant: issued.tenant,
      roles: issued.roles,
      expires: Date.now() + TTL_MS,
      allows: (role) => issued!.roles.some((held) => rank(held) >= rank(role)),
      async iotToken() {
        if (issued!.expiresAt - Date.now() > RENEW_BEFORE_MS) return issued!.token;
        const renewed = await issueToken(locator, clientId, secret);
        if (!renewed) throw new ConsoleError(401, "identity no longer accepts this client: log in again");
        issued = renewed;
        return renewed.token;
      },
    };
    this.sessions.set(id, session);
    return id;
  }

  get(id: string | undefined): ConsoleSession | undefined {
    const session = id ? this.sessions.get(id) : undefined;
    if (!session || session.expires < Date.now()) return undefined;
    return session;
  }

  logout(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, session] of this.sessions) if (session.expires < now) this.sessions.delete(id);
  }
}

export const SESSION_COOKIE = "ivf_console_session";

export function sessionCookie(id: string): string {
  return `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${TTL_MS / 1000}`;
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}
