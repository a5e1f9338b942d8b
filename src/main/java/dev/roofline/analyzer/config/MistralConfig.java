package dev.roofline.analyzer.config;

/**
 * A {@code mistral} model (Mistral 7B, Mistral Nemo): llama's blocks with a head width of its
 * own; every layer slides when {@code sliding_window} is set (v0.1: 4096; later versions: null).
 */
public record MistralConfig(Decoder decoder, SlidingWindow slidingWindow) implements GqaConfig {

  public static final ConfigFormat<MistralConfig> FORMAT =
      new ConfigFormat<>(MistralConfig.class) {
        @Override
        MistralConfig read(JsonFields f) {
          Decoder d = Decoder.read(f, 32000, 4096, 14336, 32, 32, 8, 0);
          return new MistralConfig(
              d, SlidingWindow.read(f, d.numHiddenLayers(), 4096, Layers.ALL));
        }
      };
}
