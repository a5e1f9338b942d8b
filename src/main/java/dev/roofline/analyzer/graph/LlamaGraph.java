package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.LlamaConfig;
import java.util.ArrayList;
import java.util.List;

/** A dense llama block: attention, then a gated feed-forward part, in every block. */
final class LlamaGraph implements GraphBuilder<LlamaConfig> {

  @Override
  public Graph build(LlamaConfig c, Query query, Tensors tensors) {
    BlockParts parts = new BlockParts(c, query, tensors);
    GqaAttention attention =
        GqaAttention.original(c.numAttentionHeads(), c.numKeyValueHeads(), c.headDim(), c.hiddenSize());
    List<Node> nodes = new ArrayList<>(parts.attention(attention));
    nodes.addAll(parts.denseFeedForward(c.intermediateSize()));
    return new Graph(nodes, c.numHiddenLayers(), List.of(parts.kvCache(attention), parts.embeddingTable()));
  }
}
