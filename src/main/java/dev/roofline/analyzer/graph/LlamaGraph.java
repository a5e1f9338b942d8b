package dev.roofline.analyzer.graph;

import static dev.roofline.analyzer.graph.Graphs.big;

import dev.roofline.analyzer.config.LlamaConfig;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** A dense llama block: attention, then a gated feed-forward part, in every block. */
final class LlamaGraph implements GraphBuilder<LlamaConfig> {

  @Override
  public Graph build(LlamaConfig c, Query query) {
    int w = c.dtype().bytes();
    long blocks = c.numHiddenLayers();
    BigInteger h = big(c.hiddenSize());
    BigInteger i = big(c.intermediateSize());
    BigInteger t = query.totalInputTokens();
    int act = c.hiddenAct().flopsPerElement();

    List<Node> nodes =
        new ArrayList<>(
            Graphs.attention(
                blocks,
                c.hiddenSize(),
                c.numAttentionHeads(),
                c.numKeyValueHeads(),
                c.headDim(),
                query,
                w));
    nodes.add(new Node("Ffn - RMSNorm", blocks, Ops.rmsnorm(h, t, w)));
    nodes.add(new Node("Ffn - GateUp_Proj", blocks, Ops.proj(t, i.shiftLeft(1), h, w)));
    nodes.add(new Node("Ffn - ActMul", blocks, Ops.actmul(i, t, act, w)));
    nodes.add(new Node("Ffn - Down_Proj", blocks, Ops.proj(t, h, i, w)));
    nodes.add(new Node("Ffn - ResidualAdd", blocks, Ops.sum(t.multiply(h), 2, w)));

    BigInteger kvDims = big(c.headDim()).multiply(big(c.numKeyValueHeads()));
    return new Graph(
        nodes,
        blocks,
        List.of(
            Graphs.kvCache(blocks, kvDims, w, query),
            Graphs.embeddingTable(c.hiddenSize(), c.vocabSize(), w)));
  }
}
