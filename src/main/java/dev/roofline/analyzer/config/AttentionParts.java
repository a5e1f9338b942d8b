package dev.roofline.analyzer.config;

/**
 * The optional parts of a family's grouped-query attention: a bias on the query, key and value
 * projections, a bias on the output projection, and per-head RMS norms of queries and keys.
 */
public record AttentionParts(boolean qkvBias, boolean outputBias, boolean qkNorm) {

  /** Llama's attention: none of them. */
  public static final AttentionParts NONE = new AttentionParts(false, false, false);

  /** Qwen2's: biases on q, k and v when {@code qkvBias}. */
  static AttentionParts qwen2(boolean qkvBias) {
    return new AttentionParts(qkvBias, false, false);
  }

  /** Qwen3's: per-head q/k norms, and biases on every projection when {@code attention_bias}. */
  static AttentionParts qwen3(JsonFields f) {
    boolean bias = f.bool("attention_bias", false);
    return new AttentionParts(bias, bias, true);
  }
}
