package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.DeepseekV3Config;
import dev.roofline.analyzer.config.Experts;
import java.util.ArrayList;
import java.util.List;

/**
 * A deepseek_v3 block: multi-head latent attention, then fine-grained experts (routed, shared,
 * a router with its bias) or, in the first {@code first_k_dense_replace} blocks, a dense part.
 * The KV cache holds one latent and one rotary key per token and layer.
 */
final class DeepseekV3Graph implements GraphBuilder<DeepseekV3Config> {

  @Override
  public Graph build(DeepseekV3Config c, Query query, Tensors tensors) {
    BlockParts parts = new BlockParts(c, query, tensors);
    Experts experts = c.experts();
    List<Node> nodes = new ArrayList<>(parts.latentAttention(c.attention()));
    nodes.addAll(parts.moeFeedForward(experts, experts.layers(), c.intermediateSize(), c.firstLayers()));
    return new Graph(
        nodes,
        c.numHiddenLayers(),
        List.of(parts.kvCache(c.attention()), parts.additionalExperts(experts, c.firstLayers()), parts.embeddingTable()));
  }
}
