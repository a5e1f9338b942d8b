package dev.roofline.analyzer.analysis;

/**
 * What a sweep's rows add up to, as they stream past: how many scenarios there were, how many
 * broke a rule (and the first that did), how many were kept (within the limits, when there are
 * any), how many of those fit, and the best that fits: the highest tokens/s per device, then per
 * query, then the first.
 */
public final class SweepTally {
  private long scenarios;
  private long invalid;
  private long kept;
  private long fitting;
  private ScenarioRow firstInvalid;
  private ScenarioRow best;

  /** Counts {@code row}, which the limits keep or not. */
  public void offer(ScenarioRow row, boolean keep) {
    scenarios++;
    if (!row.valid()) {
      invalid++;
      if (firstInvalid == null) {
        firstInvalid = row;
      }
    }
    if (!keep) {
      return;
    }
    kept++;
    if (row.fitting()) {
      fitting++;
      if (best == null || better(row, best)) {
        best = row;
      }
    }
  }

  /** Whether valid row {@code a} ranks above valid row {@code b}: more tokens/s per device, then per query. */
  public static boolean better(ScenarioRow a, ScenarioRow b) {
    int c = a.tokensPerSPerDevice().compareTo(b.tokensPerSPerDevice());
    if (c != 0) {
      return c > 0;
    }
    Rational qa = a.tokensPerSPerQuery();
    Rational qb = b.tokensPerSPerQuery();
    return qa != null && (qb == null || qa.compareTo(qb) > 0);
  }

  public long scenarios() {
    return scenarios;
  }

  public long invalid() {
    return invalid;
  }

  public long kept() {
    return kept;
  }

  public long fitting() {
    return fitting;
  }

  /** The first scenario that broke a rule, or null. */
  public ScenarioRow firstInvalid() {
    return firstInvalid;
  }

  /** The best kept scenario that fits, or null when none does. */
  public ScenarioRow best() {
    return best;
  }
}
