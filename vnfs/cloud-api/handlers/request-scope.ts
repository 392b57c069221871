import type { Request } from "express";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import { deviceRecordId, type DeviceRecord } from "../../field-gateway/registry/device-records.js";
import { AuthenticationError, type Authenticator, type Principal } from "../auth/authenticator.js";
import { deviceNotFound, unauthorized } from "./api-problems.js";

/** Authenticates the caller and checks that the device exists in the caller's tenant. */
export class RequestScope {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly devices: Collection<DeviceRecord>,
  ) {}

  async principal(req: Request): Promise<Principal> {
    try {
      const principal = await this.authenticator.authenticate(req);
      if (principal) return principal;
    } catch (error) {
      if (error instanceof AuthenticationError) throw unauthorized(error.message, this.authenticator.scheme);
      throw error;
    }
    throw unauthorized(`send credentials (${this.authenticator.scheme})`, this.authenticator.scheme);
  }

  /** The device, if it exists in the authenticated caller's tenant. */
  async device(principal: Principal, deviceId: string): Promise<{ tenant: string; deviceId: string }> {
    const { tenant } = principal;
    if (!(await this.devices.get(deviceRecordId(tenant, deviceId)))) throw deviceNotFound(deviceId);
    return { tenant, deviceId };
  }
}
