package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Experts;
import dev.roofline.analyzer.config.FirstLayers;
import dev.roofline.analyzer.config.LatentAttention;
import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.config.SlidingWindow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts that decoder blocks of every family are made of, for one config, one batch and one
 * precision: the attention part, norms, residual adds, dense and mixture-of-experts feed-forward
 * parts, and the storage terms. Unless a method takes a block count, its nodes appear in every
 * block.
 *
 * <p>Precision enters through {@link Tensors} only: each projection's weight bytes are its
 * checkpoint tensors' (q, k and v apart; gate and up apart; each expert apart), and its input is
 * read at its input type; the KV cache, in storage and in attention, has the KV type. A row
 * stands for every layer of its kind and takes the modules of the first of them (layer 0 for
 * attention and dense models; {@link FirstLayers} for the layers of a mixture-of-experts model).
 * Everything else is at the config's dtype, and FLOPs do not depend on precision.
 */
final class BlockParts {
  private final ModelConfig config;
  private final Query query;
  private final Tensors tensors;
  private final BigInteger hidden;
  private final BigInteger tokens;
  private final long blocks;
  private final int w;

  BlockParts(ModelConfig config, Query query, Tensors tensors) {
    this.config = config;
    this.query = query;
    this.tensors = tensors;
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
    // q, k and v are three tensors that read the same input, once (at q's input type).
    Tensors.Linear q = tensors.attention(0, ModuleNames.Attention.Q, d.multiply(heads), hidden);
    Tensors.Linear k = tensors.attention(0, ModuleNames.Attention.K, d.multiply(kvHeads), hidden);
    Tensors.Linear v = tensors.attention(0, ModuleNames.Attention.V, d.multiply(kvHeads), hidden);
    Cost qkvProj = proj(qkv, hidden, q.bytes().add(k.bytes()).add(v.bytes()), q);
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
    Cost oProj = proj(hidden, a.queryDims(), tensors.attention(0, ModuleNames.Attention.O, hidden, a.queryDims()));
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
    BigInteger nope = big(a.qkNopeHeadDim());
    BigInteger values = big(a.vHeadDim());
    BigInteger queries = heads.multiply(a.qkHeadDim());
    BigInteger cached = a.cachedDims();
    List<Node> nodes = new ArrayList<>(12);
    nodes.add(rmsnorm(Operator.ATTN_RMSNORM, blocks));
    if (a.qLoraRank() > 0) {
      BigInteger rank = big(a.qLoraRank());
      nodes.add(attentionProj(Operator.ATTN_Q_A_PROJ, ModuleNames.Attention.Q_A, rank, hidden));
      nodes.add(new Node(Operator.ATTN_Q_A_RMSNORM, blocks, Ops.rmsnorm(rank, tokens, w)));
      nodes.add(attentionProj(Operator.ATTN_Q_B_PROJ, ModuleNames.Attention.Q_B, queries, rank));
    } else {
      nodes.add(attentionProj(Operator.ATTN_Q_PROJ, ModuleNames.Attention.Q, queries, hidden));
    }
    nodes.add(attentionProj(Operator.ATTN_KV_A_PROJ, ModuleNames.Attention.KV_A, cached, hidden));
    nodes.add(new Node(Operator.ATTN_KV_A_RMSNORM, blocks, Ops.rmsnorm(latent, tokens, w)));
    nodes.add(new Node(Operator.ATTN_ROPE, blocks, Ops.rope(rope.multiply(heads.add(BigInteger.ONE)), tokens, w)));
    // kv_b_proj is one [nh·(nope + vd), kvl] tensor: its key rows are absorbed into the queries,
    // its value rows into the outputs. Its bytes are split in proportion, exactly: Q_Absorb takes
    // ⌊bytes·nope/(nope + vd)⌋ and V_Absorb the rest (at the config's dtype, exactly each part).
    Tensors.Linear kvB = tensors.attention(0, ModuleNames.Attention.KV_B, heads.multiply(nope.add(values)), latent);
    BigInteger keyShare = kvB.bytes().multiply(nope).divide(nope.add(values));
    BigInteger perHead = tokens.multiply(heads);
    // nh heads of proj(T, kvl, nope) and of proj(T, vd, kvl): one projection of T·nh rows each.
    nodes.add(
        new Node(
            Operator.ATTN_Q_ABSORB,
            blocks,
            Ops.proj(perHead, latent, nope, w, keyShare, kvB.input().bytes(perHead.multiply(nope)))));
    nodes.add(new Node(Operator.ATTN_SDPA, blocks, Ops.latentSdpa(query, heads, latent, rope, w, tensors.kv())));
    nodes.add(
        new Node(
            Operator.ATTN_V_ABSORB,
            blocks,
            Ops.proj(perHead, values, latent, w, kvB.bytes().subtract(keyShare), kvB.input().bytes(perHead.multiply(latent)))));
    BigInteger outputs = heads.multiply(values);
    nodes.add(attentionProj(Operator.ATTN_O_PROJ, ModuleNames.Attention.O, hidden, outputs));
    nodes.add(residualAdd(Operator.ATTN_RESIDUAL_ADD, blocks));
    return nodes;
  }

  /** An attention projection of one tensor, {@code [n, k]}, in every block. */
  private Node attentionProj(Operator op, ModuleNames.Attention module, BigInteger n, BigInteger k) {
    return new Node(op, blocks, proj(n, k, tensors.attention(0, module, n, k)));
  }

  /** The tokens times a {@code [n, k]} weight {@code weight}. */
  private Cost proj(BigInteger n, BigInteger k, Tensors.Linear weight) {
    return proj(n, k, weight.bytes(), weight);
  }

  /** The tokens times {@code [n, k]} weights of {@code bytes} whose input is read as {@code reader}'s. */
  private Cost proj(BigInteger n, BigInteger k, BigInteger bytes, Tensors.Linear reader) {
    return Ops.proj(tokens, n, k, w, bytes, reader.input().bytes(tokens.multiply(k)));
  }

  /**
   * Attention of full layers over every cached token, and of sliding layers over the last {@code
   * window − 1}: one row when all layers are of one kind, else a row for each kind.
   */
  private List<Node> sdpa(BigInteger queryDims, BigInteger kvDims, SlidingWindow sliding) {
    Cost full = Ops.sdpa(query, queryDims, kvDims, w, tensors.kv());
    if (sliding.layers() == 0) {
      return List.of(new Node(Operator.ATTN_SDPA, blocks, full));
    }
    Cost windowed = Ops.sdpa(query.window(sliding.window()), queryDims, kvDims, w, tensors.kv());
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
   * activation × up, down projection), applied {@code times} times per token, with the modules of
   * {@code layer}: routed experts 0 to {@code times − 1}, or the one dense or shared part.
   */
  List<Node> gatedFeedForward(FeedForward kind, long blocks, long layer, long intermediate, long times) {
    BigInteger i = big(intermediate);
    BigInteger k = big(times);
    int act = config.hiddenAct().flopsPerElement();
    Tensors.Gated weights = tensors.gated(kind, layer, 0, times, hidden, i, tokens);
    // k times one part's cost: the same FLOPs and outputs as k·T rows through one part.
    BigInteger rows = tokens.multiply(k);
    return List.of(
        new Node(kind.gateUp(), blocks, Ops.proj(rows, i.shiftLeft(1), hidden, w, weights.gateUpBytes(), weights.gateUpInput())),
        new Node(kind.actMul(), blocks, Ops.actmul(i, tokens, act, w).times(k)),
        new Node(kind.down(), blocks, Ops.proj(rows, hidden, i, w, weights.downBytes(), weights.downInput())));
  }

  /** The feed-forward part of a dense model: norm, gated feed-forward, residual add. */
  List<Node> denseFeedForward(long intermediate) {
    List<Node> nodes = new ArrayList<>(5);
    nodes.add(rmsnorm(Operator.FFN_RMSNORM, blocks));
    nodes.addAll(gatedFeedForward(FeedForward.DENSE, blocks, 0, intermediate, 1));
    nodes.add(residualAdd(Operator.FFN_RESIDUAL_ADD, blocks));
    return nodes;
  }

  /**
   * The feed-forward part of a mixture-of-experts model: norm; in the experts' layers the router
   * (in {@code routerBlocks} blocks), the k routed experts, the shared expert with its gate, the
   * sum of routed and shared outputs; in the other layers a dense part of {@code
   * denseIntermediate} features; residual add. {@code first}: whose modules the two kinds of
   * layer take.
   */
  List<Node> moeFeedForward(Experts e, long routerBlocks, long denseIntermediate, FirstLayers first) {
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
    nodes.addAll(gatedFeedForward(FeedForward.ROUTED_EXPERT, moe, first.experts(), e.intermediateSize(), e.perToken()));
    if (e.sharedIntermediateSize() > 0) {
      nodes.addAll(gatedFeedForward(FeedForward.SHARED_EXPERT, moe, first.experts(), e.sharedIntermediateSize(), 1));
      if (e.sharedGate()) {
        // sigmoid(x·g) per token, times the shared expert's output.
        Cost gate = Ops.proj(tokens, BigInteger.ONE, hidden, w).plus(Ops.scale(tokens.multiply(hidden), w));
        nodes.add(new Node(Operator.FFN_SHARED_EXP_GATE, moe, gate));
      }
      nodes.add(residualAdd(Operator.FFN_ROUTED_SHARED_EXP_ADD, moe));
    }
    nodes.addAll(gatedFeedForward(FeedForward.NON_MOE, blocks - moe, first.dense(), denseIntermediate, 1));
    nodes.add(residualAdd(Operator.FFN_RESIDUAL_ADD, blocks));
    return nodes;
  }

  /** Keys and values of the tokens each layer holds: all of them, or a sliding layer's window. */
  StorageTerm kvCache(GqaAttention a) {
    return kvCache(a.kvDims().shiftLeft(1), a.sliding());
  }

  /** The latent and rotary key of every cached and new token, in every layer. */
  StorageTerm kvCache(LatentAttention a) {
    return kvCache(a.cachedDims(), SlidingWindow.NONE);
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
    return new StorageTerm(StorageKind.KV_CACHE, tensors.kv().bytes(held.multiply(elements)));
  }

  /**
   * The weights of the experts a step does not read: experts k to E − 1 of each
   * mixture-of-experts block (the step reads experts 0 to k − 1), as those of its first.
   */
  StorageTerm additionalExperts(Experts e, FirstLayers first) {
    long count = e.layers() == 0 ? 0 : e.count() - e.perToken();
    Tensors.Gated idle =
        tensors.gated(
            FeedForward.ROUTED_EXPERT, first.experts(), e.perToken(), count, hidden, big(e.intermediateSize()), tokens);
    BigInteger perLayer = idle.gateUpBytes().add(idle.downBytes());
    return new StorageTerm(StorageKind.ADDITIONAL_EXPERTS, perLayer.multiply(big(e.layers())));
  }

  /** The token embedding table: one row of hidden values per vocabulary entry. */
  StorageTerm embeddingTable() {
    return new StorageTerm(StorageKind.EMBEDDING_TABLE, hidden.multiply(big(config.vocabSize())).multiply(big(w)));
  }
}
