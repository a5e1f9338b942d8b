package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.LlamaConfig;
import java.util.ArrayList;
import java.util.List;

/** A dense llama block: attention, then a gated feed-forward part, in every block. */
final class LlamaGraph implements GraphBuilder<LlamaConfig> {

  @Override
  public Graph build(LlamaConfig c, Query query) {
    BlockParts parts = new BlockParts(c, query);
    long blocks = c.numHiddenLayers();
    List<Node> nodes = new ArrayList<>(parts.attention(blocks));
    nodes.add(parts.rmsnorm(Operator.FFN_RMSNORM, blocks));
    nodes.addAll(parts.gatedFeedForward(FeedForward.DENSE, blocks, c.intermediateSize(), 1));
    nodes.add(parts.residualAdd(Operator.FFN_RESIDUAL_ADD, blocks));
    return new Graph(nodes, blocks, List.of(parts.kvCache(), parts.embeddingTable()));
  }
}
