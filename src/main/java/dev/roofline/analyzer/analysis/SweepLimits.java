package dev.roofline.analyzer.analysis;

/**
 * Which rows of a sweep are kept: those at or under the time to first token {@code maxTtft} and
 * the time per output token {@code maxTpot} (each null: no limit), and with {@code pareto} only
 * those of the Pareto front. A scenario that breaks a rule has no times, so is kept only without
 * limits; one without a decode step has no TPOT to exceed.
 */
public record SweepLimits(Rational maxTtft, Rational maxTpot, boolean pareto) {

  /** No limit: every row. */
  public static final SweepLimits NONE = new SweepLimits(null, null, false);

  /** Whether a time limit is set. */
  public boolean timed() {
    return maxTtft != null || maxTpot != null;
  }

  /** Whether {@code row} is within the time limits (the front is decided over all of them). */
  public boolean keeps(ScenarioRow row) {
    if (!timed()) {
      return true;
    }
    if (!row.valid()) {
      return false;
    }
    if (maxTtft != null && row.stepTimeS().compareTo(maxTtft) > 0) {
      return false;
    }
    return maxTpot == null || row.tpotS() == null || row.tpotS().compareTo(maxTpot) <= 0;
  }

  /**
   * Whether {@code row} may be on the Pareto front: valid, fitting, and with both rates (a
   * request of one token has no rate per query).
   */
  public static boolean onFront(ScenarioRow row) {
    return row.fitting() && row.tokensPerSPerQuery() != null;
  }
}
