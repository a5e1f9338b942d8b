package dev.roofline.analyzer.graph;

import java.util.Objects;

/** One operator of a transformer block, the number of blocks it appears in, and its cost per block. */
public record Node(Operator operator, long blocks, Cost cost) {
  public Node {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(cost, "cost");
    if (blocks < 0) {
      throw new IllegalArgumentException("blocks must not be negative: " + blocks);
    }
  }
}
