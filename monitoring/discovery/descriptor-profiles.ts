/**
 * Monitoring profiles (KPIs and scaling policies) of the authored IVF models, by VNFD id: what
 * the agent evaluates for the VNF instances of each package. Unsafe policies are left out, loudly.
 */
import { listIvfModels, loadIvfModel } from "../../descriptors/index.js";
import type { Logger } from "../../vnfs/runtime-kit/logging/logger.js";
import { policyProblems } from "../autoscaling/policy-model.js";
import { profileFromModel, type MonitoringProfile, type ProfileSource } from "./monitoring-profile.js";

/** KPIs and policies of every IVF model under `root` (default: the built-in descriptors/). */
export function descriptorProfiles(logger: Logger, root?: string): ProfileSource {
  const profiles = new Map<string, MonitoringProfile>();
  const options = root ? { root } : {};
  for (const name of listIvfModels(options)) {
    try {
      const { model } = loadIvfModel(name, options);
      const profile = profileFromModel(model);
      const known = new Set(profile.kpis.map((kpi) => kpi.id));
      profile.scalingPolicies = profile.scalingPolicies.filter((policy) => {
        const problems = policyProblems(policy, known);
        for (const problem of problems)
          logger.error({ ivf: name, policy: policy.id }, `scaling policy ignored: ${problem}`);
        return problems.length === 0;
      });
      profiles.set(model.descriptorId, profile);
    } catch (error) {
      logger.error(
        { err: error, ivf: name },
        "IVF model not loaded; its instances get the standard KPIs and no scaling policy",
      );
    }
  }
  return { profileFor: (vnfdId) => profiles.get(vnfdId) };
}
