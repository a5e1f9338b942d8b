package dev.roofline.analyzer.config;

/**
 * A {@code gemma3_text} model (Gemma 3 1B), or the text model of a {@code gemma3} one (Gemma 3
 * 4B, 12B, 27B: {@code Gemma3ForConditionalGeneration}, whose SigLIP vision tower and projector a
 * text step does not run). Gemma 2's blocks with per-head query/key norms and, by default, no
 * soft-capping; of every {@code sliding_window_pattern} layers the last attends to every token and
 * the others slide (5 local : 1 global).
 */
public record Gemma3Config(Decoder decoder, AttentionParts attentionParts, SlidingWindow slidingWindow, ModelEnds ends)
    implements GqaConfig {

  /** {@code gemma3_text}: the keys at the top level. */
  public static final ConfigFormat<Gemma3Config> FORMAT =
      new ConfigFormat<>(Gemma3Config.class) {
        @Override
        Gemma3Config read(JsonFields f) {
          return Gemma3Config.read(f, f.dtype(), f.bool("tie_word_embeddings", true));
        }
      };

  /**
   * {@code gemma3}: the keys of {@code text_config}, every one it lacks at gemma3_text's default
   * (transformers builds {@code Gemma3TextConfig(**text_config)}); the dtype and the tying are the
   * text config's, else the top level's.
   */
  public static final ConfigFormat<Gemma3Config> MULTIMODAL =
      new ConfigFormat<>(Gemma3Config.class) {
        @Override
        Gemma3Config read(JsonFields root) {
          JsonFields f = root.object("text_config");
          return Gemma3Config.read(
              f, f.dtype(root), f.bool("tie_word_embeddings", root.bool("tie_word_embeddings", true)));
        }
      };

  private static Gemma3Config read(JsonFields f, DType dtype, boolean tied) {
    Decoder d =
        Decoder.read(
            f, 262208, 2304, 9216, 26, 8, 4, 256,
            f.activation("hidden_activation", Activation.GELU_PYTORCH_TANH),
            dtype,
            tied);
    boolean bias = f.bool("attention_bias", false);
    long layers = d.numHiddenLayers();
    // Layer i slides iff (i + 1) is not a multiple of the pattern.
    long pattern = f.positiveInt("sliding_window_pattern", 6);
    return new Gemma3Config(
        d,
        new AttentionParts(bias, bias, true, 1.0, f.positiveNumberOrNull("attn_logit_softcapping", false), false, false),
        SlidingWindow.read(f, layers, 4096, new Layers.Not(new Layers.Every(pattern))),
        new ModelEnds(true, f.positiveNumberOrNull("final_logit_softcapping", false), false));
  }

  @Override
  public NormStyle norms() {
    return NormStyle.SANDWICH;
  }
}
