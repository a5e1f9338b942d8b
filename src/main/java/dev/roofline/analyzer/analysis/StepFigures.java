package dev.roofline.analyzer.analysis;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One inference step on a device: its time in seconds (the operators one after another), the
 * tokens it feeds over the whole batch and the rate that makes, and the shares of its time spent
 * in compute-bound and in memory-bound operators. Exact.
 */
public record StepFigures(
    Rational timeS,
    BigInteger inputTokens,
    Rational tokensPerS,
    Rational computeBoundShare,
    Rational memoryBoundShare) {

  public StepFigures {
    Objects.requireNonNull(timeS, "timeS");
    Objects.requireNonNull(inputTokens, "inputTokens");
    Objects.requireNonNull(tokensPerS, "tokensPerS");
    Objects.requireNonNull(computeBoundShare, "computeBoundShare");
    Objects.requireNonNull(memoryBoundShare, "memoryBoundShare");
  }
}
