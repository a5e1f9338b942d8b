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
  public OperatorGraph build(GqaConfig c, Tensors tensors) {
    BlockParts parts = new BlockParts(c, tensors);
    List<Op> ops = new ArrayList<>(parts.attention(GqaAttention.of(c)));
    long intermediate = c.decoder().intermediateSize();
    Optional<Experts> experts = c.experts();
    if (experts.isEmpty()) {
      ops.addAll(parts.denseFeedForward(intermediate));
      return parts.graph(ops, StorageKind.KV_CACHE, StorageKind.EMBEDDING_TABLE);
    }
    ops.addAll(parts.moeFeedForward(experts.get(), intermediate, c.firstLayers()));
    return parts.graph(ops, StorageKind.KV_CACHE, StorageKind.ADDITIONAL_EXPERTS, StorageKind.EMBEDDING_TABLE);
  }
}
