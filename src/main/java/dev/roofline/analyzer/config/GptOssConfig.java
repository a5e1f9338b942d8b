package dev.roofline.analyzer.config;

import java.util.Optional;

/**
 * A {@code gpt_oss} model (gpt-oss-20b, gpt-oss-120b): grouped-query attention with biases on
 * every projection ({@code attention_bias}) and a learned sink logit per head; in every layer
 * {@code num_local_experts} experts whose projections and router add biases, {@code
 * num_experts_per_tok} per token, with a clamped SwiGLU whatever {@code hidden_act} says; the even
 * layers (0, 2, …) slide over {@code sliding_window} tokens.
 */
public record GptOssConfig(Decoder decoder, AttentionParts attentionParts, Experts moe, SlidingWindow slidingWindow)
    implements GqaConfig {

  public static final ConfigFormat<GptOssConfig> FORMAT =
      new ConfigFormat<>(GptOssConfig.class) {
        @Override
        GptOssConfig read(JsonFields f) {
          Decoder d =
              Decoder.read(
                  f, 201088, 2880, 2880, 36, 64, 8, 64,
                  Activation.CLAMPED_SWIGLU,
                  f.dtype(),
                  f.bool("tie_word_embeddings", false));
          long experts = f.positiveIntAliased("num_local_experts", "num_experts", 128);
          long k = Experts.perToken(f, 4, experts, "num_local_experts");
          boolean bias = f.bool("attention_bias", true);
          long layers = d.numHiddenLayers();
          return new GptOssConfig(
              d,
              new AttentionParts(bias, bias, false, 1.0, false, true, false),
              new Experts(experts, k, d.intermediateSize(), layers, 0, false, false, true, Layers.ALL),
              // Layer i slides iff i is even: ⌈layers / 2⌉ of them.
              SlidingWindow.read(f, layers, 128, new Layers.Not(new Layers.Every(2))));
        }
      };

  @Override
  public Optional<Experts> experts() {
    return Optional.of(moe);
  }
}
