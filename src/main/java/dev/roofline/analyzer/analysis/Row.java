package dev.roofline.analyzer.analysis;

import dev.roofline.analyzer.graph.Cost;

/**
 * One line of the analysis: an operator (or the whole model), the blocks it appears in and its
 * cost per block (for the total, over all blocks), with its operational intensity.
 */
public record Row(String name, long blocks, Cost cost) {

  /** FLOPs per byte moved, as a double. */
  public double intensity() {
    return Ratio.of(cost.flops(), cost.bytes());
  }
}
