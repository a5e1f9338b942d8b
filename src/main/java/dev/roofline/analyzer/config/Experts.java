package dev.roofline.analyzer.config;

/**
 * The mixture-of-experts layers of a model: {@code count} routed experts of {@code
 * intermediateSize} features, {@code perToken} of them for each token, in {@code layers} of the
 * model's layers, those of {@code where} (the others are dense). Optionally a shared expert of {@code
 * sharedIntermediateSize} features that every token goes through (0: none), whose output a
 * sigmoid gate scales ({@code sharedGate}, qwen2_moe), a router with one bias per expert
 * ({@code routerBias}, deepseek_v3's {@code e_score_correction_bias}, which only chooses), and
 * biases added by the router's and each expert's projections ({@code biases}, gpt-oss).
 */
public record Experts(
    long count,
    long perToken,
    long intermediateSize,
    long layers,
    long sharedIntermediateSize,
    boolean sharedGate,
    boolean routerBias,
    boolean biases,
    Layers where) {

  /** Experts whose router and projections add no bias, in the layers {@code where}. */
  public Experts(
      long count,
      long perToken,
      long intermediateSize,
      long layers,
      long sharedIntermediateSize,
      boolean sharedGate,
      boolean routerBias,
      Layers where) {
    this(count, perToken, intermediateSize, layers, sharedIntermediateSize, sharedGate, routerBias, false, where);
  }

  public Experts {
    java.util.Objects.requireNonNull(where, "where");
    if (count < 0 || perToken <= 0 || intermediateSize <= 0 || layers < 0 || sharedIntermediateSize < 0) {
      throw new IllegalArgumentException("bad experts " + count + ", " + perToken + ", " + intermediateSize);
    }
    if (layers > 0 && perToken > count) {
      throw new IllegalArgumentException(perToken + " experts per token of " + count);
    }
  }

  /**
   * {@code num_experts_per_tok}, which must not exceed the {@code experts} that {@code
   * expertsKey} gives (when there are experts at all).
   */
  static long perToken(JsonFields f, long fallback, long experts, String expertsKey) {
    long k = f.positiveInt("num_experts_per_tok", fallback);
    if (experts > 0 && k > experts) {
      throw f.brokenRule(
          "'num_experts_per_tok' (" + k + ") must not exceed '" + expertsKey + "' (" + experts + ")");
    }
    return k;
  }

  /**
   * The experts of deepseek_v3 and glm4_moe, with their defaults: {@code n_routed_experts} (alias
   * {@code num_local_experts}) of {@code moe_intermediate_size}, {@code num_experts_per_tok} of
   * them per token, {@code n_shared_experts} (1) shared experts as one of their summed size, a
   * router with a correction bias per expert; layer i has experts iff i ≥ {@code
   * first_k_dense_replace}.
   */
  static Experts readDeepseek(JsonFields f, long layers, long routed, long perToken, long size, long firstDense) {
    long count = f.positiveIntAliased("n_routed_experts", "num_local_experts", routed);
    long k = perToken(f, perToken, count, "n_routed_experts");
    long expertSize = f.positiveInt("moe_intermediate_size", size);
    long shared = f.nonNegativeInt("n_shared_experts", 1);
    if (shared > Long.MAX_VALUE / expertSize) {
      throw f.brokenRule("'moe_intermediate_size' × 'n_shared_experts' is too large");
    }
    long firstMoe = f.nonNegativeInt("first_k_dense_replace", firstDense);
    long moeLayers = Math.max(0, layers - firstMoe);
    return new Experts(count, k, expertSize, moeLayers, expertSize * shared, false, true, new Layers.From(firstMoe));
  }

  /**
   * The experts of qwen2_moe and qwen3_moe, with their defaults: layer i is a mixture of experts
   * iff there are experts, i is not in {@code mlp_only_layers} and (i + 1) is a multiple of {@code
   * decoder_sparse_step}. {@code shared}: qwen2_moe's gated shared expert's size (0: none).
   */
  static Experts readQwen(JsonFields f, long layers, long experts, long perToken, long size, long shared) {
    long count = f.nonNegativeInt("num_experts", experts);
    long k = perToken(f, perToken, count, "num_experts");
    long expertSize = f.positiveInt("moe_intermediate_size", size);
    long step = f.positiveInt("decoder_sparse_step", 1);
    Layers moe =
        count == 0 ? Layers.NONE : new Layers.Without(new Layers.Every(step), f.layerIndices("mlp_only_layers", layers));
    return new Experts(count, k, expertSize, moe.count(0, layers), shared, shared > 0, false, moe);
  }
}
