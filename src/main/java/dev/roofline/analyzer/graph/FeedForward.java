package dev.roofline.analyzer.graph;

/**
 * The kinds of gated feed-forward part (gate and up projections, activation × up, down
 * projection), each with its three operators: a dense block's, a routed expert's, a shared
 * expert's, and the dense part of a mixture-of-experts model's dense blocks.
 */
public enum FeedForward {
  DENSE(Operator.FFN_GATE_UP_PROJ, Operator.FFN_ACT_MUL, Operator.FFN_DOWN_PROJ),
  ROUTED_EXPERT(
      Operator.FFN_ROUTED_EXP_GATE_UP_PROJ, Operator.FFN_ROUTED_EXP_ACT_MUL, Operator.FFN_ROUTED_EXP_DOWN_PROJ),
  SHARED_EXPERT(
      Operator.FFN_SHARED_EXP_GATE_UP_PROJ, Operator.FFN_SHARED_EXP_ACT_MUL, Operator.FFN_SHARED_EXP_DOWN_PROJ),
  NON_MOE(Operator.FFN_NON_MOE_GATE_UP_PROJ, Operator.FFN_NON_MOE_ACT_MUL, Operator.FFN_NON_MOE_DOWN_PROJ);

  private final Operator gateUp;
  private final Operator actMul;
  private final Operator down;

  FeedForward(Operator gateUp, Operator actMul, Operator down) {
    this.gateUp = gateUp;
    this.actMul = actMul;
    this.down = down;
  }

  public Operator gateUp() {
    return gateUp;
  }

  public Operator actMul() {
    return actMul;
  }

  public Operator down() {
    return down;
  }
}
