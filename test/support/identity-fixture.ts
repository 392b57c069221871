import { startIvf, type RunningIvf } from "../../vnfs/runtime-kit/ivf-process.js";
import { definition as identityDefinition } from "../../vnfs/identity/definition.js";

/**
 * A real identity IVF for tests of token-protected APIs: an operator, tenants and clients
 * created through identity's own API, and tokens issued by its token endpoint.
 */
export const TEST_OPERATOR = { id: "test-operator", secret: "test-operator-secret-0123" };

export interface IdentityFixture {
  identity: RunningIvf<typeof identityDefinition.settings>;
  url: string;
  jwksUrl: string;
  token(clientId: string, secret: string): Promise<string>;
  /** Creates the tenant (if new) and a client with these roles; returns a token for it. */
  clientToken(tenant: string, clientId: string, roles: string[]): Promise<string>;
  stop(): Promise<void>;
}

export async function startIdentity(dataDir: string): Promise<IdentityFixture> {
  const identity = await startIvf(identityDefinition, {
    IVF_DATA_DIR: dataDir,
    IVF_LOG_LEVEL: "silent",
    IVF_IDENTITY_BOOTSTRAP_CLIENT_ID: TEST_OPERATOR.id,
    IVF_IDENTITY_BOOTSTRAP_CLIENT_SECRET: TEST_OPERATOR.secret,
    IVF_IDENTITY_TOKEN_RATE: "10000",
    IVF_API_RESPONSE_VALIDATION: "throw",
  });
  const url = identity.server.url;
  const token = async (clientId: string, secret: string): Promise<string> => {
    const response = await fetch(`${url}/oauth2/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    });
    if (response.status !== 200)
      throw new Error(`token for ${clientId}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const operator = await token(TEST_OPERATOR.id, TEST_OPERATOR.secret);
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${operator}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  return {
    identity,
    url,
    jwksUrl: `${url}/.well-known/jwks.json`,
    token,
    async clientToken(tenant, clientId, roles) {
      const created = await post("/v1/tenants", { id: tenant });
      if (created.status !== 201 && created.status !== 409)
        throw new Error(`tenant ${tenant}: ${created.status}`);
      const client = await post(`/v1/tenants/${tenant}/clients`, { id: clientId, roles });
      if (client.status !== 201)
        throw new Error(`client ${clientId}: ${client.status} ${await client.text()}`);
      // The token endpoint knows the client as <tenant>.<name>, answered as clientId.
      const made = (await client.json()) as { clientId: string; secret: string };
      return token(made.clientId, made.secret);
    },
    stop: () => identity.stop(),
  };
}
