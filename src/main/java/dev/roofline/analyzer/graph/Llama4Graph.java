package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Layers;
import dev.roofline.analyzer.config.Llama4Config;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A llama4 block: attention, then either a mixture of experts (routed experts plus one shared
 * expert, in every {@code interleave_moe_layer_step}-th block) or a dense feed-forward part of
 * {@code intermediate_size_mlp} features. Its RoPE layers rotate, normalise queries and keys (an
 * L2 norm without weights) and attend within chunks; its NoPE layers attend to every token. The
 * original sees every layer as a RoPE layer of full attention without the norm, and counts the
 * router in every block.
 */
final class Llama4Graph implements GraphBuilder<Llama4Config> {

  @Override
  public OperatorGraph build(Llama4Config c, Tensors tensors) {
    BlockParts parts = new BlockParts(c, tensors);
    GqaAttention attention =
        GqaAttention.original(c.numAttentionHeads(), c.numKeyValueHeads(), c.headDim(), c.hiddenSize());
    long layers = c.numHiddenLayers();
    Layers rope = new Layers.Not(c.noRope());
    List<Op> ops = new ArrayList<>();
    for (Op op : parts.attention(attention)) {
      switch (op.id()) {
        case ATTN_QKV_PROJ -> {
          ops.add(op);
          BigInteger d = BigInteger.valueOf(c.headDim());
          ops.add(
              parts
                  .op(
                      Operator.ATTN_QK_NORM,
                      c.useQkNorm() ? rope : Layers.NONE,
                      new Part.Norm(Part.NormKind.L2, d, BigInteger.valueOf(c.numAttentionHeads()), Part.Heads.QUERY),
                      new Part.Norm(Part.NormKind.L2, d, BigInteger.valueOf(c.numKeyValueHeads()), Part.Heads.KEY_VALUE))
                  .originally(Layers.NONE, layers));
        }
        case ATTN_ROPE -> ops.add(op.in(rope, layers));
        case ATTN_SDPA -> ops.addAll(sdpa(op, attention, c, parts));
        default -> ops.add(op);
      }
    }
    for (Op op : parts.moeFeedForward(c.experts(), c.intermediateSizeMlp(), c.firstLayers())) {
      ops.add(op.id() == Operator.FFN_ROUTER ? op.originally(Layers.ALL, layers) : op);
    }
    return parts.graph(ops, StorageKind.KV_CACHE, StorageKind.ADDITIONAL_EXPERTS, StorageKind.EMBEDDING_TABLE);
  }

  /**
   * Attention of the NoPE layers over every token and of the RoPE layers within their chunks: one
   * row when all layers are of one kind, else {@code (Full)} and {@code (Chunked)} rows; the
   * original's one row of full attention in every layer.
   */
  private static List<Op> sdpa(Op full, GqaAttention a, Llama4Config c, BlockParts parts) {
    if (c.attentionChunkSize() == 0 || c.ropeBlocks() == 0) {
      return List.of(full);
    }
    long layers = c.numHiddenLayers();
    Part chunked = a.over(Window.chunked(c.attentionChunkSize()));
    Op none = full.in(Layers.NONE, layers);
    if (c.noRopeLayers() == 0) {
      return List.of(none, parts.op(Operator.ATTN_SDPA, chunked).originally(Layers.NONE, layers));
    }
    return List.of(
        none,
        parts.op(Operator.ATTN_SDPA_FULL, c.noRope(), full.parts().get(0)).originally(Layers.NONE, layers),
        parts.op(Operator.ATTN_SDPA_CHUNKED, new Layers.Not(c.noRope()), chunked).originally(Layers.NONE, layers));
  }
}
