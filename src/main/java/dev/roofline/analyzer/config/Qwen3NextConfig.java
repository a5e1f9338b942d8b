package dev.roofline.analyzer.config;

import java.util.Optional;

/**
 * A {@code qwen3_next} model (Qwen3-Next-80B-A3B): hybrid layers. Every {@code
 * full_attention_interval}-th layer is gated attention (qwen3's, its query projection also
 * yielding an output gate, a quarter of each head rotated); the others are linear attention, a
 * Gated DeltaNet of {@code linear_num_value_heads} heads over a recurrent state. Every layer's
 * feed-forward part is qwen2_moe's: routed experts beside a gated shared expert in the layers its
 * rule gives, dense elsewhere. The multi-token-prediction module ({@code mtp.*}) is not part of a
 * step.
 */
public record Qwen3NextConfig(
    Decoder decoder, AttentionParts attentionParts, Experts moe, FirstLayers firstLayers, LinearAttention linear)
    implements GqaConfig {

  public static final ConfigFormat<Qwen3NextConfig> FORMAT =
      new ConfigFormat<>(Qwen3NextConfig.class) {
        @Override
        Qwen3NextConfig read(JsonFields f) {
          Decoder d = Decoder.read(f, 151936, 2048, 5632, 48, 16, 2, 256);
          long layers = d.numHiddenLayers();
          boolean bias = f.bool("attention_bias", false);
          long shared = f.positiveInt("shared_expert_intermediate_size", 512);
          Experts experts = Experts.readQwen(f, layers, 512, 10, 512, shared);
          return new Qwen3NextConfig(
              d,
              new AttentionParts(bias, bias, true, AttentionParts.rotaryFraction(f, 0.25), false, false, true),
              experts,
              FirstLayers.readQwen(f, layers, experts),
              linearAttention(f, layers));
        }
      };

  /**
   * The linear-attention layers: those {@code layer_types} marks {@code linear_attention}, or else
   * every layer i with (i + 1) not a multiple of {@code full_attention_interval}.
   */
  private static LinearAttention linearAttention(JsonFields f, long layers) {
    long keyHeads = f.positiveInt("linear_num_key_heads", 16);
    long valueHeads = f.positiveInt("linear_num_value_heads", 32);
    if (valueHeads % keyHeads != 0) {
      throw f.brokenRule(
          "'linear_num_value_heads' ("
              + valueHeads
              + ") must be a multiple of 'linear_num_key_heads' ("
              + keyHeads
              + ")");
    }
    long keyDim = f.positiveInt("linear_key_head_dim", 128);
    long valueDim = f.positiveInt("linear_value_head_dim", 128);
    long kernel = f.positiveInt("linear_conv_kernel_dim", 4);
    long interval = f.positiveInt("full_attention_interval", 4);
    Layers.Listed listed = f.layerTypes("layer_types", layers, "linear_attention");
    Layers where = listed != null ? listed : new Layers.Not(new Layers.Every(interval));
    long linear = where.count(0, layers);
    long firstLinear;
    long firstFull;
    if (listed != null) {
      firstLinear = Math.max(0, listed.first(0, layers));
      firstFull = Math.max(0, new Layers.Not(listed).first(0, layers));
    } else {
      long full = layers / interval;
      firstLinear = 0;
      firstFull = full > 0 ? interval - 1 : 0;
    }
    return new LinearAttention(linear, keyHeads, valueHeads, keyDim, valueDim, kernel, firstLinear, firstFull, where);
  }

  @Override
  public Optional<Experts> experts() {
    return Optional.of(moe);
  }

  @Override
  public Optional<LinearAttention> linearAttention() {
    return Optional.of(linear);
  }
}
