package dev.roofline.analyzer.config;

import java.util.Optional;

/**
 * A {@code glm4_moe} model (GLM-4.5, GLM-4.5-Air, GLM-4.6): grouped-query attention with biases
 * on the query, key and value projections ({@code attention_bias}; never on the output), per-head
 * query/key norms with {@code use_qk_norm}, half of each head rotated; DeepSeek-V3's experts
 * (routed, shared, a router with a correction bias per expert) in every layer from {@code
 * first_k_dense_replace} on, dense before. The multi-token-prediction layer ({@code
 * num_nextn_predict_layers}) is not part of a step and is not read.
 */
public record Glm4MoeConfig(Decoder decoder, AttentionParts attentionParts, Experts moe) implements GqaConfig {

  public static final ConfigFormat<Glm4MoeConfig> FORMAT =
      new ConfigFormat<>(Glm4MoeConfig.class) {
        @Override
        Glm4MoeConfig read(JsonFields f) {
          Decoder d = Decoder.read(f, 151552, 4096, 10944, 46, 96, 8, 0);
          boolean bias = f.bool("attention_bias", false);
          return new Glm4MoeConfig(
              d,
              new AttentionParts(
                  bias, false, f.bool("use_qk_norm", false), AttentionParts.rotaryFraction(f, 0.5), false, false, false),
              Experts.readDeepseek(f, d.numHiddenLayers(), 128, 8, 1408, 1));
        }
      };

  @Override
  public Optional<Experts> experts() {
    return Optional.of(moe);
  }

  /** Dense layers come first, then the experts' ({@code first_k_dense_replace}). */
  @Override
  public FirstLayers firstLayers() {
    return new FirstLayers(decoder.numHiddenLayers() - moe.layers(), 0);
  }
}
