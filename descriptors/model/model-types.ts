/**
 * Public model types. The authored shapes come from generated/model-types.ts (generated from
 * model-schema.ts); this file only adds what loading attaches.
 */
import type { IvfModel, NetworkServiceModel, Platform } from "./generated/model-types.js";

export type {
  Compute,
  ConfigurableProperties,
  Criterion,
  ExtCpd,
  Flavour,
  InstantiationLevel,
  InternalCp,
  IvfModel,
  Kpi,
  Lifecycle,
  Monitoring,
  NetworkServiceModel,
  NsConnection,
  NsInstantiationLevel,
  NsMember,
  NsSap,
  NsVirtualLink,
  Platform,
  Port,
  Run,
  ScalingAspect,
  ScalingPolicy,
  ScalingRule,
  SoftwareImage,
  Storage,
  VirtualLink,
  Vnfc,
  VnfcProfile,
} from "./generated/model-types.js";

/** An IVF model as loaded: the authored model plus the platform facts it inherits. */
export interface LoadedIvfModel {
  model: IvfModel;
  platform: Platform;
  /** Absolute path of the authored YAML. */
  sourceFile: string;
}

export interface LoadedNetworkService {
  model: NetworkServiceModel;
  platform: Platform;
  members: Record<string, LoadedIvfModel>;
  sourceFile: string;
}
