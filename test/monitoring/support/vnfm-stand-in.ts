import express from "express";
import { listen, type StartedServer } from "../../../vnfs/runtime-kit/http/http-server.js";

export interface StandInVnfc {
  id: string;
  vduId: string;
  port: number;
}

export interface RecordedCall {
  path: string;
  body: Record<string, unknown>;
  authorization?: string;
  version?: string;
}

/**
 * The VNFM side the agent talks to, reduced to what the agent calls: GET vnf_instances (with the
 * SOL003 VnfInstance shape) and POST scale / heal answering 202. Scale operations move the scale
 * level immediately; the test adds or removes VNFCs itself. Used where the agent, not the VNFM, is
 * under test (the VNFM has its own suite in test/vnfm-adapter).
 */
export class VnfmStandIn {
  readonly calls: RecordedCall[] = [];
  scaleLevel = 0;
  maxScaleLevel = 2;
  autoscale = true;
  autoheal = true;
  vnfcs: StandInVnfc[] = [];
  answer = 202;
  private server!: StartedServer;

  constructor(
    readonly vnfInstanceId: string,
    readonly vnfdId: string,
    readonly aspectId: string,
  ) {}

  async start(): Promise<this> {
    const app = express();
    app.use(express.json());
    app.get("/vnflcm/v2/vnf_instances", (req, res) => {
      if (!("all_fields" in req.query))
        return res.json([{ id: this.vnfInstanceId, instantiationState: "INSTANTIATED" }]);
      res.json([this.instance()]);
    });
    app.post("/vnflcm/v2/vnf_instances/:id/:task", (req, res) => {
      this.calls.push({
        path: req.path,
        body: req.body as Record<string, unknown>,
        authorization: req.header("authorization"),
        version: req.header("version"),
      });
      if (this.answer !== 202)
        return res
          .status(this.answer)
          .type("application/problem+json")
          .send(JSON.stringify({ status: this.answer, detail: "refused by the test" }));
      if (req.params.task === "scale")
        this.scaleLevel += (req.body as { type: string }).type === "SCALE_OUT" ? 1 : -1;
      res.status(202).location(`/vnflcm/v2/vnf_lcm_op_occs/op-${this.calls.length}`).end();
    });
    this.server = await listen(app, "127.0.0.1", 0);
    return this;
  }

  get url(): string {
    return this.server.url;
  }

  scaleCalls(): RecordedCall[] {
    return this.calls.filter((call) => call.path.endsWith("/scale"));
  }

  healCalls(): RecordedCall[] {
    return this.calls.filter((call) => call.path.endsWith("/heal"));
  }

  private instance(): Record<string, unknown> {
    return {
      id: this.vnfInstanceId,
      vnfdId: this.vnfdId,
      vnfInstanceName: "rp-1",
      vnfProductName: "request-processor",
      instantiationState: "INSTANTIATED",
      vnfConfigurableProperties: { isAutoscaleEnabled: this.autoscale, isAutohealEnabled: this.autoheal },
      instantiatedVnfInfo: {
        flavourId: "default",
        vnfState: "STARTED",
        scaleStatus: [{ aspectId: this.aspectId, scaleLevel: this.scaleLevel }],
        maxScaleLevels: [{ aspectId: this.aspectId, scaleLevel: this.maxScaleLevel }],
        vnfcResourceInfo: this.vnfcs.map((vnfc) => ({
          id: vnfc.id,
          vduId: vnfc.vduId,
          computeResource: { vimConnectionId: "local", resourceId: vnfc.id, vimLevelResourceType: "process" },
          metadata: { pid: process.pid, port: vnfc.port },
        })),
      },
      metadata: { nsInstanceId: "ns-1", vnfMemberIndex: "2" },
      _links: { self: { href: `${this.url}/vnflcm/v2/vnf_instances/${this.vnfInstanceId}` } },
    };
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
