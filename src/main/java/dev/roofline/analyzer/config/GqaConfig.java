package dev.roofline.analyzer.config;

import java.util.Optional;

/**
 * The grouped-query-attention families newer than llama: llama's blocks, plus the optional parts
 * a family has (biases on the projections, per-head query/key norms, partial rotation, soft-capped
 * scores, sinks, an output gate, sliding-window layers, layers of linear attention, norms after
 * the sub-layers or LayerNorms, mixture-of-experts layers, scaled embeddings, capped logits). A
 * record of this kind holds the shared keys in {@link #decoder()} and says which optional parts it
 * has; the defaults here are "none". One builder turns every such record into its graph, so a
 * family whose parts exist already is a record and a registration line.
 */
public interface GqaConfig extends ModelConfig {

  /** The keys every family of this kind has. */
  Decoder decoder();

  /** The layers that attend to a sliding window of tokens; none by default. */
  default SlidingWindow slidingWindow() {
    return SlidingWindow.NONE;
  }

  /** Biases and norms beyond llama's attention; none by default. */
  default AttentionParts attentionParts() {
    return AttentionParts.NONE;
  }

  /** The mixture-of-experts layers; empty for a dense family. */
  default Optional<Experts> experts() {
    return Optional.empty();
  }

  /** The first layer of each kind; every layer alike by default. */
  default FirstLayers firstLayers() {
    return FirstLayers.ZERO;
  }

  /** The norms of a layer; RMS norms before attention and before the feed-forward part by default. */
  default NormStyle norms() {
    return NormStyle.RMS;
  }

  /** What the model does around its layers beyond embedding, final norm and LM head; nothing by default. */
  default ModelEnds ends() {
    return ModelEnds.NONE;
  }

  /** The layers of linear attention in place of attention; none by default. */
  default Optional<LinearAttention> linearAttention() {
    return Optional.empty();
  }

  @Override
  default String modelType() {
    return decoder().modelType();
  }

  @Override
  default long numHiddenLayers() {
    return decoder().numHiddenLayers();
  }

  @Override
  default long hiddenSize() {
    return decoder().hiddenSize();
  }

  @Override
  default long numAttentionHeads() {
    return decoder().numAttentionHeads();
  }

  @Override
  default long vocabSize() {
    return decoder().vocabSize();
  }

  @Override
  default Activation hiddenAct() {
    return decoder().hiddenAct();
  }

  @Override
  default DType dtype() {
    return decoder().dtype();
  }

  @Override
  default boolean tieWordEmbeddings() {
    return decoder().tieWordEmbeddings();
  }
}
