package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Experts;
import dev.roofline.analyzer.config.FirstLayers;
import dev.roofline.analyzer.config.LatentAttention;
import dev.roofline.analyzer.config.Layers;
import dev.roofline.analyzer.config.ModelConfig;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The operators that decoder blocks of every family are made of, for one config at one precision:
 * the attention part, norms, residual adds, dense and mixture-of-experts feed-forward parts. Unless
 * a method takes a block count, its operators appear in every block.
 *
 * <p>Precision enters through the tensors the projections name: each projection's weight is its
 * checkpoint tensors (q, k and v apart; gate and up apart; each expert apart). A row stands for
 * every layer of its kind and takes the modules of the first of them (layer 0 for attention and
 * dense models; {@link FirstLayers} for the layers of a mixture-of-experts model).
 */
final class BlockParts {
  private final ModelConfig config;
  private final Tensors tensors;
  private final BigInteger hidden;
  private final long blocks;

  BlockParts(ModelConfig config, Tensors tensors) {
    this.config = config;
    this.tensors = tensors;
    this.hidden = big(config.hiddenSize());
    this.blocks = config.numHiddenLayers();
  }

  static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  /**
   * Norm, fused Q/K/V projection (with its bias), per-head Q/K norms, rotary embedding of queries
   * and keys, attention (one row per kind of layer when some slide and others do not), output
   * projection (with its bias), residual add.
   */
  List<Op> attention(GqaAttention a) {
    BigInteger d = big(a.headDim());
    BigInteger heads = big(a.heads());
    BigInteger kvHeads = big(a.kvHeads());
    BigInteger qkv = d.multiply(heads.add(kvHeads.shiftLeft(1)));
    List<Op> ops = new ArrayList<>(9);
    ops.add(rmsnorm(Operator.ATTN_RMSNORM, Layers.ALL));
    // q, k and v are three tensors that read the same input, once (at q's input type).
    Part.Weight weight =
        Part.Weight.of(
            tensors.attention(0, ModuleNames.Attention.Q, d.multiply(heads), hidden, heads),
            tensors.attention(0, ModuleNames.Attention.K, d.multiply(kvHeads), hidden, kvHeads),
            tensors.attention(0, ModuleNames.Attention.V, d.multiply(kvHeads), hidden, kvHeads));
    Part qkvProj = Part.Linear.of(qkv, hidden, weight, Part.Split.COLUMN);
    ops.add(
        a.parts().qkvBias()
            ? op(Operator.ATTN_QKV_PROJ, qkvProj, new Part.Bias(qkv))
            : op(Operator.ATTN_QKV_PROJ, qkvProj));
    if (a.parts().qkNorm()) {
      // One norm of d features per query head and per key head of every token: two norms, each with its weights.
      ops.add(
          op(
              Operator.ATTN_QK_NORM,
              new Part.Norm(Part.NormKind.RMS, d, heads, Part.Heads.QUERY),
              new Part.Norm(Part.NormKind.RMS, d, kvHeads, Part.Heads.KEY_VALUE)));
    }
    ops.add(op(Operator.ATTN_ROPE, new Part.Rope(d, heads, kvHeads)));
    ops.addAll(sdpa(a));
    Part oProj =
        Part.Linear.of(
            hidden,
            a.queryDims(),
            Part.Weight.of(tensors.attention(0, ModuleNames.Attention.O, hidden, a.queryDims(), heads)),
            Part.Split.ROW);
    ops.add(
        a.parts().outputBias()
            ? op(Operator.ATTN_O_PROJ, oProj, new Part.Bias(hidden))
            : op(Operator.ATTN_O_PROJ, oProj));
    ops.add(residualAdd(Operator.ATTN_RESIDUAL_ADD, Layers.ALL));
    return ops;
  }

  /**
   * Multi-head latent attention as MLA serving engines run it (the absorbed form): norm; the query
   * projected down, normalised and up (or directly, without a query rank); the latent and rotary
   * key projected down and the latent normalised; the rotary part of queries and the shared
   * rotary key; each head's query absorbing the key up-projection; attention over the cached
   * latents; each head's output absorbing the value up-projection; output projection; residual.
   */
  List<Op> latentAttention(LatentAttention a) {
    BigInteger heads = big(a.heads());
    BigInteger latent = big(a.kvLoraRank());
    BigInteger rope = big(a.qkRopeHeadDim());
    BigInteger nope = big(a.qkNopeHeadDim());
    BigInteger values = big(a.vHeadDim());
    BigInteger queries = heads.multiply(a.qkHeadDim());
    BigInteger cached = a.cachedDims();
    List<Op> ops = new ArrayList<>(12);
    ops.add(rmsnorm(Operator.ATTN_RMSNORM, Layers.ALL));
    if (a.qLoraRank() > 0) {
      BigInteger rank = big(a.qLoraRank());
      ops.add(attentionProj(Operator.ATTN_Q_A_PROJ, ModuleNames.Attention.Q_A, rank, hidden, null));
      ops.add(op(Operator.ATTN_Q_A_RMSNORM, Part.Norm.rms(rank)));
      ops.add(attentionProj(Operator.ATTN_Q_B_PROJ, ModuleNames.Attention.Q_B, queries, rank, heads));
    } else {
      ops.add(attentionProj(Operator.ATTN_Q_PROJ, ModuleNames.Attention.Q, queries, hidden, heads));
    }
    // The latent and its rotary key are shared by the heads: every device of a group computes them.
    ops.add(attentionProj(Operator.ATTN_KV_A_PROJ, ModuleNames.Attention.KV_A, cached, hidden, null));
    ops.add(op(Operator.ATTN_KV_A_RMSNORM, Part.Norm.rms(latent)));
    ops.add(op(Operator.ATTN_ROPE, new Part.Rope(rope, heads, BigInteger.ONE)));
    // kv_b_proj is one [nh·(nope + vd), kvl] tensor: its key rows are absorbed into the queries,
    // its value rows into the outputs. Its bytes are split in proportion, exactly: Q_Absorb takes
    // ⌊bytes·nope/(nope + vd)⌋ and V_Absorb the rest. nh heads of proj(T, kvl, nope) and of
    // proj(T, vd, kvl): one projection of T·nh rows each.
    Part.Tensor kvB = tensors.attention(0, ModuleNames.Attention.KV_B, heads.multiply(nope.add(values)), latent, heads);
    BigInteger perHead = nope.add(values);
    ops.add(
        op(
            Operator.ATTN_Q_ABSORB,
            new Part.Linear(
                Part.Rows.TOKENS, heads, latent, nope, new Part.Weight.Share(kvB, nope, perHead, false), Part.Split.HEADS)));
    ops.add(op(Operator.ATTN_SDPA, new Part.LatentAttention(heads, latent, rope)));
    ops.add(
        op(
            Operator.ATTN_V_ABSORB,
            new Part.Linear(
                Part.Rows.TOKENS, heads, values, latent, new Part.Weight.Share(kvB, nope, perHead, true), Part.Split.HEADS)));
    ops.add(
        op(
            Operator.ATTN_O_PROJ,
            Part.Linear.of(
                hidden,
                heads.multiply(values),
                Part.Weight.of(tensors.attention(0, ModuleNames.Attention.O, hidden, heads.multiply(values), heads)),
                Part.Split.ROW)));
    ops.add(residualAdd(Operator.ATTN_RESIDUAL_ADD, Layers.ALL));
    return ops;
  }

  /**
   * An attention projection of one tensor, {@code [n, k]}, in every block: column-parallel over
   * its outputs' {@code heads}, or, without heads (null), replicated on every device of a group.
   */
  private Op attentionProj(Operator op, ModuleNames.Attention module, BigInteger n, BigInteger k, BigInteger heads) {
    Part.Weight weight = Part.Weight.of(tensors.attention(0, module, n, k, heads == null ? BigInteger.ZERO : heads));
    return op(op, Part.Linear.of(n, k, weight, heads == null ? Part.Split.REPLICATED : Part.Split.COLUMN));
  }

  /**
   * Attention of full layers over every cached token, and of sliding layers over the last {@code
   * window − 1}: one row when all layers are of one kind, else a row for each kind.
   */
  private List<Op> sdpa(GqaAttention a) {
    long sliding = a.sliding().layers();
    Part full = a.over(Window.FULL);
    if (sliding == 0) {
      return List.of(op(Operator.ATTN_SDPA, full));
    }
    Part windowed = a.over(Window.sliding(a.sliding().window()));
    if (sliding == blocks) {
      return List.of(op(Operator.ATTN_SDPA, windowed));
    }
    Layers where = a.sliding().where();
    return List.of(
        Op.of(Operator.ATTN_SDPA_FULL, new Layers.Not(where), blocks, full),
        Op.of(Operator.ATTN_SDPA_SLIDING, where, blocks, windowed));
  }

  /** An operator in every block. */
  Op op(Operator id, Part... parts) {
    return Op.of(id, Layers.ALL, blocks, parts);
  }

  /** An operator in the layers {@code where}. */
  Op op(Operator id, Layers where, Part... parts) {
    return Op.of(id, where, blocks, parts);
  }

  Op rmsnorm(Operator op, Layers where) {
    return op(op, where, Part.Norm.rms(hidden));
  }

  /** The element-wise sum of two hidden states. */
  Op residualAdd(Operator op, Layers where) {
    return op(op, where, new Part.Sum(hidden, 2));
  }

  /**
   * A gated feed-forward part of {@code intermediate} features (gate and up projections,
   * activation × up, down projection) of {@code kind}, with the modules of {@code layer}: each
   * token goes through {@code perToken} of its {@code parts} parts (routed experts), or the one
   * dense or shared part.
   */
  List<Op> gatedFeedForward(FeedForward kind, Layers where, long layer, long intermediate, long perToken, long parts) {
    BigInteger i = big(intermediate);
    int act = config.hiddenAct().flopsPerElement();
    return List.of(
        op(kind.gateUp(), where, new Part.Gated(kind, Part.Gated.Projection.GATE_UP, layer, hidden, i, perToken, parts, parts)),
        op(kind.actMul(), where, new Part.ActMul(i, act, perToken, kind == FeedForward.ROUTED_EXPERT)),
        op(kind.down(), where, new Part.Gated(kind, Part.Gated.Projection.DOWN, layer, hidden, i, perToken, parts, parts)));
  }

  /** The feed-forward part of a dense model: norm, gated feed-forward, residual add. */
  List<Op> denseFeedForward(long intermediate) {
    List<Op> ops = new ArrayList<>(5);
    ops.add(rmsnorm(Operator.FFN_RMSNORM, Layers.ALL));
    ops.addAll(gatedFeedForward(FeedForward.DENSE, Layers.ALL, 0, intermediate, 1, 1));
    ops.add(residualAdd(Operator.FFN_RESIDUAL_ADD, Layers.ALL));
    return ops;
  }

  /**
   * The feed-forward part of a mixture-of-experts model: norm; in the experts' layers the router,
   * the routed experts, the shared expert with its gate, the sum of routed and shared outputs; in
   * the other layers a dense part of {@code denseIntermediate} features; residual add. {@code
   * first}: whose modules the two kinds of layer take.
   */
  List<Op> moeFeedForward(Experts e, long denseIntermediate, FirstLayers first) {
    Layers moe = e.where();
    List<Op> ops = new ArrayList<>(14);
    ops.add(rmsnorm(Operator.FFN_RMSNORM, Layers.ALL));
    BigInteger experts = big(e.count());
    Part router = Part.Linear.of(experts, hidden, Part.Weight.PLAIN, Part.Split.REPLICATED);
    // One bias weight per expert, added to the scores when choosing (it costs no FLOPs here).
    ops.add(
        e.routerBias()
            ? op(Operator.FFN_ROUTER, moe, router, new Part.Params(experts))
            : op(Operator.FFN_ROUTER, moe, router));
    ops.addAll(
        gatedFeedForward(FeedForward.ROUTED_EXPERT, moe, first.experts(), e.intermediateSize(), e.perToken(), e.count()));
    if (e.sharedIntermediateSize() > 0) {
      ops.addAll(gatedFeedForward(FeedForward.SHARED_EXPERT, moe, first.experts(), e.sharedIntermediateSize(), 1, 1));
      if (e.sharedGate()) {
        // sigmoid(x·g) per token, times the shared expert's output.
        ops.add(
            op(
                Operator.FFN_SHARED_EXP_GATE,
                moe,
                Part.Linear.of(BigInteger.ONE, hidden, Part.Weight.PLAIN, Part.Split.REPLICATED),
                new Part.Scale(hidden)));
      }
      ops.add(residualAdd(Operator.FFN_ROUTED_SHARED_EXP_ADD, moe));
    }
    ops.addAll(gatedFeedForward(FeedForward.NON_MOE, new Layers.Not(moe), first.dense(), denseIntermediate, 1, 1));
    ops.add(residualAdd(Operator.FFN_RESIDUAL_ADD, Layers.ALL));
    return ops;
  }

  /**
   * The rows that occur once per step, which the original does not count: the embedding rows of
   * the step's tokens gathered, the final norm, and the LM head's logits for the last token of each
   * query (reading the embedding table when the head is tied to it).
   */
  List<Op> modelRows() {
    BigInteger vocab = big(config.vocabSize());
    boolean tied = config.tieWordEmbeddings();
    Part head =
        new Part.Linear(
            Part.Rows.LAST_TOKENS,
            BigInteger.ONE,
            vocab,
            hidden,
            Part.Weight.of(tensors.lmHead(tied, vocab, hidden)),
            Part.Split.COLUMN);
    return List.of(
        Op.perStep(Operator.MODEL_EMBEDDING, true, new Part.Gather(hidden, 1)),
        Op.perStep(Operator.MODEL_FINAL_RMSNORM, false, Part.Norm.rms(hidden)),
        Op.perStep(Operator.MODEL_LM_HEAD, tied, head));
  }

  /**
   * The graph of the blocks' {@code ops} followed by the model-level rows, with the storage terms
   * {@code storage} beyond the weights.
   */
  OperatorGraph graph(List<Op> ops, StorageKind... storage) {
    List<Op> all = new ArrayList<>(ops.size() + 3);
    all.addAll(ops);
    all.addAll(modelRows());
    return new OperatorGraph(
        all,
        blocks,
        List.of(storage),
        config.dtype().bytes(),
        hidden,
        big(config.vocabSize()),
        tensors,
        Layout.SINGLE,
        List.of());
  }

  /**
   * The operators of {@code original} as the original counts them and those of {@code actual} as
   * the model has them, where the two differ (llama's attention, whose {@code head_dim} the
   * original ignores).
   */
  List<Op> eitherOr(List<Op> original, List<Op> actual) {
    List<Op> ops = new ArrayList<>(original.size() + actual.size());
    for (Op op : original) {
      ops.add(op.in(Layers.NONE, blocks));
    }
    for (Op op : actual) {
      ops.add(op.originally(Layers.NONE, blocks));
    }
    return ops;
  }
}
