package dev.roofline.analyzer.analysis;

import java.util.Objects;

/**
 * An operator under a device's roof (per block), or the whole step (over all blocks): the time
 * its compute and its memory traffic would take alone, the time it takes (the larger), and which
 * of the two bounds it.
 */
public record NodeTiming(double computeS, double memoryS, double timeS, Bound bound) {
  public NodeTiming {
    Objects.requireNonNull(bound, "bound");
  }
}
