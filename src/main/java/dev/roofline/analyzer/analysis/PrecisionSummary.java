package dev.roofline.analyzer.analysis;

import dev.roofline.analyzer.config.Precision;
import java.util.Objects;

/**
 * The precisions a run counted with, as outputs name them: the linear weights' format ({@code
 * fp8}, {@code int4}, {@code bfloat16}), the KV cache's and the activations' types, where they came
 * from ({@code config}, {@code quantization_config} or {@code options}), and whether any of the
 * three differs from the config's dtype.
 */
public record PrecisionSummary(
    String weights, String kv, String activations, String source, boolean differsFromDtype) {

  public PrecisionSummary {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(kv, "kv");
    Objects.requireNonNull(activations, "activations");
    Objects.requireNonNull(source, "source");
  }

  /** The summary of {@code precision}. */
  public static PrecisionSummary of(Precision precision) {
    return new PrecisionSummary(
        precision.weights(),
        precision.kv().name(),
        precision.activations().name(),
        precision.source().key(),
        precision.differsFromConfig());
  }
}
