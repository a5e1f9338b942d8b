package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.LlamaConfig;
import java.util.ArrayList;
import java.util.List;

/** A dense llama block: attention, then a gated feed-forward part, in every block. */
final class LlamaGraph implements GraphBuilder<LlamaConfig> {

  @Override
  public OperatorGraph build(LlamaConfig c, Tensors tensors) {
    BlockParts parts = new BlockParts(c, tensors);
    GqaAttention attention =
        GqaAttention.original(c.numAttentionHeads(), c.numKeyValueHeads(), c.headDim(), c.hiddenSize());
    List<Op> ops = new ArrayList<>(parts.attention(attention));
    ops.addAll(parts.denseFeedForward(c.intermediateSize()));
    return parts.graph(ops, StorageKind.KV_CACHE, StorageKind.EMBEDDING_TABLE);
  }
}
