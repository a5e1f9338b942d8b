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
  public OperatorGraph build(Llama4Config c, Tensors tensors) {
    BlockParts parts = new BlockParts(c, tensors);
    GqaAttention attention =
        GqaAttention.original(c.numAttentionHeads(), c.numKeyValueHeads(), c.headDim(), c.hiddenSize());
    List<Op> ops = new ArrayList<>(parts.attention(attention));
    for (Op op : parts.moeFeedForward(c.experts(), c.intermediateSizeMlp(), c.firstLayers())) {
      // The original counts the router in every block, dense ones included.
      ops.add(op.id() == Operator.FFN_ROUTER ? op.originally(c.numHiddenLayers()) : op);
    }
    return parts.graph(ops, StorageKind.KV_CACHE, StorageKind.ADDITIONAL_EXPERTS, StorageKind.EMBEDDING_TABLE);
  }
}
