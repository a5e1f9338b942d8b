package dev.roofline.analyzer.analysis;

import java.util.Objects;

/** The whole model: every operator's figures times its block count, summed; over {@code blocks} blocks. */
public record Totals(long blocks, Figures figures) {
  public Totals {
    Objects.requireNonNull(figures, "figures");
  }
}
