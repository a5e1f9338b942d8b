package dev.roofline.analyzer.config;

/**
 * A {@code gemma2} model (Gemma 2 2B, 9B, 27B): grouped-query attention whose scores are
 * soft-capped ({@code attn_logit_softcapping}), RMS norms before and after attention and the
 * feed-forward part, a GeGLU feed-forward part ({@code hidden_activation}), embeddings scaled by
 * √{@code hidden_size} and tied to the LM head, soft-capped logits ({@code
 * final_logit_softcapping}); the even layers (0, 2, …) slide over {@code sliding_window} tokens.
 */
public record Gemma2Config(Decoder decoder, AttentionParts attentionParts, SlidingWindow slidingWindow, ModelEnds ends)
    implements GqaConfig {

  public static final ConfigFormat<Gemma2Config> FORMAT =
      new ConfigFormat<>(Gemma2Config.class) {
        @Override
        Gemma2Config read(JsonFields f) {
          Decoder d =
              Decoder.read(
                  f, 256000, 2304, 9216, 26, 8, 4, 256,
                  f.activation("hidden_activation", Activation.GELU_PYTORCH_TANH),
                  f.dtype(),
                  f.bool("tie_word_embeddings", true));
          boolean bias = f.bool("attention_bias", false);
          long layers = d.numHiddenLayers();
          return new Gemma2Config(
              d,
              new AttentionParts(bias, bias, false, 1.0, f.positiveNumberOrNull("attn_logit_softcapping", true), false, false),
              // Layer i slides iff i is even: ⌈layers / 2⌉ of them.
              SlidingWindow.read(f, layers, 4096, new Layers.Not(new Layers.Every(2))),
              new ModelEnds(true, f.positiveNumberOrNull("final_logit_softcapping", true), false));
        }
      };

  @Override
  public NormStyle norms() {
    return NormStyle.SANDWICH;
  }
}
