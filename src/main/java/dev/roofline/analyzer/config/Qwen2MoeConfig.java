package dev.roofline.analyzer.config;

import java.util.Optional;

/**
 * A {@code qwen2_moe} model (Qwen1.5-MoE, Qwen2-57B-A14B): qwen2's attention ({@code qkv_bias}
 * switches its biases), and in the mixture-of-experts layers a shared expert, scaled by a sigmoid
 * gate, beside the routed ones; the other layers are dense.
 */
public record Qwen2MoeConfig(
    Decoder decoder, AttentionParts attentionParts, Experts moe, FirstLayers firstLayers, SlidingWindow slidingWindow)
    implements GqaConfig {

  public static final ConfigFormat<Qwen2MoeConfig> FORMAT =
      new ConfigFormat<>(Qwen2MoeConfig.class) {
        @Override
        Qwen2MoeConfig read(JsonFields f) {
          Decoder d = Decoder.read(f, 151936, 2048, 5632, 24, 16, 16, 0);
          long shared = f.positiveInt("shared_expert_intermediate_size", 5632);
          Experts experts = Experts.readQwen(f, d.numHiddenLayers(), 60, 4, 1408, shared);
          return new Qwen2MoeConfig(
              d,
              AttentionParts.qwen2(f.bool("qkv_bias", true)),
              experts,
              FirstLayers.readQwen(f, d.numHiddenLayers(), experts),
              SlidingWindow.read(f, d.numHiddenLayers(), 4096, evenBelowMaxWindowLayers(f, d.numHiddenLayers())));
        }
      };

  /** With use_sliding_window, layer i slides iff i is even and i < max_window_layers. */
  private static Layers evenBelowMaxWindowLayers(JsonFields f, long layers) {
    long max = SlidingWindow.qwenMaxWindowLayers(f);
    return max < 0 ? Layers.NONE : new Layers.EvenBelow(max);
  }

  @Override
  public Optional<Experts> experts() {
    return Optional.of(moe);
  }
}
