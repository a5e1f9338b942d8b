package dev.roofline.analyzer.config;

import java.util.Optional;

/**
 * A {@code phimoe} model (Phi-3.5-MoE): LayerNorms (weight and bias) where llama has RMS norms,
 * biases on every attention projection with {@code attention_bias}, in every layer {@code
 * num_local_experts} experts of {@code intermediate_size} features, {@code num_experts_per_tok}
 * of them per token (chosen by its sparse mixer, which like every router's top-k is not counted),
 * and an LM head with a bias when {@code lm_head_bias}; every layer slides when {@code
 * sliding_window} is set.
 */
public record PhimoeConfig(
    Decoder decoder, AttentionParts attentionParts, Experts moe, SlidingWindow slidingWindow, ModelEnds ends)
    implements GqaConfig {

  public static final ConfigFormat<PhimoeConfig> FORMAT =
      new ConfigFormat<>(PhimoeConfig.class) {
        @Override
        PhimoeConfig read(JsonFields f) {
          Decoder d = Decoder.read(f, 32064, 4096, 6400, 32, 32, 8, 0);
          long experts = f.positiveIntAliased("num_local_experts", "num_experts", 16);
          long k = Experts.perToken(f, 2, experts, "num_local_experts");
          boolean bias = f.bool("attention_bias", false);
          long layers = d.numHiddenLayers();
          return new PhimoeConfig(
              d,
              new AttentionParts(bias, bias, false),
              new Experts(experts, k, d.intermediateSize(), layers, 0, false, false, Layers.ALL),
              SlidingWindow.read(f, layers, 0, Layers.ALL),
              new ModelEnds(false, false, f.bool("lm_head_bias", false)));
        }
      };

  @Override
  public Optional<Experts> experts() {
    return Optional.of(moe);
  }

  @Override
  public NormStyle norms() {
    return NormStyle.LAYER;
  }
}
