package dev.roofline.analyzer.config;

/** Whether a config's {@code quantization_config} decides the precisions. */
public enum QuantizationMode {
  /** Every tensor at the config's dtype, as the original; {@code quantization_config} is ignored. */
  NONE,
  /** Weights, activations and KV cache as {@code quantization_config} says. */
  AUTO
}
