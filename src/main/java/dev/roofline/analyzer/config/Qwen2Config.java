package dev.roofline.analyzer.config;

/**
 * A {@code qwen2} model (Qwen2, Qwen2.5): llama's blocks with biases on the query, key and value
 * projections; with {@code use_sliding_window}, the layers from {@code max_window_layers} on slide.
 */
public record Qwen2Config(Decoder decoder, SlidingWindow slidingWindow) implements GqaConfig {

  public static final ConfigFormat<Qwen2Config> FORMAT =
      new ConfigFormat<>(Qwen2Config.class) {
        @Override
        Qwen2Config read(JsonFields f) {
          Decoder d = Decoder.read(f, 151936, 4096, 22016, 32, 32, 32, 0);
          // With use_sliding_window, layer i slides iff i >= max_window_layers.
          long max = SlidingWindow.qwenMaxWindowLayers(f);
          long layers = d.numHiddenLayers();
          return new Qwen2Config(d, SlidingWindow.read(f, layers, 4096, max < 0 ? Layers.NONE : new Layers.From(max)));
        }
      };

  @Override
  public AttentionParts attentionParts() {
    return AttentionParts.qwen2(true);
  }
}
