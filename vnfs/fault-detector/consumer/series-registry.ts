import { SeriesDetector } from "../detection/series-detector.js";
import type { DetectionParameters } from "../detection/parameters.js";

/**
 * The detectors of every live series, bounded: when more than `maxSeries` are tracked, the
 * least recently seen one is evicted (a Map keeps insertion order; touching a series re-inserts
 * it). An evicted series restarts its warm-up, which costs a few unevaluated samples, not a
 * wrong flag.
 */
export class SeriesRegistry {
  private readonly series = new Map<string, SeriesDetector>();
  evictions = 0;

  constructor(private readonly maxSeries: number) {}

  get size(): number {
    return this.series.size;
  }

  detectorFor(key: string, parameters: DetectionParameters): SeriesDetector {
    let detector = this.series.get(key);
    if (detector) {
      this.series.delete(key);
      detector.useParameters(parameters);
    } else {
      detector = new SeriesDetector(parameters);
      if (this.series.size >= this.maxSeries) {
        this.series.delete(this.series.keys().next().value!);
        this.evictions++;
      }
    }
    this.series.set(key, detector);
    return detector;
  }
}
