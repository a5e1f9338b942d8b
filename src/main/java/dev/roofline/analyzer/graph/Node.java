package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Layers;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One operator of a step as a cost model counts it: the row it makes, the number of blocks it
 * appears in (the layers {@code layers}; none for a row of the model, once per step), its cost per
 * block, and per block the storage it holds: the weights storage counts as such ({@code stored}),
 * the idle experts' weights, the KV-cache bytes of the step's queries, and their recurrent state
 * (linear attention's, whose size does not grow with the tokens).
 */
public record Node(
    Operator operator, long blocks, Cost cost, Layers layers, BigInteger stored, BigInteger idle, BigInteger cached, BigInteger state) {
  public Node {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(layers, "layers");
    Objects.requireNonNull(stored, "stored");
    Objects.requireNonNull(idle, "idle");
    Objects.requireNonNull(cached, "cached");
    Objects.requireNonNull(state, "state");
    if (blocks < 0) {
      throw new IllegalArgumentException("blocks must not be negative: " + blocks);
    }
  }
}
