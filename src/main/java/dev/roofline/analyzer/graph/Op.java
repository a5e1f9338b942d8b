package dev.roofline.analyzer.graph;

import java.util.List;
import java.util.Objects;

/**
 * A symbolic operator of a model: the row it makes ({@code id}), the number of blocks it appears in,
 * and its parts. {@code originalBlocks} is the number of blocks the original tool counts it in,
 * where its conventions see the model otherwise: llama4's router in every block, RoPE in its NoPE
 * layers too, no chunked attention and no QK norm, and no model-level rows (0). {@code
 * embeddingWeights}: the weights it reads are the embedding table's (the gathered rows, a tied LM
 * head), which storage counts once, as the table.
 */
public record Op(Operator id, long blocks, long originalBlocks, boolean embeddingWeights, List<Part> parts) {

  public Op {
    Objects.requireNonNull(id, "id");
    parts = List.copyOf(parts);
    if (blocks < 0 || originalBlocks < 0) {
      throw new IllegalArgumentException("blocks must not be negative: " + blocks + ", " + originalBlocks);
    }
  }

  /** An operator in {@code blocks} blocks under every convention. */
  static Op of(Operator id, long blocks, Part... parts) {
    return new Op(id, blocks, blocks, false, List.of(parts));
  }

  /** This operator, counted in {@code original} blocks by the original's conventions. */
  Op originally(long original) {
    return new Op(id, blocks, original, embeddingWeights, parts);
  }

  /** This operator in {@code blocks} blocks, as the original counts it in {@link #originalBlocks}. */
  Op inBlocks(long blocks) {
    return new Op(id, blocks, originalBlocks, embeddingWeights, parts);
  }

  /** This operator, whose weights are the embedding table's. */
  Op readingEmbedding() {
    return new Op(id, blocks, originalBlocks, true, parts);
  }
}
