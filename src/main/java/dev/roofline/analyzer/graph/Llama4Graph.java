package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Llama4Config;
import java.util.ArrayList;
import java.util.List;

/**
 * A llama4 block: attention, then either a mixture of experts (routed experts plus one shared
 * expert, in every {@code interleave_moe_layer_step}-th block) or a dense feed-forward part of
 * {@code intermediate_size_mlp} features.
 */
final class Llama4Graph implements GraphBuilder<Llama4Config> {

  @Override
  public Graph build(Llama4Config c, Query query, Tensors tensors) {
    BlockParts parts = new BlockParts(c, query, tensors);
    GqaAttention attention =
        GqaAttention.original(c.numAttentionHeads(), c.numKeyValueHeads(), c.headDim(), c.hiddenSize());
    List<Node> nodes = new ArrayList<>(parts.attention(attention));
    // The original counts the router in every block, dense ones included.
    nodes.addAll(parts.moeFeedForward(c.experts(), c.numHiddenLayers(), c.intermediateSizeMlp(), c.firstLayers()));
    return new Graph(
        nodes,
        c.numHiddenLayers(),
        List.of(parts.kvCache(attention), parts.additionalExperts(c.experts(), c.firstLayers()), parts.embeddingTable()));
  }
}
