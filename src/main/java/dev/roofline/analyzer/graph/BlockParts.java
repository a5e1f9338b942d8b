package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Experts;
import dev.roofline.analyzer.config.LatentAttention;
import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.config.SlidingWindow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts that decoder blocks of every family are made of, for one config and one batch: the
 * attention part, norms, residual adds, dense and mixture-of-experts feed-forward parts, and the
 * storage terms. Unless a method takes a block count, its nodes appear in every block.
 */
final class BlockParts {
  private final ModelConfig config;
  private final Query query;
  private final BigInteger hidden;
  private final BigInteger tokens;
  private final long blocks;
  private final int w;

  BlockParts(ModelConfig config, Query query) {
    this.config = config;
    this.query = query;
    this.hidden = big(config.hiddenSize());
    this.tokens = query.totalInputTokens();
    this.blocks = config.numHiddenLayers();
    this.w = config.dtype().bytes();
  }

  static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  /**
   * Norm, fused Q/K/V projection (with its bias), per-head Q/K norms, rotary embedding of queries
   * and keys, attention (one row per kind of layer when some slide and others do not), output
   * projection (with its bias), residual add.
   */
  List<Node> attention(GqaAttention a) {
    BigInteger d = big(a.headDim());
    BigInteger heads = big(a.heads());
    BigInteger kvHeads = big(a.kvHeads());
    BigInteger qkv = d.multiply(heads.add(kvHeads.shiftLeft(1)));
    List<Node> nodes = new ArrayList<>(9);
    nodes.add(rmsnorm(Operator.ATTN_RMSNORM, blocks));
    Cost qkvProj = Ops.proj(tokens, qkv, hidden, w);
    if (a.parts().qkvBias()) {
      qkvProj = qkvProj.plus(Ops.bias(qkv, tokens, w));
    }
    nodes.add(new Node(Operator.ATTN_QKV_PROJ, blocks, qkvProj));
    if (a.parts().qkNorm()) {
      // One norm of d features per query head and per key head of every token.
      Cost norms = Ops.rmsnorm(d, tokens.multiply(heads), w).plus(Ops.rmsnorm(d, tokens.multiply(kvHeads), w));
      nodes.add(new Node(Operator.ATTN_QK_NORM, blocks, norms));
    }
    nodes.add(new Node(Operator.ATTN_ROPE, blocks, Ops.rope(d.multiply(heads.add(kvHeads)), tokens, w)));
    nodes.addAll(sdpa(a.queryDims(), a.kvDims(), a.sliding()));
    Cost oProj = Ops.proj(tokens, hidden, a.queryDims(), w);
    if (a.parts().outputBias()) {
      oProj = oProj.plus(Ops.bias(hidden, tokens, w));
    }
    nodes.add(new Node(Operator.ATTN_O_PROJ, blocks, oProj));
    nodes.add(residualAdd(Operator.ATTN_RESIDUAL_ADD, blocks));
    return nodes;
  }

  /**
   * Multi-head latent attention as MLA serving engines run it (the absorbed form): norm; the query
   * projected down, normalised and up (or directly, without a query rank); the latent and rotary
   * key projected down and the latent normalised; the rotary part of queries and the shared
   * rotary key; each head's query absorbing the key up-projection; attention over the cached
   * latents; each head's output absorbing the value up-projection; output projection; residual.
   */
  List<Node> latentAttention(LatentAttention a) {
    BigInteger heads = big(a.heads());
    BigInteger latent = big(a.kvLoraRank());
    BigInteger rope = big(a.qkRopeHeadDim());
    BigInteger queries = heads.multiply(big(a.qkHeadDim()));
    List<Node> nodes = new ArrayList<>(12);
    nodes.add(rmsnorm(Operator.ATTN_RMSNORM, blocks));
    if (a.qLoraRank() > 0) {
      BigInteger rank = big(a.qLoraRank());
      nodes.add(new Node(Operator.ATTN_Q_A_PROJ, blocks, Ops.proj(tokens, rank, hidden, w)));
      nodes.add(new Node(Operator.ATTN_Q_A_RMSNORM, blocks, Ops.rmsnorm(rank, tokens, w)));
      nodes.add(new Node(Operator.ATTN_Q_B_PROJ, blocks, Ops.proj(tokens, queries, rank, w)));
    } else {
      nodes.add(new Node(Operator.ATTN_Q_PROJ, blocks, Ops.proj(tokens, queries, hidden, w)));
    }
    nodes.add(new Node(Operator.ATTN_KV_A_PROJ, blocks, Ops.proj(tokens, big(a.cachedDims()), hidden, w)));
    nodes.add(new Node(Operator.ATTN_KV_A_RMSNORM, blocks, Ops.rmsnorm(latent, tokens, w)));
    nodes.add(new Node(Operator.ATTN_ROPE, blocks, Ops.rope(rope.multiply(heads.add(BigInteger.ONE)), tokens, w)));
    nodes.add(new Node(Operator.ATTN_Q_ABSORB, blocks, Ops.proj(tokens, latent, big(a.qkNopeHeadDim()), w).times(heads)));
    nodes.add(new Node(Operator.ATTN_SDPA, blocks, Ops.latentSdpa(query, heads, latent, rope, w)));
    nodes.add(new Node(Operator.ATTN_V_ABSORB, blocks, Ops.proj(tokens, big(a.vHeadDim()), latent, w).times(heads)));
    nodes.add(new Node(Operator.ATTN_O_PROJ, blocks, Ops.proj(tokens, hidden, heads.multiply(big(a.vHeadDim())), w)));
    nodes.add(residualAdd(Operator.ATTN_RESIDUAL_ADD, blocks));
    return nodes;
  }

  /**
   * Attention of full layers over every cached token, and of sliding layers over the last {@code
   * window − 1}: one row when all layers are of one kind, else a row for each kind.
   */
  private List<Node> sdpa(BigInteger queryDims, BigInteger kvDims, SlidingWindow sliding) {
    Cost full = Ops.sdpa(query, queryDims, kvDims, w);
    if (sliding.layers() == 0) {
      return List.of(new Node(Operator.ATTN_SDPA, blocks, full));
    }
    Cost windowed = Ops.sdpa(query.window(sliding.window()), queryDims, kvDims, w);
    if (sliding.layers() == blocks) {
      return List.of(new Node(Operator.ATTN_SDPA, blocks, windowed));
    }
    return List.of(
        new Node(Operator.ATTN_SDPA_FULL, blocks - sliding.layers(), full),
        new Node(Operator.ATTN_SDPA_SLIDING, sliding.layers(), windowed));
  }

  Node rmsnorm(Operator op, long blocks) {
    return new Node(op, blocks, Ops.rmsnorm(hidden, tokens, w));
  }

  /** The element-wise sum of two hidden states. */
  Node residualAdd(Operator op, long blocks) {
    return new Node(op, blocks, Ops.sum(tokens.multiply(hidden), 2, w));
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

  /** The feed-forward part of a dense model: norm, gated feed-forward, residual add. */
  List<Node> denseFeedForward(long intermediate) {
    List<Node> nodes = new ArrayList<>(5);
    nodes.add(rmsnorm(Operator.FFN_RMSNORM, blocks));
    nodes.addAll(gatedFeedForward(FeedForward.DENSE, blocks, intermediate, 1));
    nodes.add(residualAdd(Operator.FFN_RESIDUAL_ADD, blocks));
    return nodes;
  }

  /**
   * The feed-forward part of a mixture-of-experts model: norm; in the experts' layers the router
   * (in {@code routerBlocks} blocks), the k routed experts, the shared expert with its gate, the
   * sum of routed and shared outputs; in the other layers a dense part of {@code
   * denseIntermediate} features; residual add.
   */
  List<Node> moeFeedForward(Experts e, long routerBlocks, long denseIntermediate) {
    long moe = e.layers();
    List<Node> nodes = new ArrayList<>(14);
    nodes.add(rmsnorm(Operator.FFN_RMSNORM, blocks));
    BigInteger experts = big(e.count());
    Cost router = Ops.proj(tokens, experts, hidden, w);
    if (e.routerBias()) {
      // One bias weight per expert, added to the scores when choosing (it costs no FLOPs here).
      router = router.plus(new Cost(BigInteger.ZERO, experts.multiply(big(w)), BigInteger.ZERO, BigInteger.ZERO));
    }
    nodes.add(new Node(Operator.FFN_ROUTER, routerBlocks, router));
    // Each token goes through k routed experts: k times one expert's cost.
    nodes.addAll(gatedFeedForward(FeedForward.ROUTED_EXPERT, moe, e.intermediateSize(), e.perToken()));
    if (e.sharedIntermediateSize() > 0) {
      nodes.addAll(gatedFeedForward(FeedForward.SHARED_EXPERT, moe, e.sharedIntermediateSize(), 1));
      if (e.sharedGate()) {
        // sigmoid(x·g) per token, times the shared expert's output.
        Cost gate = Ops.proj(tokens, BigInteger.ONE, hidden, w).plus(Ops.scale(tokens.multiply(hidden), w));
        nodes.add(new Node(Operator.FFN_SHARED_EXP_GATE, moe, gate));
      }
      nodes.add(residualAdd(Operator.FFN_ROUTED_SHARED_EXP_ADD, moe));
    }
    nodes.addAll(gatedFeedForward(FeedForward.NON_MOE, blocks - moe, denseIntermediate, 1));
    nodes.add(residualAdd(Operator.FFN_RESIDUAL_ADD, blocks));
    return nodes;
  }

  /** Keys and values of the tokens each layer holds: all of them, or a sliding layer's window. */
  StorageTerm kvCache(GqaAttention a) {
    return kvCache(a.kvDims().shiftLeft(1), a.sliding());
  }

  /** The latent and rotary key of every cached and new token, in every layer. */
  StorageTerm kvCache(LatentAttention a) {
    return kvCache(big(a.cachedDims()), SlidingWindow.NONE);
  }

  /**
   * The cache of {@code elements} values per token and layer: full layers hold every cached and
   * new token, sliding layers the last {@code window − 1} cached ones and the new ones.
   */
  private StorageTerm kvCache(BigInteger elements, SlidingWindow sliding) {
    BigInteger held = query.totalContextTokens().multiply(big(blocks - sliding.layers()));
    if (sliding.layers() > 0) {
      held = held.add(query.window(sliding.window()).totalContextTokens().multiply(big(sliding.layers())));
    }
    return new StorageTerm(StorageKind.KV_CACHE, held.multiply(elements).multiply(big(w)));
  }

  /** The weights of the experts a step does not read: E − k of each mixture-of-experts block. */
  StorageTerm additionalExperts(Experts e) {
    // Gate, up and down projections of one expert.
    BigInteger expert = hidden.multiply(big(e.intermediateSize())).multiply(big(w)).multiply(BigInteger.valueOf(3));
    BigInteger idle = big(e.count() - e.perToken()).multiply(big(e.layers()));
    return new StorageTerm(StorageKind.ADDITIONAL_EXPERTS, expert.multiply(idle));
  }

  /** The token embedding table: one row of hidden values per vocabulary entry. */
  StorageTerm embeddingTable() {
    return new StorageTerm(StorageKind.EMBEDDING_TABLE, hidden.multiply(big(config.vocabSize())).multiply(big(w)));
  }
}
