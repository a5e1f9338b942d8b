package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Experts;
import dev.roofline.analyzer.config.GqaConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The blocks of the grouped-query families (mistral, qwen2, qwen3, mixtral, qwen2_moe,
 * qwen3_moe): llama's attention with the family's optional parts and sliding layers, then a dense
 * feed-forward part, or a mixture of experts whose router is only in the experts' layers.
 */
final class GqaGraph implements GraphBuilder<GqaConfig> {

  @Override
  public Graph build(GqaConfig c, Query query, Tensors tensors) {
    BlockParts parts = new BlockParts(c, query, tensors);
    GqaAttention attention = GqaAttention.of(c);
    List<Node> nodes = new ArrayList<>(parts.attention(attention));
    List<StorageTerm> storage = new ArrayList<>(3);
    storage.add(parts.kvCache(attention));
    long intermediate = c.decoder().intermediateSize();
    Optional<Experts> experts = c.experts();
    if (experts.isPresent()) {
      nodes.addAll(parts.moeFeedForward(experts.get(), experts.get().layers(), intermediate, c.firstLayers()));
      storage.add(parts.additionalExperts(experts.get(), c.firstLayers()));
    } else {
      nodes.addAll(parts.denseFeedForward(intermediate));
    }
    storage.add(parts.embeddingTable());
    return new Graph(nodes, c.numHiddenLayers(), storage);
  }
}
