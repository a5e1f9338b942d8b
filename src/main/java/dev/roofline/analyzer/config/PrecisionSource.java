package dev.roofline.analyzer.config;

/** Where the precisions of a run came from, as outputs name it. */
public enum PrecisionSource {
  /** The config's dtype for every tensor. */
  CONFIG("config"),
  /** The config's {@code quantization_config}. */
  QUANTIZATION_CONFIG("quantization_config"),
  /** At least one precision given on the command line. */
  OPTIONS("options");

  private final String key;

  PrecisionSource(String key) {
    this.key = key;
  }

  /** The name outputs use. */
  public String key() {
    return key;
  }
}
