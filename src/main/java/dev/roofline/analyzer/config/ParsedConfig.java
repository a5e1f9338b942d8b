package dev.roofline.analyzer.config;

import java.util.Objects;

/**
 * A config as read once from its JSON: the family's record, and the raw {@code
 * quantization_config} value (null when absent or null), which only {@link Precision#resolve}
 * reads, and only in {@link QuantizationMode#AUTO}.
 */
public record ParsedConfig(ModelConfig model, Object quantizationConfig) {

  public ParsedConfig {
    Objects.requireNonNull(model, "model");
  }

  /** Whether the config carries a {@code quantization_config}. */
  public boolean hasQuantizationConfig() {
    return quantizationConfig != null;
  }

  /**
   * The precisions of a run on this config.
   *
   * @param origin the config's file or repo, for error messages
   * @throws UnsupportedQuantizationException in mode auto, for a {@code quant_method} not read
   * @throws ConfigException in mode auto, naming a missing or malformed key
   */
  public Precision precision(QuantizationMode mode, PrecisionOptions options, String origin) {
    return Precision.resolve(mode, quantizationConfig, options, model.dtype(), model.modelType(), origin);
  }
}
