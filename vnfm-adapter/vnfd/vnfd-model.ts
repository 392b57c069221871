/**
 * What the VNFM needs from a SOL001 VNFD (one entry per deployment flavour): VDUs with their
 * vdu_profile bounds, scaling aspects with per-step deltas per VDU, and instantiation levels.
 */

export interface VduModel {
  id: string;
  /** Vdu.Compute `name`; the local driver runs the IVF of that name. */
  name: string;
  minInstances: number;
  maxInstances: number;
  initialDelta: number;
  /** Instantiation level id -> number_of_instances (VduInstantiationLevels). */
  levelInstances: Record<string, number>;
}

export interface AspectModel {
  id: string;
  maxScaleLevel: number;
  /** step_deltas: entry i is the delta id applied for step i+1; one entry = uniform. */
  stepDeltas: string[];
  /** VDU id -> delta id -> number_of_instances (VduScalingAspectDeltas). */
  vduDeltas: Record<string, Record<string, number>>;
}

export interface InstantiationLevelModel {
  id: string;
  /** aspect id -> scale level at this instantiation level. */
  scaleInfo: Record<string, number>;
}

export interface FlavourModel {
  flavourId: string;
  vdus: Record<string, VduModel>;
  aspects: Record<string, AspectModel>;
  levels: Record<string, InstantiationLevelModel>;
  defaultLevel?: string;
}

export interface VnfdModel {
  vnfdId: string;
  vnfdVersion: string;
  provider: string;
  productName: string;
  softwareVersion: string;
  vnfmInfo: string[];
  flavours: Record<string, FlavourModel>;
}
