package dev.roofline.analyzer.graph;

import static dev.roofline.analyzer.graph.Graphs.big;

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
    int w = c.dtype().bytes();
    long all = c.numHiddenLayers();
    long moe = c.moeBlocks();
    long dense = c.denseBlocks();
    BigInteger h = big(c.hiddenSize());
    BigInteger i = big(c.intermediateSize());
    BigInteger im = big(c.intermediateSizeMlp());
    BigInteger t = query.totalInputTokens();
    BigInteger k = big(c.numExpertsPerTok());
    int act = c.hiddenAct().flopsPerElement();

    List<Node> nodes =
        new ArrayList<>(
            Graphs.attention(
                all,
                c.hiddenSize(),
                c.numAttentionHeads(),
                c.numKeyValueHeads(),
                c.headDim(),
                query,
                w));
    nodes.add(new Node("Ffn - RMSNorm", all, Ops.rmsnorm(h, t, w)));
    // The original counts the router in every block, dense ones included.
    nodes.add(new Node("Ffn - Router", all, Ops.proj(t, big(c.numLocalExperts()), h, w)));
    // Each token goes through k routed experts: k times one expert's cost.
    nodes.add(
        new Node("Ffn - RoutedExp_GateUp_Proj", moe, Ops.proj(t, i.shiftLeft(1), h, w).times(k)));
    nodes.add(new Node("Ffn - RoutedExp_ActMul", moe, Ops.actmul(i, t, act, w).times(k)));
    nodes.add(new Node("Ffn - RoutedExp_Down_Proj", moe, Ops.proj(t, h, i, w).times(k)));
    nodes.add(new Node("Ffn - SharedExp_GateUp_Proj", moe, Ops.proj(t, i.shiftLeft(1), h, w)));
    nodes.add(new Node("Ffn - SharedExp_ActMul", moe, Ops.actmul(i, t, act, w)));
    nodes.add(new Node("Ffn - SharedExp_Down_Proj", moe, Ops.proj(t, h, i, w)));
    nodes.add(new Node("Ffn - RoutedSharedExpAdd", moe, Ops.sum(t.multiply(h), 2, w)));
    nodes.add(new Node("Ffn - NonMoE_GateUp_Proj", dense, Ops.proj(t, im.shiftLeft(1), h, w)));
    nodes.add(new Node("Ffn - NonMoE_ActMul", dense, Ops.actmul(im, t, act, w)));
    nodes.add(new Node("Ffn - NonMoE_Down_Proj", dense, Ops.proj(t, h, im, w)));
    nodes.add(new Node("Ffn - ResidualAdd", all, Ops.sum(t.multiply(h), 2, w)));

    BigInteger kvDims = big(c.headDim()).multiply(big(c.numKeyValueHeads()));
    // Only k experts' weights are read per step; the other E−k of each MoE block must be stored.
    BigInteger expertBytes = h.multiply(i).multiply(big(w)).multiply(BigInteger.valueOf(3));
    BigInteger idleExperts = big(c.numLocalExperts() - c.numExpertsPerTok()).multiply(big(moe));
    return new Graph(
        nodes,
        all,
        List.of(
            Graphs.kvCache(all, kvDims, w, query),
            new StorageTerm("Additional Experts", expertBytes.multiply(idleExperts)),
            Graphs.embeddingTable(c.hiddenSize(), c.vocabSize(), w)));
  }
}
