package dev.roofline.analyzer.analysis;

import dev.roofline.analyzer.graph.Node;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What the roofline needs of an operator: the blocks it appears in, and per block its FLOPs and
 * the bytes it moves (weights, inputs and outputs).
 */
public record NodeWork(long blocks, BigInteger flops, BigInteger bytes) {

  public NodeWork {
    Objects.requireNonNull(flops, "flops");
    Objects.requireNonNull(bytes, "bytes");
    if (blocks < 0 || flops.signum() < 0 || bytes.signum() < 0) {
      throw new IllegalArgumentException("blocks, flops and bytes must not be negative");
    }
  }

  /** The work of a graph's node. */
  public static NodeWork of(Node node) {
    return new NodeWork(node.blocks(), node.cost().flops(), node.cost().bytes());
  }
}
