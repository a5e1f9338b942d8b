package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.DeepseekV3Config;
import java.util.ArrayList;
import java.util.List;

/**
 * A deepseek_v3 block: multi-head latent attention, then fine-grained experts (routed, shared,
 * a router with its bias) or, in the first {@code first_k_dense_replace} blocks, a dense part.
 * The KV cache holds one latent and one rotary key per token and layer.
 */
final class DeepseekV3Graph implements GraphBuilder<DeepseekV3Config> {

  @Override
  public OperatorGraph build(DeepseekV3Config c, Tensors tensors) {
    BlockParts parts = new BlockParts(c, tensors);
    List<Op> ops = new ArrayList<>(parts.latentAttention(c.attention()));
    ops.addAll(parts.moeFeedForward(c.experts(), c.intermediateSize(), c.firstLayers()));
    return parts.graph(ops, StorageKind.KV_CACHE, StorageKind.ADDITIONAL_EXPERTS, StorageKind.EMBEDDING_TABLE);
  }
}
