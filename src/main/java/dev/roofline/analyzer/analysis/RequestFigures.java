package dev.roofline.analyzer.analysis;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One request of {@code outputTokens} tokens per query: its first step (time to first token), then
 * a decode step per further token with the caches growing; times in seconds, exact. TPOT is the
 * mean decode step (a decode step of a pipeline is pp ticks), with the first and the last; all
 * three null without a decode step. End to end: TTFT and every decode step. Output rates: the
 * batch's tokens over the end-to-end time, per device, and per query (1 / TPOT, null without a
 * decode step). Memory: the most any step needs (the fullest device's, on many devices), the step
 * it is (0: the first step, j: decode step j), and whether it fits (null: no capacity). {@code
 * pieces}: the affine pieces summed, which grow with the window and chunk boundaries crossed, never
 * with the tokens. {@code lastStep}: the last decode step's analysis (null without one).
 */
public record RequestFigures(
    BigInteger outputTokens,
    Rational ttftS,
    Rational tpotS,
    Rational tpotFirstS,
    Rational tpotLastS,
    Rational e2eS,
    Rational outputTokensPerS,
    Rational outputTokensPerSPerDevice,
    Rational outputTokensPerSPerQuery,
    BigInteger neededBytes,
    BigInteger worstStep,
    Boolean fits,
    long pieces,
    Analysis lastStep) {

  public RequestFigures {
    Objects.requireNonNull(outputTokens, "outputTokens");
    Objects.requireNonNull(ttftS, "ttftS");
    Objects.requireNonNull(e2eS, "e2eS");
    Objects.requireNonNull(outputTokensPerS, "outputTokensPerS");
    Objects.requireNonNull(outputTokensPerSPerDevice, "outputTokensPerSPerDevice");
    Objects.requireNonNull(neededBytes, "neededBytes");
    Objects.requireNonNull(worstStep, "worstStep");
    if ((tpotS == null) != (outputTokens.equals(BigInteger.ONE))) {
      throw new IllegalArgumentException("a decode time exactly when there is a decode step");
    }
  }
}
