/**
 * Primitives per delivery, as a moving mean: 1 for single primitives, more for envelopes. The
 * backlog KPI multiplies waiting bus messages by it, so that the scaling policy's backlog
 * thresholds keep meaning device messages whether or not the gateways pack them.
 */
export class DeliverySizes {
  private mean_ = 1;

  constructor(private readonly weight = 0.05) {}

  observe(primitives: number): void {
    this.mean_ += this.weight * (primitives - this.mean_);
  }

  mean(): number {
    return this.mean_;
  }
}
