/**
 * Local NFVO: without an external grant endpoint the VNFM grants every request itself and
 * offers the embedded VIM. Mirrors Tacker's `[v2_nfvo] use_external_nfvo=False`.
 */
import { randomUUID } from "node:crypto";
import type { VimConnectionInfo } from "../objects/models.js";
import type { GrantOutcome, GrantProvider, GrantRequest } from "./grant-port.js";

export class LocalGrantProvider implements GrantProvider {
  readonly kind = "local" as const;
  constructor(private readonly defaultVim: { id: string; info: VimConnectionInfo }) {}

  async requestGrant(_request: GrantRequest): Promise<GrantOutcome> {
    return { grantId: randomUUID(), vimConnectionInfo: { [this.defaultVim.id]: this.defaultVim.info } };
  }
}
