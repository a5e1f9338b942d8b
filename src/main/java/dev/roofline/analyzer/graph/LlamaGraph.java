package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.AttentionParts;
import dev.roofline.analyzer.config.LlamaConfig;
import dev.roofline.analyzer.config.SlidingWindow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A dense llama block: attention, then a gated feed-forward part, in every block. Its heads are
 * {@code head_dim} wide where the config sets it; the original derives the width from the hidden
 * size.
 */
final class LlamaGraph implements GraphBuilder<LlamaConfig> {

  @Override
  public OperatorGraph build(LlamaConfig c, Tensors tensors) {
    BlockParts parts = new BlockParts(c, tensors);
    GqaAttention original =
        GqaAttention.original(c.numAttentionHeads(), c.numKeyValueHeads(), c.headDim(), c.hiddenSize());
    long d = c.attentionHeadDim();
    List<Op> ops = new ArrayList<>(parts.attention(original));
    if (d != c.headDim()) {
      ops = new ArrayList<>(parts.eitherOr(ops, parts.attention(actualAttention(c, d))));
    }
    ops.addAll(parts.denseFeedForward(c.intermediateSize()));
    return parts.graph(ops, StorageKind.KV_CACHE, StorageKind.EMBEDDING_TABLE);
  }

  /** The attention of heads {@code d} wide, queries and outputs heads × d. */
  private static GqaAttention actualAttention(LlamaConfig c, long d) {
    return new GqaAttention(
        c.numAttentionHeads(),
        c.numKeyValueHeads(),
        d,
        BigInteger.valueOf(c.numAttentionHeads()).multiply(BigInteger.valueOf(d)),
        AttentionParts.NONE,
        SlidingWindow.NONE);
  }
}
