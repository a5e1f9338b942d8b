package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Layers;
import java.util.List;
import java.util.Objects;

/**
 * A symbolic operator of a model: the row it makes ({@code id}), the layers it is in ({@code
 * layers}, {@code blocks} of them), and its parts. {@code originalLayers} ({@code originalBlocks})
 * are the layers the original tool counts it in, where its conventions see the model otherwise:
 * llama4's router in every block, RoPE in its NoPE layers too, no chunked attention and no QK
 * norm, and no model-level rows (none). A model-level row ({@link Operator#perStep}) is in no layer
 * and in 1 block. {@code embeddingWeights}: the weights it reads are the embedding table's (the
 * gathered rows, a tied LM head), which storage counts once, as the table.
 */
public record Op(
    Operator id,
    long blocks,
    long originalBlocks,
    boolean embeddingWeights,
    List<Part> parts,
    Layers layers,
    Layers originalLayers) {

  public Op {
    Objects.requireNonNull(id, "id");
    parts = List.copyOf(parts);
    Objects.requireNonNull(layers, "layers");
    Objects.requireNonNull(originalLayers, "originalLayers");
    if (blocks < 0 || originalBlocks < 0) {
      throw new IllegalArgumentException("blocks must not be negative: " + blocks + ", " + originalBlocks);
    }
  }

  /** An operator in the layers {@code where} of a model of {@code modelLayers}, under every convention. */
  static Op of(Operator id, Layers where, long modelLayers, Part... parts) {
    long blocks = where.count(0, modelLayers);
    return new Op(id, blocks, blocks, false, List.of(parts), where, where);
  }

  /**
   * An operator that occurs once per step, outside the blocks, which the original does not count;
   * {@code embeddingWeights}: whether its weights are the embedding table's.
   */
  static Op perStep(Operator id, boolean embeddingWeights, Part... parts) {
    return new Op(id, 1, 0, embeddingWeights, List.of(parts), Layers.NONE, Layers.NONE);
  }

  /** This operator, counted in the layers {@code where} of {@code modelLayers} by the original's conventions. */
  Op originally(Layers where, long modelLayers) {
    return new Op(id, blocks, where.count(0, modelLayers), embeddingWeights, parts, layers, where);
  }

  /** This operator in the layers {@code where} of {@code modelLayers}, as the original counts it as before. */
  Op in(Layers where, long modelLayers) {
    return new Op(id, where.count(0, modelLayers), originalBlocks, embeddingWeights, parts, where, originalLayers);
  }

  /** This operator with {@code parts} in place of its own. */
  Op with(List<Part> parts) {
    return new Op(id, blocks, originalBlocks, embeddingWeights, parts, layers, originalLayers);
  }
}
