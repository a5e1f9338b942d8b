package dev.roofline.analyzer.config;

/**
 * The architecture fields of a HuggingFace {@code config.json}, typed, validated and with
 * transformers' defaults applied. One record per supported family, each with its {@code FORMAT}
 * (how it is read); these accessors are what every family has. The interface lists no families:
 * a family is its record, a graph builder and one registration line, and a test finds every
 * record of this package in the registry.
 */
public interface ModelConfig {

  /** The {@code model_type} this record was read for, lower-case. */
  String modelType();

  /** Number of transformer blocks ({@code num_hidden_layers}). */
  long numHiddenLayers();

  /** Width of the residual stream ({@code hidden_size}). */
  long hiddenSize();

  /** Query heads ({@code num_attention_heads}). */
  long numAttentionHeads();

  /** Vocabulary entries ({@code vocab_size}). */
  long vocabSize();

  /** The feed-forward activation ({@code hidden_act}). */
  Activation hiddenAct();

  /** Element type of weights and activations. */
  DType dtype();

  /**
   * Whether the LM head is the embedding table ({@code tie_word_embeddings}; false unless set, for
   * every family read today).
   */
  boolean tieWordEmbeddings();
}
