/**
 * VNF LCM v2 controller (SOL003 v3.3.1): request shapes in, v2 views out. It validates the
 * body, lets the shared LCM controller check state and record the operation occurrence, and
 * answers 202 with the occurrence's Location at once.
 */
import type { Request, Response } from "express";
import { sendList } from "../api/list-response.js";
import type { SpecSchemas } from "../api/spec-schemas.js";
import { vnfmError } from "../errors.js";
import type { LcmOperationType } from "../objects/models.js";
import { withoutVersion } from "../objects/repositories.js";
import type { LcmController, SubscriptionInput } from "./lcm-controller.js";
import {
  opOccExcludedByDefault,
  renderOpOccV2,
  renderSubscriptionV2,
  renderVnfInstanceV2,
  vnfInstanceExcludedByDefault,
} from "./vnflcm-v2-view.js";

const OPERATIONS: Record<string, [LcmOperationType, string]> = {
  instantiate: ["INSTANTIATE", "InstantiateVnfRequest"],
  scale: ["SCALE", "ScaleVnfRequest"],
  scaleToLevel: ["SCALE_TO_LEVEL", "ScaleVnfToLevelRequest"],
  changeFlavour: ["CHANGE_FLAVOUR", "ChangeVnfFlavourRequest"],
  terminate: ["TERMINATE", "TerminateVnfRequest"],
  heal: ["HEAL", "HealVnfRequest"],
  operate: ["OPERATE", "OperateVnfRequest"],
  changeExtConn: ["CHANGE_EXT_CONN", "ChangeExtVnfConnectivityRequest"],
};

export interface VnflcmV2Options {
  apiRoot: string;
  pageSize: number;
  testCallbackUri: boolean;
}

/** ETag values are the store version of the instance, quoted (RFC 9110 8.8.3). */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Number(header.replace(/^W\//, "").replaceAll('"', "").trim());
  if (!Number.isInteger(value))
    throw vnfmError("PRECONDITION_FAILED", `If-Match "${header}" is not an ETag this server issued`);
  return value;
}

export class VnflcmV2Controller {
  private readonly base: string;

  constructor(
    private readonly lcm: LcmController,
    private readonly schemas: SpecSchemas,
    private readonly options: VnflcmV2Options,
  ) {
    this.base = `${options.apiRoot}/vnflcm/v2`;
  }

  apiVersions(res: Response): void {
    res.json({ uriPrefix: this.base, apiVersions: [{ version: "2.0.0", isDeprecated: false }] });
  }

  private body(req: Request, schema: string, optional = false): Record<string, unknown> {
    if (
      optional &&
      (req.body === undefined || (typeof req.body === "object" && Object.keys(req.body ?? {}).length === 0))
    )
      return {};
    return this.schemas.validate<Record<string, unknown>>(schema, req.body);
  }

  listInstances = async (req: Request, res: Response) => {
    const items = (await this.lcm.listInstances()).map((i) =>
      renderVnfInstanceV2(withoutVersion(i), this.base),
    );
    sendList(req, res, items, {
      schemas: this.schemas,
      schemaName: "VnfInstance",
      defaultExcluded: vnfInstanceExcludedByDefault,
      selectors: true,
      pageSize: this.options.pageSize,
      apiRoot: this.options.apiRoot,
    });
  };

  createInstance = async (req: Request, res: Response) => {
    const input = this.body(req, "CreateVnfRequest") as unknown as Parameters<
      LcmController["createInstance"]
    >[0];
    const instance = await this.lcm.createInstance(input, "v2");
    res
      .status(201)
      .location(`${this.base}/vnf_instances/${instance.id}`)
      .json(renderVnfInstanceV2(instance, this.base));
  };

  getInstance = async (req: Request, res: Response) => {
    const instance = await this.lcm.getInstance(String(req.params.vnfInstanceId));
    res.setHeader("ETag", `"${instance.version}"`);
    res.json(renderVnfInstanceV2(withoutVersion(instance), this.base));
  };

  modifyInstance = async (req: Request, res: Response) => {
    const patch = this.body(req, "VnfInfoModificationRequest");
    const occ = await this.lcm.startTask(
      String(req.params.vnfInstanceId),
      "MODIFY_INFO",
      patch,
      "v2",
      parseIfMatch(req.get("if-match")),
    );
    res.status(202).location(`${this.base}/vnf_lcm_op_occs/${occ.id}`).end();
  };

  deleteInstance = async (req: Request, res: Response) => {
    await this.lcm.deleteInstance(String(req.params.vnfInstanceId), parseIfMatch(req.get("if-match")));
    res.status(204).end();
  };

  task = async (name: keyof typeof OPERATIONS, req: Request, res: Response) => {
    const [operation, schema] = OPERATIONS[name]!;
    const body = this.body(req, schema, operation === "HEAL");
    const occ = await this.lcm.startTask(String(req.params.vnfInstanceId), operation, body, "v2");
    res.status(202).location(`${this.base}/vnf_lcm_op_occs/${occ.id}`).end();
  };

  listOpOccs = async (req: Request, res: Response) => {
    const items = (await this.lcm.listOpOccs()).map((o) => renderOpOccV2(withoutVersion(o), this.base));
    sendList(req, res, items, {
      schemas: this.schemas,
      schemaName: "VnfLcmOpOcc",
      defaultExcluded: opOccExcludedByDefault,
      selectors: true,
      pageSize: this.options.pageSize,
      apiRoot: this.options.apiRoot,
    });
  };

  getOpOcc = async (req: Request, res: Response) => {
    res.json(renderOpOccV2(await this.lcm.getOpOcc(String(req.params.vnfLcmOpOccId)), this.base));
  };

  occAction = async (action: "retry" | "rollback" | "fail" | "cancel", req: Request, res: Response) => {
    const id = String(req.params.vnfLcmOpOccId);
    if (action === "fail") {
      res.json(renderOpOccV2(await this.lcm.fail(id), this.base));
      return;
    }
    if (action === "cancel") {
      const body = this.body(req, "CancelMode", true);
      await this.lcm.cancel(id, (body.cancelMode as "GRACEFUL" | "FORCEFUL" | undefined) ?? "GRACEFUL");
    } else await this.lcm[action](id);
    res.status(202).end();
  };

  listSubscriptions = async (req: Request, res: Response) => {
    const items = (await this.lcm.listSubscriptions()).map((s) =>
      renderSubscriptionV2(withoutVersion(s), this.base),
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

  createSubscription = async (req: Request, res: Response) => {
    const input = this.body(req, "LccnSubscriptionRequest") as unknown as SubscriptionInput;
    const { subscription, existing } = await this.lcm.createSubscription(
      input,
      "v2",
      this.options.testCallbackUri,
    );
    const location = `${this.base}/subscriptions/${subscription.id}`;
    if (existing) {
      res.status(303).location(location).end();
      return;
    }
    res.status(201).location(location).json(renderSubscriptionV2(subscription, this.base));
  };

  getSubscription = async (req: Request, res: Response) => {
    res.json(
      renderSubscriptionV2(await this.lcm.getSubscription(String(req.params.subscriptionId)), this.base),
    );
  };

  deleteSubscription = async (req: Request, res: Response) => {
    await this.lcm.deleteSubscription(String(req.params.subscriptionId));
    res.status(204).end();
  };
}
