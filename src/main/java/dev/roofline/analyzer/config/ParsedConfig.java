package dev.roofline.analyzer.config;

import java.util.Objects;

/**
 * A config as read once from its JSON: the family's record, the raw {@code quantization_config}
 * value (null when absent or null), which only {@link Precision#resolve} reads, and only in {@link
 * QuantizationMode#AUTO}, and the context length the model was made for ({@code
 * max_position_embeddings}, of the text config when there is one; null when absent or not a
 * positive whole number), which only a note uses.
 */
public record ParsedConfig(ModelConfig model, Object quantizationConfig, java.math.BigInteger maxPositionEmbeddings) {

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
