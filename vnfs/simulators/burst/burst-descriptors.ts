/**
 * A descriptors folder for the burst scenario: the platform facts and the request-processor
 * model of descriptors/, with the scaling bounds and policy timings a demonstration or a test
 * needs (seconds, not the minutes of the production policy) and everything else unchanged. The
 * packages built from it and the monitoring agent (IVF_MONITOR_DESCRIPTORS_DIR) read the same
 * folder, so the VNFD the VNFM enforces and the policy the agent evaluates come from one model.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { descriptorsRoot } from "../../../descriptors/index.js";

export interface BurstPolicyTuning {
  /** Instances at scale level 0 (also the VDU minimum). */
  initialInstances: number;
  /** Highest scale level; one instance per step. */
  maxScaleLevel: number;
  scaleOutWindowSeconds: number;
  scaleOutCooldownSeconds: number;
  scaleInWindowSeconds: number;
  scaleInCooldownSeconds: number;
  /** Scale out when the oldest waiting message is older than this (seconds). */
  oldestAgeOutSeconds: number;
  /** ... or when this many messages wait. */
  backlogOut: number;
}

export const defaultBurstTuning: BurstPolicyTuning = {
  initialInstances: 1,
  maxScaleLevel: 2,
  // The model's schema asks for windows of at least 5 s (the shortest OSM and Prometheus rule).
  scaleOutWindowSeconds: 5,
  scaleOutCooldownSeconds: 10,
  scaleInWindowSeconds: 10,
  scaleInCooldownSeconds: 10,
  oldestAgeOutSeconds: 2,
  backlogOut: 2000,
};

type Model = Record<string, unknown> & {
  vnfcs: { run: { env: Record<string, string> } }[];
  flavours: Record<string, unknown>[];
  monitoring: { scalingPolicies: Record<string, unknown>[] };
};

/** Writes `<root>/platform.yaml` and `<root>/ivfs/request-processor.yaml`; returns `root`. */
export function writeBurstDescriptors(root: string, tuning: BurstPolicyTuning = defaultBurstTuning): string {
  const source = descriptorsRoot();
  mkdirSync(join(root, "ivfs"), { recursive: true });
  copyFileSync(join(source, "platform.yaml"), join(root, "platform.yaml"));
  const model = yaml.load(readFileSync(join(source, "ivfs", "request-processor.yaml"), "utf8")) as Model;
  const aspect = "processor-aspect";
  const max = tuning.initialInstances + tuning.maxScaleLevel;
  model.vnfcs[0]!.run.env.IVF_LOG_LEVEL = "warn";
  model.flavours = [
    {
      ...model.flavours[0],
      description: `request-processor for the burst scenario (${tuning.initialInstances}..${max} instances)`,
      vnfcProfiles: { processor: { min: tuning.initialInstances, initial: tuning.initialInstances, max } },
      scalingAspects: [
        {
          id: aspect,
          description: "One request-processor instance per step",
          maxScaleLevel: tuning.maxScaleLevel,
          steps: Array.from({ length: tuning.maxScaleLevel }, () => ({ processor: 1 })),
        },
      ],
      instantiationLevels: [
        {
          id: "minimal",
          description: `${tuning.initialInstances} instance(s)`,
          scaleLevels: { [aspect]: 0 },
        },
      ],
      defaultInstantiationLevel: "minimal",
    },
  ];
  model.monitoring.scalingPolicies = [
    {
      id: "processor-burst",
      flavour: "default",
      aspect,
      scaleOut: {
        combine: "OR",
        criteria: [
          { kpi: "oldest_message_age", operator: "GT", threshold: tuning.oldestAgeOutSeconds },
          { kpi: "backlog", operator: "GT", threshold: tuning.backlogOut },
          { kpi: "utilization", operator: "GE", threshold: 0.75 },
        ],
        evaluationWindowSeconds: tuning.scaleOutWindowSeconds,
        cooldownSeconds: tuning.scaleOutCooldownSeconds,
      },
      scaleIn: {
        combine: "AND",
        criteria: [
          { kpi: "oldest_message_age", operator: "LT", threshold: 0.5 },
          { kpi: "backlog", operator: "LT", threshold: 50 },
          { kpi: "utilization", operator: "LE", threshold: 0.3 },
        ],
        evaluationWindowSeconds: tuning.scaleInWindowSeconds,
        cooldownSeconds: tuning.scaleInCooldownSeconds,
      },
    },
  ];
  writeFileSync(
    join(root, "ivfs", "request-processor.yaml"),
    `# Burst-scenario variant of descriptors/ivfs/request-processor.yaml (vnfs/simulators/burst/burst-descriptors.ts)\n${yaml.dump(model, { lineWidth: 120 })}`,
  );
  return root;
}
