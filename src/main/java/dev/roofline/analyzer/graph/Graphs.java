package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Llama4Config;
import dev.roofline.analyzer.config.LlamaConfig;
import dev.roofline.analyzer.config.ModelConfig;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** The graph builder of each architecture, keyed by its config record. */
public final class Graphs {
  private static final Map<Class<? extends ModelConfig>, GraphBuilder<?>> BUILDERS =
      Map.of(LlamaConfig.class, new LlamaGraph(), Llama4Config.class, new Llama4Graph());

  private Graphs() {}

  /** The cost graph of {@code config} for {@code query}. */
  @SuppressWarnings("unchecked")
  public static <C extends ModelConfig> Graph build(C config, Query query) {
    GraphBuilder<C> builder = (GraphBuilder<C>) BUILDERS.get(config.getClass());
    if (builder == null) {
      throw new IllegalStateException("no graph builder for " + config.getClass().getName());
    }
    return builder.build(config, query);
  }

  /**
   * The attention part of a block, common to both architectures: norm, fused Q/K/V projection,
   * rotary embedding of queries and keys, attention, output projection, residual add.
   */
  static List<Node> attention(
      long blocks, long hidden, long heads, long kvHeads, long headDim, Query query, int w) {
    BigInteger h = big(hidden);
    BigInteger d = big(headDim);
    BigInteger t = query.totalInputTokens();
    return List.of(
        new Node("Attn - RMSNorm", blocks, Ops.rmsnorm(h, t, w)),
        new Node(
            "Attn - QKV_Proj", blocks, Ops.proj(t, d.multiply(big(heads).add(big(kvHeads).shiftLeft(1))), h, w)),
        new Node("Attn - RoPE", blocks, Ops.rope(d.multiply(big(heads).add(big(kvHeads))), t, w)),
        new Node("Attn - SDPA", blocks, Ops.sdpa(query, h, d.multiply(big(kvHeads)), w)),
        new Node("Attn - O_Proj", blocks, Ops.proj(t, h, h, w)),
        new Node("Attn - ResidualAdd", blocks, Ops.sum(t.multiply(h), 2, w)));
  }

  /** Keys and values of every cached and new token, in every block. */
  static StorageTerm kvCache(long blocks, BigInteger kvDims, int w, Query query) {
    return new StorageTerm(
        "KV-cache",
        query
            .totalContextTokens()
            .multiply(kvDims.shiftLeft(1))
            .multiply(BigInteger.valueOf(w))
            .multiply(BigInteger.valueOf(blocks)));
  }

  static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  /** The token embedding table: one row of {@code hidden} values per vocabulary entry. */
  static StorageTerm embeddingTable(long hidden, long vocab, int w) {
    return new StorageTerm(
        "Embedding Table",
        BigInteger.valueOf(hidden).multiply(BigInteger.valueOf(vocab)).multiply(BigInteger.valueOf(w)));
  }
}
