package dev.roofline.analyzer.config;

import java.util.Optional;

/**
 * A {@code mixtral} model (Mixtral 8x7B, 8x22B): mistral's blocks whose feed-forward part is, in
 * every layer, {@code num_local_experts} experts of {@code intermediate_size} features, {@code
 * num_experts_per_tok} of them per token.
 */
public record MixtralConfig(Decoder decoder, Experts moe, SlidingWindow slidingWindow) implements GqaConfig {

  public static final ConfigFormat<MixtralConfig> FORMAT =
      new ConfigFormat<>(MixtralConfig.class) {
        @Override
        MixtralConfig read(JsonFields f) {
          Decoder d = Decoder.read(f, 32000, 4096, 14336, 32, 32, 8, 0);
          long experts = f.positiveIntAliased("num_local_experts", "num_experts", 8);
          long k = Experts.perToken(f, 2, experts, "num_local_experts");
          return new MixtralConfig(
              d,
              new Experts(experts, k, d.intermediateSize(), d.numHiddenLayers(), 0, false, false, Layers.ALL),
              SlidingWindow.read(f, d.numHiddenLayers(), 0, Layers.ALL));
        }
      };

  @Override
  public Optional<Experts> experts() {
    return Optional.of(moe);
  }
}
