package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.ModelConfig;
import java.math.BigInteger;
import java.util.List;

/**
 * The parts that decoder blocks of every architecture are made of, for one config and one batch:
 * the attention part, norms, residual adds, gated feed-forward parts, and the storage terms.
 */
final class BlockParts {
  private final ModelConfig config;
  private final Query query;
  private final BigInteger hidden;
  private final BigInteger tokens;
  private final int w;

  BlockParts(ModelConfig config, Query query) {
    this.config = config;
    this.query = query;
    this.hidden = big(config.hiddenSize());
    this.tokens = query.totalInputTokens();
    this.w = config.dtype().bytes();
  }

  static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  /** Width of the keys (and of the values) of one token: head width × key/value heads. */
  private BigInteger kvDims() {
    return big(config.headDim()).multiply(big(config.numKeyValueHeads()));
  }

  /**
   * Norm, fused Q/K/V projection, rotary embedding of queries and keys, attention, output
   * projection, residual add.
   */
  List<Node> attention(long blocks) {
    BigInteger d = big(config.headDim());
    BigInteger heads = big(config.numAttentionHeads());
    BigInteger kvHeads = big(config.numKeyValueHeads());
    return List.of(
        rmsnorm(Operator.ATTN_RMSNORM, blocks),
        new Node(Operator.ATTN_QKV_PROJ, blocks, Ops.proj(tokens, d.multiply(heads.add(kvHeads.shiftLeft(1))), hidden, w)),
        new Node(Operator.ATTN_ROPE, blocks, Ops.rope(d.multiply(heads.add(kvHeads)), tokens, w)),
        new Node(Operator.ATTN_SDPA, blocks, Ops.sdpa(query, hidden, kvDims(), w)),
        new Node(Operator.ATTN_O_PROJ, blocks, Ops.proj(tokens, hidden, hidden, w)),
        residualAdd(Operator.ATTN_RESIDUAL_ADD, blocks));
  }

  Node rmsnorm(Operator op, long blocks) {
    return new Node(op, blocks, Ops.rmsnorm(hidden, tokens, w));
  }

  /** The element-wise sum of two hidden states. */
  Node residualAdd(Operator op, long blocks) {
    return new Node(op, blocks, Ops.sum(tokens.multiply(hidden), 2, w));
  }

  /** A projection of every token from the hidden state to {@code outputs} values. */
  Node projection(Operator op, long blocks, long outputs) {
    return new Node(op, blocks, Ops.proj(tokens, big(outputs), hidden, w));
  }

  /**
   * A gated feed-forward part of {@code intermediate} features (gate and up projections,
   * activation × up, down projection), applied {@code times} times per token.
   */
  List<Node> gatedFeedForward(FeedForward kind, long blocks, long intermediate, long times) {
    BigInteger i = big(intermediate);
    BigInteger k = big(times);
    int act = config.hiddenAct().flopsPerElement();
    return List.of(
        new Node(kind.gateUp(), blocks, Ops.proj(tokens, i.shiftLeft(1), hidden, w).times(k)),
        new Node(kind.actMul(), blocks, Ops.actmul(i, tokens, act, w).times(k)),
        new Node(kind.down(), blocks, Ops.proj(tokens, hidden, i, w).times(k)));
  }

  /** Keys and values of every cached and new token, in every block. */
  StorageTerm kvCache() {
    return new StorageTerm(
        StorageKind.KV_CACHE,
        query.totalContextTokens().multiply(kvDims().shiftLeft(1)).multiply(big(w)).multiply(big(config.numHiddenLayers())));
  }

  /** The token embedding table: one row of hidden values per vocabulary entry. */
  StorageTerm embeddingTable() {
    return new StorageTerm(StorageKind.EMBEDDING_TABLE, hidden.multiply(big(config.vocabSize())).multiply(big(w)));
  }

  /** Weights of one expert of {@code intermediate} features: gate, up and down projections. */
  BigInteger expertBytes(long intermediate) {
    return hidden.multiply(big(intermediate)).multiply(big(w)).multiply(BigInteger.valueOf(3));
  }
}
