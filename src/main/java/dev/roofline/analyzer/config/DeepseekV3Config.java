package dev.roofline.analyzer.config;

/**
 * A {@code deepseek_v3} model (DeepSeek-V3, R1; Kimi-K2 as {@code kimi_k2}): multi-head latent
 * attention, and fine-grained experts (many small routed experts, shared experts, a router with a
 * bias per expert) in every layer from {@code first_k_dense_replace} on; the first layers are
 * dense. The multi-token-prediction module ({@code num_nextn_predict_layers}) is not part of a
 * step and is not read.
 */
public record DeepseekV3Config(
    String modelType,
    long vocabSize,
    long hiddenSize,
    long intermediateSize,
    long numHiddenLayers,
    LatentAttention attention,
    Experts experts,
    Activation hiddenAct,
    DType dtype,
    boolean tieWordEmbeddings)
    implements ModelConfig {

  public static final ConfigFormat<DeepseekV3Config> FORMAT =
      new ConfigFormat<>(DeepseekV3Config.class) {
        @Override
        DeepseekV3Config read(JsonFields f) {
          long layers = f.positiveInt("num_hidden_layers", 61);
          Experts experts = Experts.readDeepseek(f, layers, 256, 8, 2048, 3);
          LatentAttention attention =
              new LatentAttention(
                  f.positiveInt("num_attention_heads", 128),
                  f.positiveIntOrNull("q_lora_rank", 1536, 0),
                  f.positiveInt("kv_lora_rank", 512),
                  f.positiveInt("qk_nope_head_dim", 128),
                  f.positiveInt("qk_rope_head_dim", 64),
                  f.positiveInt("v_head_dim", 128));
          return new DeepseekV3Config(
              f.modelType(),
              f.positiveInt("vocab_size", 129280),
              f.positiveInt("hidden_size", 7168),
              f.positiveInt("intermediate_size", 18432),
              layers,
              attention,
              experts,
              f.activation("hidden_act"),
              f.dtype(),
              f.bool("tie_word_embeddings", false));
        }
      };

  /** The first layer of each kind: dense layers come first, then the experts' ({@code first_k_dense_replace}). */
  public FirstLayers firstLayers() {
    return new FirstLayers(numHiddenLayers - experts.layers(), 0);
  }

  @Override
  public long numAttentionHeads() {
    return attention.heads();
  }
}
