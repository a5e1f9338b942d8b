package dev.roofline.analyzer.config;

/**
 * A {@code llama4} mixture-of-experts model (Llama 4 Scout, Maverick): the keys of its {@code
 * text_config}, defaults of transformers' {@code Llama4TextConfig}. Of its layers, those of {@code
 * noRope} are NoPE layers (full attention, no RoPE, no QK norm); the others apply RoPE, the
 * per-head L2 QK norm when {@code useQkNorm}, and attention within chunks of {@code
 * attentionChunkSize} tokens (0: full attention).
 */
public record Llama4Config(
    long hiddenSize,
    long intermediateSize,
    long intermediateSizeMlp,
    long numHiddenLayers,
    long numAttentionHeads,
    long numKeyValueHeads,
    long headDim,
    long vocabSize,
    long numLocalExperts,
    long numExpertsPerTok,
    long interleaveMoeLayerStep,
    Activation hiddenAct,
    DType dtype,
    Layers noRope,
    long attentionChunkSize,
    boolean useQkNorm,
    boolean tieWordEmbeddings)
    implements ModelConfig {

  public static final String MODEL_TYPE = "llama4";

  public static final ConfigFormat<Llama4Config> FORMAT =
      new ConfigFormat<>(Llama4Config.class) {
        @Override
        Llama4Config read(JsonFields root) {
          JsonFields f = root.object("text_config");
          long hidden = f.positiveInt("hidden_size", 5120);
          long heads = f.positiveInt("num_attention_heads", 40);
          long layers = f.positiveInt("num_hidden_layers", 48);
          // Layer i is a NoPE layer iff no_rope_layers[i] is 0, or, without that list, iff (i + 1)
          // is a multiple of no_rope_layer_interval.
          Layers noRope = f.zeroFlags("no_rope_layers", layers);
          if (noRope == null) {
            noRope = new Layers.Every(f.positiveInt("no_rope_layer_interval", 4));
          }
          try {
            return new Llama4Config(
                hidden,
                f.positiveInt("intermediate_size", 8192),
                f.positiveInt("intermediate_size_mlp", 16384),
                layers,
                heads,
                f.positiveIntOrNull("num_key_value_heads", 8, heads),
                f.positiveIntOrNull("head_dim", 128, Math.max(1, hidden / heads)),
                f.positiveInt("vocab_size", 202048),
                f.positiveInt("num_local_experts", 16),
                f.positiveInt("num_experts_per_tok", 1),
                f.positiveInt("interleave_moe_layer_step", 1),
                f.activation("hidden_act"),
                f.dtype(),
                noRope,
                f.positiveIntOrNull("attention_chunk_size", 8192, 0),
                f.bool("use_qk_norm", true),
                f.bool("tie_word_embeddings", root.bool("tie_word_embeddings", false)));
          } catch (IllegalArgumentException e) {
            throw f.brokenRule(e.getMessage());
          }
        }
      };

  public Llama4Config {
    if (numExpertsPerTok > numLocalExperts) {
      throw new IllegalArgumentException(
          "'num_experts_per_tok' ("
              + numExpertsPerTok
              + ") must not exceed 'num_local_experts' ("
              + numLocalExperts
              + ")");
    }
  }

  @Override
  public String modelType() {
    return MODEL_TYPE;
  }

  /** Blocks whose feed-forward part is a mixture of experts: every {@code step}-th block. */
  public long moeBlocks() {
    return numHiddenLayers / interleaveMoeLayerStep;
  }

  /** Blocks that apply RoPE (and chunked attention, and the QK norm): all but the NoPE layers. */
  public long ropeBlocks() {
    return numHiddenLayers - noRopeLayers();
  }

  /** Blocks that are NoPE layers. */
  public long noRopeLayers() {
    return noRope.count(0, numHiddenLayers);
  }

  /** Blocks with a dense feed-forward part. */
  public long denseBlocks() {
    return numHiddenLayers - moeBlocks();
  }

  /**
   * The first layer of each kind: as transformers' {@code moe_layers}, layers step − 1, 2·step − 1,
   * … have experts, and layer 0 is dense when the step is above 1.
   */
  public FirstLayers firstLayers() {
    return new FirstLayers(interleaveMoeLayerStep - 1, 0);
  }

  /** The experts of the mixture-of-experts blocks, and the shared expert, of {@code intermediate_size}. */
  public Experts experts() {
    return new Experts(
        numLocalExperts,
        numExpertsPerTok,
        intermediateSize,
        moeBlocks(),
        intermediateSize,
        false,
        false,
        new Layers.Every(interleaveMoeLayerStep));
  }
}
