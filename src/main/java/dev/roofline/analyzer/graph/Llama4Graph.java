package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Llama4Config;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A llama4 block: attention, then either a mixture of experts (routed experts plus one shared
 * expert, in every {@code interleave_moe_layer_step}-th block) or a dense feed-forward part.
 */
final class Llama4Graph implements GraphBuilder<Llama4Config> {

  @Override
  public Graph build(Llama4Config c, Query query) {
    BlockParts parts = new BlockParts(c, query);
    long all = c.numHiddenLayers();
    long moe = c.moeBlocks();
    List<Node> nodes = new ArrayList<>(parts.attention(all));
    nodes.add(parts.rmsnorm(Operator.FFN_RMSNORM, all));
    // The original counts the router in every block, dense ones included.
    nodes.add(parts.projection(Operator.FFN_ROUTER, all, c.numLocalExperts()));
    // Each token goes through k routed experts: k times one expert's cost.
    nodes.addAll(parts.gatedFeedForward(FeedForward.ROUTED_EXPERT, moe, c.intermediateSize(), c.numExpertsPerTok()));
    nodes.addAll(parts.gatedFeedForward(FeedForward.SHARED_EXPERT, moe, c.intermediateSize(), 1));
    nodes.add(parts.residualAdd(Operator.FFN_ROUTED_SHARED_EXP_ADD, moe));
    nodes.addAll(parts.gatedFeedForward(FeedForward.NON_MOE, c.denseBlocks(), c.intermediateSizeMlp(), 1));
    nodes.add(parts.residualAdd(Operator.FFN_RESIDUAL_ADD, all));

    // Only k experts' weights are read per step; the other E−k of each MoE block must be stored.
    BigInteger idleExperts = BlockParts.big(c.numLocalExperts() - c.numExpertsPerTok()).multiply(BlockParts.big(moe));
    return new Graph(
        nodes,
        all,
        List.of(
            parts.kvCache(),
            new StorageTerm(StorageKind.ADDITIONAL_EXPERTS, parts.expertBytes(c.intermediateSize()).multiply(idleExperts)),
            parts.embeddingTable()));
  }
}
