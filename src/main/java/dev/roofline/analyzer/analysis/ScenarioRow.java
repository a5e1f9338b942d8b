package dev.roofline.analyzer.analysis;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A sweep's row for one scenario: the devices it takes, whether the fullest device's memory fits
 * and how much that is, the step's time (TTFT with output tokens), TPOT and end-to-end latency
 * (with output tokens, else null), the rates (with output tokens the request's: output tokens/s,
 * per device, per query 1/TPOT; else the step's: tokens/s, per device, per query = tokens/s ÷
 * batch), the shares of the step bound by compute and spent communicating; all exact. A scenario
 * that breaks a rule is invalid, with its reason, and no figures (null).
 */
public record ScenarioRow(
    Scenario scenario,
    boolean valid,
    String reason,
    BigInteger devices,
    Boolean fits,
    BigInteger memoryPerDeviceBytes,
    Rational stepTimeS,
    Rational tpotS,
    Rational e2eS,
    Rational tokensPerS,
    Rational tokensPerSPerDevice,
    Rational tokensPerSPerQuery,
    Rational computeBoundShare,
    Rational communicationShare) {

  public ScenarioRow {
    Objects.requireNonNull(scenario, "scenario");
    if (valid != (reason == null) || valid != (stepTimeS != null)) {
      throw new IllegalArgumentException("a valid row has figures and no reason; an invalid one a reason");
    }
  }

  /**
   * Whether the scenario is a deployment: valid, and its memory fits on its devices (or no
   * capacity is known to say it does not).
   */
  public boolean fitting() {
    return valid && !Boolean.FALSE.equals(fits);
  }

  /** The row of a scenario that breaks a rule. */
  public static ScenarioRow invalid(Scenario scenario, String reason) {
    return new ScenarioRow(scenario, false, reason, null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * The row of a scenario whose analysis is {@code a} (its request's, with output tokens): the same
   * figures a single run prints for it.
   */
  public static ScenarioRow of(Scenario scenario, Analysis a) {
    Roofline roof = a.roofline();
    Parallel p = a.parallel();
    RequestFigures r = a.request();
    BigInteger devices = p == null ? BigInteger.ONE : p.devices();
    BigInteger memory = p == null ? a.storage().totalBytes() : p.memory().totalBytes();
    Boolean fits = p == null ? roof.memory().fits() : p.memory().fits();
    Rational communication = p == null ? Rational.of(BigInteger.ZERO) : p.communicationShare();
    if (r != null) {
      return new ScenarioRow(
          scenario,
          true,
          null,
          devices,
          r.fits(),
          r.neededBytes(),
          r.ttftS(),
          r.tpotS(),
          r.e2eS(),
          r.outputTokensPerS(),
          r.outputTokensPerSPerDevice(),
          r.outputTokensPerSPerQuery(),
          roof.step().computeBoundShare(),
          communication);
    }
    Rational perSecond = roof.step().tokensPerS();
    return new ScenarioRow(
        scenario,
        true,
        null,
        devices,
        fits,
        memory,
        roof.step().timeS(),
        null,
        null,
        perSecond,
        p == null ? perSecond : p.tokensPerSPerDevice(),
        perSecond.over(Rational.of(a.workload().batchSize())),
        roof.step().computeBoundShare(),
        communication);
  }
}
