package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Experts;
import dev.roofline.analyzer.config.GqaConfig;
import dev.roofline.analyzer.config.LinearAttention;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The blocks of the grouped-query families (mistral, qwen2, qwen3, mixtral, qwen2_moe, qwen3_moe,
 * gemma2, gemma3, phi3, phimoe, gpt_oss, glm4_moe, qwen3_next): llama's attention with the
 * family's optional parts and sliding layers (and layers of linear attention in its place), then
 * a dense feed-forward part, or a mixture of experts whose router is only in the experts' layers;
 * with the family's norms and what it does around its layers.
 */
final class GqaGraph implements GraphBuilder<GqaConfig> {

  @Override
  public OperatorGraph build(GqaConfig c, Tensors tensors) {
    BlockParts parts = new BlockParts(c, tensors, c.norms(), c.ends());
    Optional<LinearAttention> linear = c.linearAttention();
    List<Op> ops = new ArrayList<>(parts.attention(GqaAttention.of(c), linear.orElse(null)));
    List<StorageKind> storage = new ArrayList<>(4);
    storage.add(StorageKind.KV_CACHE);
    if (linear.isPresent() && linear.get().layers() > 0) {
      storage.add(StorageKind.RECURRENT_STATE);
    }
    long intermediate = c.decoder().intermediateSize();
    Optional<Experts> experts = c.experts();
    if (experts.isEmpty()) {
      ops.addAll(parts.denseFeedForward(intermediate));
    } else {
      ops.addAll(parts.moeFeedForward(experts.get(), intermediate, c.firstLayers()));
      storage.add(StorageKind.ADDITIONAL_EXPERTS);
    }
    storage.add(StorageKind.EMBEDDING_TABLE);
    return parts.graph(ops, storage.toArray(new StorageKind[0]));
  }
}
