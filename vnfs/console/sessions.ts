import { randomBytes } from "node:crypto";
import { fetchToken, VnfmClient } from "../cli/up/vnfm-client.js";

/**
 * Console sessions. Login checks the entered client credentials against the VNFM's own
 * OAuth 2.0 token endpoint; the session (an opaque random id in an HttpOnly, SameSite=Strict
 * cookie) then owns a server-side VNFM client, so the browser never holds a token or secret.
 */
const TTL_MS = 60 * 60 * 1000;

interface Session {
  client: VnfmClient;
  expires: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly vnfmUrl: string) {}

  async login(clientId: string, clientSecret: string): Promise<string | undefined> {
    try {
      await fetchToken(this.vnfmUrl, { clientId, clientSecret });
    } catch {
      return undefined;
    }
    this.prune();
    const id = randomBytes(32).toString("base64url");
    this.sessions.set(id, {
      client: new VnfmClient(this.vnfmUrl, { clientId, clientSecret }),
      expires: Date.now() + TTL_MS,
    });
    return id;
  }

  get(id: string | undefined): VnfmClient | undefined {
    const session = id ? this.sessions.get(id) : undefined;
    if (!session || session.expires < Date.now()) return undefined;
    return session.client;
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
