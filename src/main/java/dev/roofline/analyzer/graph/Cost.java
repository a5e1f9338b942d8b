package dev.roofline.analyzer.graph;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What one operator costs: compute in FLOPs and the bytes of weights, inputs and outputs it moves.
 * Exact integers, so no token count or batch size a user can type overflows.
 */
public record Cost(BigInteger flops, BigInteger weight, BigInteger input, BigInteger output) {

  public static final Cost ZERO =
      new Cost(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

  public Cost {
    Objects.requireNonNull(flops, "flops");
    Objects.requireNonNull(weight, "weight");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
  }

  public Cost plus(Cost o) {
    return new Cost(
        flops.add(o.flops), weight.add(o.weight), input.add(o.input), output.add(o.output));
  }

  public Cost times(BigInteger n) {
    return new Cost(flops.multiply(n), weight.multiply(n), input.multiply(n), output.multiply(n));
  }

  public Cost times(long n) {
    return times(BigInteger.valueOf(n));
  }

  /** Bytes moved in all: weights, inputs and outputs. */
  public BigInteger bytes() {
    return weight.add(input).add(output);
  }
}
