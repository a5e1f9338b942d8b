package dev.roofline.analyzer.config;

/**
 * The architecture fields of a HuggingFace {@code config.json}, typed, validated and with
 * transformers' defaults applied. One record per supported {@code model_type}.
 */
public sealed interface ModelConfig permits LlamaConfig, Llama4Config {

  /** The {@code model_type} this record was read for, lower-case. */
  String modelType();

  /** Number of transformer blocks ({@code num_hidden_layers}). */
  long numHiddenLayers();

  /** Element type of weights and activations. */
  DType dtype();
}
