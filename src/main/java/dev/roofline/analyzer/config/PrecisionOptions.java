package dev.roofline.analyzer.config;

/**
 * The precisions a user set on the command line; a null component was not given. Parsed before any
 * config is read, so a bad value fails early.
 */
public record PrecisionOptions(WeightDtype weights, ElementType kv, ElementType activations) {

  public static final PrecisionOptions NONE = new PrecisionOptions(null, null, null);

  /**
   * The options from their command-line values, each null when not given.
   *
   * @throws PrecisionOptionException for a value that names no known type; its {@code part()}
   *     says which of the three it was
   */
  public static PrecisionOptions parse(String weights, String kv, String activations) {
    return new PrecisionOptions(
        weights == null ? null : WeightDtype.parse(weights),
        kv == null ? null : ElementType.parseKv(kv),
        activations == null ? null : ElementType.parseActivation(activations));
  }

  /** Whether any precision was given. */
  public boolean any() {
    return weights != null || kv != null || activations != null;
  }
}
