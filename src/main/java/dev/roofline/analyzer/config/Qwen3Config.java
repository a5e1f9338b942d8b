package dev.roofline.analyzer.config;

/**
 * A {@code qwen3} dense model: qwen2's blocks with per-head query/key norms, a head width of 128
 * by default (so heads × width may differ from the hidden size), and biases on every attention
 * projection only when {@code attention_bias} is set.
 */
public record Qwen3Config(Decoder decoder, AttentionParts attentionParts, SlidingWindow slidingWindow)
    implements GqaConfig {

  public static final ConfigFormat<Qwen3Config> FORMAT =
      new ConfigFormat<>(Qwen3Config.class) {
        @Override
        Qwen3Config read(JsonFields f) {
          Decoder d = Decoder.read(f, 151936, 4096, 22016, 32, 32, 32, 128);
          // With use_sliding_window, layer i slides iff i >= max_window_layers (as qwen2).
          long max = SlidingWindow.qwenMaxWindowLayers(f);
          long layers = d.numHiddenLayers();
          return new Qwen3Config(
              d,
              AttentionParts.qwen3(f),
              SlidingWindow.read(f, layers, 4096, max < 0 ? Layers.NONE : new Layers.From(max)));
        }
      };
}
