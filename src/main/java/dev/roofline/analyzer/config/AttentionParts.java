package dev.roofline.analyzer.config;

import java.math.BigInteger;

/**
 * The optional parts of a family's grouped-query attention: a bias on the query, key and value
 * projections, a bias on the output projection, per-head RMS norms of queries and keys, the
 * fraction of each head that is rotated ({@code partial_rotary_factor}; 1: the whole head),
 * soft-capping of the attention scores (gemma2's {@code c·tanh(score / c)}), a learned sink logit
 * per head (gpt-oss), and an output gate ({@code attention · sigmoid(gate)}, whose gate the query
 * projection also yields: Qwen3-Next).
 */
public record AttentionParts(
    boolean qkvBias,
    boolean outputBias,
    boolean qkNorm,
    double rotaryFraction,
    boolean softCapping,
    boolean sinks,
    boolean outputGate) {

  /** Llama's attention: none of them. */
  public static final AttentionParts NONE = new AttentionParts(false, false, false);

  public AttentionParts {
    if (!(rotaryFraction > 0 && rotaryFraction <= 1)) {
      throw new IllegalArgumentException("rotary fraction must be in (0, 1]: " + rotaryFraction);
    }
  }

  /** Biases and q/k norms only; the whole head rotates. */
  public AttentionParts(boolean qkvBias, boolean outputBias, boolean qkNorm) {
    this(qkvBias, outputBias, qkNorm, 1.0, false, false, false);
  }

  /** Qwen2's: biases on q, k and v when {@code qkvBias}. */
  static AttentionParts qwen2(boolean qkvBias) {
    return new AttentionParts(qkvBias, false, false);
  }

  /** Qwen3's: per-head q/k norms, and biases on every projection when {@code attention_bias}. */
  static AttentionParts qwen3(JsonFields f) {
    boolean bias = f.bool("attention_bias", false);
    return new AttentionParts(bias, bias, true);
  }

  /**
   * {@code partial_rotary_factor}, from {@code rope_parameters} (transformers v5 files) or else the
   * top level; {@code fallback} when neither has it.
   */
  static double rotaryFraction(JsonFields f, double fallback) {
    JsonFields rope = f.object("rope_parameters");
    return rope.has("partial_rotary_factor")
        ? rope.fraction("partial_rotary_factor", fallback)
        : f.fraction("partial_rotary_factor", fallback);
  }

  /**
   * The rotated values of a head of {@code headDim}: {@code int(headDim · partial_rotary_factor)}
   * as Python computes it (a double product, truncated); the whole head for a factor of 1.
   */
  public BigInteger rotatedDims(long headDim) {
    if (rotaryFraction == 1.0) {
      return BigInteger.valueOf(headDim);
    }
    return BigInteger.valueOf((long) Math.floor(headDim * rotaryFraction));
  }
}
