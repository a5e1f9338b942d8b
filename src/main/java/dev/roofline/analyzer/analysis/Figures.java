package dev.roofline.analyzer.analysis;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What an operator (per block) or the whole model (over all blocks) costs: FLOPs and the bytes of
 * weights, inputs and outputs it moves. Exact integers.
 */
public record Figures(BigInteger flops, BigInteger weightBytes, BigInteger inputBytes, BigInteger outputBytes) {

  public Figures {
    Objects.requireNonNull(flops, "flops");
    Objects.requireNonNull(weightBytes, "weightBytes");
    Objects.requireNonNull(inputBytes, "inputBytes");
    Objects.requireNonNull(outputBytes, "outputBytes");
  }

  /** Bytes moved in all: weights, inputs and outputs. */
  public BigInteger bytes() {
    return weightBytes.add(inputBytes).add(outputBytes);
  }

  /** FLOPs per byte moved, exact; null when nothing is moved (an undefined ratio). */
  public Rational intensity() {
    BigInteger bytes = bytes();
    return bytes.signum() == 0 ? null : new Rational(flops, bytes);
  }
}
