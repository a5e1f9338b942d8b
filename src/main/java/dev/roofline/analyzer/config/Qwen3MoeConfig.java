package dev.roofline.analyzer.config;

import java.util.Optional;

/**
 * A {@code qwen3_moe} model (Qwen3-30B-A3B, Qwen3-235B-A22B): qwen3's attention, and routed
 * experts with no shared expert in the mixture-of-experts layers; the other layers are dense.
 */
public record Qwen3MoeConfig(
    Decoder decoder, AttentionParts attentionParts, Experts moe, FirstLayers firstLayers, SlidingWindow slidingWindow)
    implements GqaConfig {

  public static final ConfigFormat<Qwen3MoeConfig> FORMAT =
      new ConfigFormat<>(Qwen3MoeConfig.class) {
        @Override
        Qwen3MoeConfig read(JsonFields f) {
          Decoder d = Decoder.read(f, 151936, 2048, 6144, 24, 32, 4, 0);
          Experts experts = Experts.readQwen(f, d.numHiddenLayers(), 128, 8, 768, 0);
          return new Qwen3MoeConfig(
              d,
              AttentionParts.qwen3(f),
              experts,
              FirstLayers.readQwen(f, d.numHiddenLayers(), experts),
              // With use_sliding_window, every layer slides.
              SlidingWindow.read(
                  f, d.numHiddenLayers(), 4096, SlidingWindow.qwenMaxWindowLayers(f) < 0 ? Layers.NONE : Layers.ALL));
        }
      };

  @Override
  public Optional<Experts> experts() {
    return Optional.of(moe);
  }
}
