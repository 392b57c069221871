/**
 * VNF LCM v1 controller: the SOL003 v2.4.1 shapes ONAP SO sends and reads (notes/onap-tacker.md
 * A.2-A.6). Requests are mapped to the internal model (vimConnectionInfo array -> map by id),
 * responses rendered by the v1 views; the engine underneath is the same as v2's.
 */
import type { Request, Response } from "express";
import type { SpecSchemas } from "../api/spec-schemas.js";
import type { VimConnectionInfo } from "../objects/models.js";
import { withoutVersion } from "../objects/repositories.js";
import type { LcmController, SubscriptionInput } from "./lcm-controller.js";
import { renderOpOccV1, renderSubscriptionV1, renderVnfInstanceV1 } from "./vnflcm-v1-view.js";
import { sendList } from "../api/list-response.js";

export interface VnflcmV1Options {
  apiRoot: string;
  pageSize: number;
  testCallbackUri: boolean;
}

/** v2.4.1 vimConnectionInfo is an array of {id, vimId, vimType, ...}; the model keeps a map by id. */
export function vimArrayToMap(value: unknown): Record<string, VimConnectionInfo> | undefined {
  if (!Array.isArray(value)) return undefined;
  return Object.fromEntries(
    (value as (VimConnectionInfo & { id: string })[]).map(({ id, ...rest }) => [id, rest]),
  );
}

export class VnflcmV1Controller {
  private readonly base: string;

  constructor(
    private readonly lcm: LcmController,
    private readonly schemas: SpecSchemas,
    private readonly options: VnflcmV1Options,
  ) {
    this.base = `${options.apiRoot}/vnflcm/v1`;
  }

  apiVersions(res: Response): void {
    res.json({ uriPrefix: this.base, apiVersions: [{ version: "1.1.1", isDeprecated: false }] });
  }

  createInstance = async (req: Request, res: Response) => {
    const input = this.schemas.validate<Parameters<LcmController["createInstance"]>[0]>(
      "CreateVnfRequest",
      req.body,
    );
    const instance = await this.lcm.createInstance(input, "v1");
    res
      .status(201)
      .location(`${this.base}/vnf_instances/${instance.id}`)
      .json(renderVnfInstanceV1(instance, this.base));
  };

  getInstance = async (req: Request, res: Response) => {
    const instance = await this.lcm.getInstance(String(req.params.vnfInstanceId));
    res.json(renderVnfInstanceV1(withoutVersion(instance), this.base));
  };

  deleteInstance = async (req: Request, res: Response) => {
    await this.lcm.deleteInstance(String(req.params.vnfInstanceId));
    res.status(204).end();
  };

  instantiate = async (req: Request, res: Response) => {
    const body = this.schemas.validate<Record<string, unknown>>("InstantiateVnfRequest", req.body);
    const request = { ...body, vimConnectionInfo: vimArrayToMap(body.vimConnectionInfo) ?? {} };
    const occ = await this.lcm.startTask(String(req.params.vnfInstanceId), "INSTANTIATE", request, "v1");
    res.status(202).location(`${this.base}/vnf_lcm_op_occs/${occ.id}`).end();
  };

  terminate = async (req: Request, res: Response) => {
    const body = this.schemas.validate<Record<string, unknown>>("TerminateVnfRequest", req.body);
    const occ = await this.lcm.startTask(String(req.params.vnfInstanceId), "TERMINATE", body, "v1");
    res.status(202).location(`${this.base}/vnf_lcm_op_occs/${occ.id}`).end();
  };

  getOpOcc = async (req: Request, res: Response) => {
    res.json(renderOpOccV1(await this.lcm.getOpOcc(String(req.params.vnfLcmOpOccId)), this.base));
  };

  createSubscription = async (req: Request, res: Response) => {
    const input = this.schemas.validate<SubscriptionInput>("LccnSubscriptionRequest", req.body);
    const { subscription, existing } = await this.lcm.createSubscription(
      input,
      "v1",
      this.options.testCallbackUri,
    );
    const location = `${this.base}/subscriptions/${subscription.id}`;
    if (existing) {
      res.status(303).location(location).end();
      return;
    }
    res.status(201).location(location).json(renderSubscriptionV1(subscription, this.base));
  };

  listSubscriptions = async (req: Request, res: Response) => {
    const items = (await this.lcm.listSubscriptions()).map((s) =>
      renderSubscriptionV1(withoutVersion(s), this.base),
    );
    sendList(req, res, items, {
      schemas: this.schemas,
      schemaName: "LccnSubscription",
      defaultExcluded: [],
      selectors: false,
      pageSize: this.options.pageSize,
      apiRoot: this.options.apiRoot,
    });
  };

  getSubscription = async (req: Request, res: Response) => {
    res.json(
      renderSubscriptionV1(await this.lcm.getSubscription(String(req.params.subscriptionId)), this.base),
    );
  };

  deleteSubscription = async (req: Request, res: Response) => {
    await this.lcm.deleteSubscription(String(req.params.subscriptionId));
    res.status(204).end();
  };
}
