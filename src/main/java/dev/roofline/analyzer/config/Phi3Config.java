package dev.roofline.analyzer.config;

/**
 * A {@code phi3} model (Phi-3, Phi-3.5-mini, Phi-4, Phi-4-mini): llama's blocks, with the query,
 * key and value projections in one tensor and gate and up in another, a rotated fraction of each
 * head ({@code partial_rotary_factor}); every layer slides when {@code sliding_window} is set.
 */
public record Phi3Config(Decoder decoder, AttentionParts attentionParts, SlidingWindow slidingWindow)
    implements GqaConfig {

  public static final ConfigFormat<Phi3Config> FORMAT =
      new ConfigFormat<>(Phi3Config.class) {
        @Override
        Phi3Config read(JsonFields f) {
          Decoder d = Decoder.read(f, 32064, 3072, 8192, 32, 32, 0, 0);
          return new Phi3Config(
              d,
              new AttentionParts(false, false, false, AttentionParts.rotaryFraction(f, 1.0), false, false, false),
              SlidingWindow.read(f, d.numHiddenLayers(), 0, Layers.ALL));
        }
      };
}
