package dev.roofline.analyzer.analysis;

import java.util.Objects;

/**
 * The model analysed: what was asked for and where it came from, its {@code model_type}, its
 * element type and width in bytes, and its number of blocks.
 */
public record ModelSummary(Subject subject, String modelType, String dtype, int bytesPerElement, long blocks) {
  public ModelSummary {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(modelType, "modelType");
    Objects.requireNonNull(dtype, "dtype");
  }
}
