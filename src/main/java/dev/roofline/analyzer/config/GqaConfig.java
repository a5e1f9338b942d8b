package dev.roofline.analyzer.config;

import java.util.Optional;

/**
 * The grouped-query-attention families newer than llama: llama's blocks, plus the optional parts
 * a family has (biases on the projections, per-head query/key norms, sliding-window layers,
 * mixture-of-experts layers). A record of this kind holds the shared keys in {@link #decoder()}
 * and says which optional parts it has; the defaults here are "none".
 */
public interface GqaConfig extends ModelConfig {

  /** The keys every family of this kind has. */
  Decoder decoder();

  /** The layers that attend to a sliding window of tokens. */
  SlidingWindow slidingWindow();

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
