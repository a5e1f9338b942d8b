package dev.roofline.analyzer.analysis;

import java.util.Objects;

/**
 * An operator under a device's roof (per block), or the whole step (over all blocks): the time
 * its compute and its memory traffic would take alone, the time it takes (the larger), in
 * seconds, exact; and which of the two bounds it.
 */
public record NodeTiming(Rational computeS, Rational memoryS, Rational timeS, Bound bound) {
  public NodeTiming {
    Objects.requireNonNull(computeS, "computeS");
    Objects.requireNonNull(memoryS, "memoryS");
    Objects.requireNonNull(timeS, "timeS");
    Objects.requireNonNull(bound, "bound");
  }
}
