package dev.roofline.analyzer.config;

/**
 * A dense {@code llama} model (LLaMA 2 and 3): top-level keys, defaults of transformers'
 * {@code LlamaConfig}.
 */
public record LlamaConfig(
    long hiddenSize,
    long intermediateSize,
    long numHiddenLayers,
    long numAttentionHeads,
    long numKeyValueHeads,
    long vocabSize,
    Activation hiddenAct,
    DType dtype,
    long attentionHeadDim,
    boolean tieWordEmbeddings)
    implements ModelConfig {

  public static final String MODEL_TYPE = "llama";

  public static final ConfigFormat<LlamaConfig> FORMAT =
      new ConfigFormat<>(LlamaConfig.class) {
        @Override
        LlamaConfig read(JsonFields f) {
          long heads = f.positiveInt("num_attention_heads", 32);
          long hidden = f.positiveInt("hidden_size", 4096);
          try {
            return new LlamaConfig(
                hidden,
                f.positiveInt("intermediate_size", 11008),
                f.positiveInt("num_hidden_layers", 32),
                heads,
                f.positiveIntOrNull("num_key_value_heads", heads, heads),
                f.positiveInt("vocab_size", 32000),
                f.activation("hidden_act"),
                f.dtype(),
                f.positiveIntOrNull("head_dim", hidden / heads, hidden / heads),
                f.bool("tie_word_embeddings", false));
          } catch (IllegalArgumentException e) {
            throw f.brokenRule(e.getMessage());
          }
        }
      };

  public LlamaConfig {
    if (hiddenSize % numAttentionHeads != 0) {
      throw new IllegalArgumentException(
          "'hidden_size' ("
              + hiddenSize
              + ") must be a multiple of 'num_attention_heads' ("
              + numAttentionHeads
              + ")");
    }
  }

  @Override
  public String modelType() {
    return MODEL_TYPE;
  }

  /**
   * Per-head width as the original counts it: derived from the hidden size, {@code head_dim}
   * ignored. {@link #attentionHeadDim} is transformers' ({@code head_dim} when set).
   */
  public long headDim() {
    return hiddenSize / numAttentionHeads;
  }
}
