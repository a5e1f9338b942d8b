package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.AttentionParts;
import dev.roofline.analyzer.config.Experts;
import dev.roofline.analyzer.config.FirstLayers;
import dev.roofline.analyzer.config.LatentAttention;
import dev.roofline.analyzer.config.Layers;
import dev.roofline.analyzer.config.LinearAttention;
import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.config.ModelEnds;
import dev.roofline.analyzer.config.NormStyle;
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
  private final NormStyle norms;
  private final ModelEnds ends;

  BlockParts(ModelConfig config, Tensors tensors) {
    this(config, tensors, NormStyle.RMS, ModelEnds.NONE);
  }

  /** The parts of a model whose layers take {@code norms}, with {@code ends} around them. */
  BlockParts(ModelConfig config, Tensors tensors, NormStyle norms, ModelEnds ends) {
    this.config = config;
    this.tensors = tensors;
    this.hidden = big(config.hiddenSize());
    this.blocks = config.numHiddenLayers();
    this.norms = norms;
    this.ends = ends;
  }

  static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  /**
   * Norm, fused Q/K/V projection (with its bias), per-head Q/K norms, rotary embedding of queries
   * and keys, attention (one row per kind of layer when some slide and others do not), output
   * projection (with its bias), residual add; and the optional parts a family has (the output
   * gate, a norm of the output, soft-capped scores, sinks).
   */
  List<Op> attention(GqaAttention a) {
    return attention(a, null);
  }

  /**
   * As {@link #attention(GqaAttention)} in a model whose layers of {@code linear} (null: none)
   * replace attention by linear attention: their rows follow the norm, and the attention rows
   * count the other layers only.
   */
  List<Op> attention(GqaAttention a, LinearAttention linear) {
    AttentionParts extras = a.parts();
    Layers layers = linear == null ? Layers.ALL : new Layers.Not(linear.where());
    long layer = linear == null ? 0 : linear.firstAttentionLayer();
    BigInteger d = big(a.headDim());
    BigInteger heads = big(a.heads());
    BigInteger kvHeads = big(a.kvHeads());
    // With an output gate the query projection yields each head's query and its gate.
    BigInteger queries = d.multiply(heads).multiply(extras.outputGate() ? BigInteger.TWO : BigInteger.ONE);
    BigInteger keys = d.multiply(kvHeads);
    BigInteger qkv = queries.add(keys.shiftLeft(1));
    List<Op> ops = new ArrayList<>(12);
    ops.add(norm(Operator.ATTN_RMSNORM, Operator.ATTN_LAYERNORM, Layers.ALL));
    if (linear != null) {
      ops.addAll(linearAttention(linear));
    }
    // q, k and v are three tensors that read the same input, once (at q's input type), or one.
    // A fused tensor is split by its heads of d rows, queries' and keys' and values' alike (a
    // device's share is exact when tp divides the key/value heads, which are not replicated).
    Part.Weight weight =
        tensors.fusedQkv()
            ? Part.Weight.of(tensors.attention(layer, ModuleNames.Attention.QKV, qkv, hidden, qkv.divide(d)))
            : Part.Weight.of(
                tensors.attention(layer, ModuleNames.Attention.Q, queries, hidden, heads),
                tensors.attention(layer, ModuleNames.Attention.K, keys, hidden, kvHeads),
                tensors.attention(layer, ModuleNames.Attention.V, keys, hidden, kvHeads));
    Part qkvProj = Part.Linear.of(qkv, hidden, weight, Part.Split.COLUMN);
    ops.add(
        extras.qkvBias()
            ? op(Operator.ATTN_QKV_PROJ, layers, qkvProj, new Part.Bias(qkv))
            : op(Operator.ATTN_QKV_PROJ, layers, qkvProj));
    if (extras.qkNorm()) {
      // One norm of d features per query head and per key head of every token: two norms, each with its weights.
      ops.add(
          op(
              Operator.ATTN_QK_NORM,
              layers,
              new Part.Norm(Part.NormKind.RMS, d, heads, Part.Heads.QUERY),
              new Part.Norm(Part.NormKind.RMS, d, kvHeads, Part.Heads.KEY_VALUE)));
    }
    // Only the rotated part of each head costs (partial rotary: the rest passes through).
    ops.add(op(Operator.ATTN_ROPE, layers, new Part.Rope(extras.rotatedDims(a.headDim()), heads, kvHeads)));
    ops.addAll(sdpa(a, layers));
    if (extras.outputGate()) {
      // attention · sigmoid(gate): the sigmoid and the product, as silu is counted; reads both.
      ops.add(op(Operator.ATTN_OUTPUT_GATE, layers, Part.Elementwise.perHead(a.queryDims(), 4, 2, 1, heads)));
    }
    Part oProj =
        Part.Linear.of(
            hidden,
            a.queryDims(),
            Part.Weight.of(tensors.attention(layer, ModuleNames.Attention.O, hidden, a.queryDims(), heads)),
            Part.Split.ROW);
    ops.add(
        extras.outputBias()
            ? op(Operator.ATTN_O_PROJ, layers, oProj, new Part.Bias(hidden))
            : op(Operator.ATTN_O_PROJ, layers, oProj));
    if (norms == NormStyle.SANDWICH) {
      ops.add(rmsnorm(Operator.ATTN_POST_RMSNORM, layers));
    }
    ops.add(residualAdd(Operator.ATTN_RESIDUAL_ADD, Layers.ALL));
    return ops;
  }

  /**
   * The rows of the layers of linear attention (Gated DeltaNet): the projections to queries, keys,
   * values and the output gate and to the update strength and decay; the causal convolution of
   * queries, keys and values; the delta rule; the gated norm of each value head; the output
   * projection.
   */
  private List<Op> linearAttention(LinearAttention l) {
    Layers layers = l.where();
    long layer = l.firstLayer();
    BigInteger keys = big(l.keyHeads()).multiply(big(l.keyHeadDim()));
    BigInteger valueHeads = big(l.valueHeads());
    BigInteger values = valueHeads.multiply(big(l.valueHeadDim()));
    BigInteger qkvz = keys.add(values).shiftLeft(1);
    BigInteger ba = valueHeads.shiftLeft(1);
    // Tensor parallelism splits the heads: the projections by their outputs, the output by its
    // inputs (then an AllReduce), the convolution, the rule and the norm over a device's heads.
    return List.of(
        op(
            Operator.ATTN_LIN_QKVZ_PROJ,
            layers,
            Part.Linear.of(
                qkvz,
                hidden,
                Part.Weight.of(tensors.attention(layer, ModuleNames.Attention.LIN_QKVZ, qkvz, hidden)),
                Part.Split.COLUMN)),
        op(
            Operator.ATTN_LIN_BA_PROJ,
            layers,
            Part.Linear.of(
                ba, hidden, Part.Weight.of(tensors.attention(layer, ModuleNames.Attention.LIN_BA, ba, hidden)), Part.Split.COLUMN)),
        op(
            Operator.ATTN_LIN_CONV1D,
            layers,
            new Part.Conv(big(l.keyHeads()), big(l.keyHeadDim()), valueHeads, big(l.valueHeadDim()), big(l.convKernel()))),
        op(
            Operator.ATTN_LIN_DELTA_RULE,
            layers,
            new Part.DeltaRule(big(l.keyHeads()), valueHeads, big(l.keyHeadDim()), big(l.valueHeadDim()))),
        // An RMS norm per value head, then · silu(z): silu 4 and the product 1 per value, reading z.
        op(
            Operator.ATTN_LIN_GATED_RMSNORM,
            layers,
            new Part.Norm(Part.NormKind.RMS, big(l.valueHeadDim()), valueHeads, Part.Heads.QUERY),
            Part.Elementwise.perHead(values, 5, 1, 0, valueHeads)),
        op(
            Operator.ATTN_LIN_OUT_PROJ,
            layers,
            Part.Linear.of(
                hidden,
                values,
                Part.Weight.of(tensors.attention(layer, ModuleNames.Attention.LIN_OUT, hidden, values, valueHeads)),
                Part.Split.ROW)));
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
   * Attention of the attention layers {@code layers}, full layers over every cached token and
   * sliding layers over the last {@code window − 1}: one row when all layers are of one kind, else
   * a row for each kind; each with the family's soft-capping of scores and sinks.
   */
  private List<Op> sdpa(GqaAttention a, Layers layers) {
    long sliding = a.sliding().layers();
    if (sliding == 0) {
      return List.of(sdpa(Operator.ATTN_SDPA, layers, a, Window.FULL));
    }
    if (!(layers instanceof Layers.All)) {
      // No family has both: the sliding layers are counted among all of a model's layers.
      throw new IllegalStateException("sliding windows in a model with layers of linear attention");
    }
    Window window = Window.sliding(a.sliding().window());
    if (sliding == blocks) {
      return List.of(sdpa(Operator.ATTN_SDPA, layers, a, window));
    }
    Layers where = a.sliding().where();
    return List.of(
        sdpa(Operator.ATTN_SDPA_FULL, new Layers.Not(where), a, Window.FULL),
        sdpa(Operator.ATTN_SDPA_SLIDING, where, a, window));
  }

  /** One attention row over {@code window}, with soft-capped scores and sinks where the family has them. */
  private Op sdpa(Operator id, Layers layers, GqaAttention a, Window window) {
    Part attention = a.over(window);
    AttentionParts extras = a.parts();
    if (!extras.softCapping() && !extras.sinks()) {
      return op(id, layers, attention);
    }
    BigInteger heads = big(a.heads());
    List<Part> parts = new ArrayList<>(3);
    parts.add(attention);
    if (extras.softCapping()) {
      parts.add(new Part.SoftCap(heads, window));
    }
    if (extras.sinks()) {
      // A learned logit per head joins each query's max and softmax sum (max, exp, add), and is
      // dropped: its parameters, and no bytes of activations.
      parts.add(Part.Elementwise.perHead(heads, 3, 0, 0, heads));
      parts.add(new Part.Params(heads, heads));
    }
    return op(id, layers, parts.toArray(new Part[0]));
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

  /** The norm of the hidden state in the layers {@code where}: {@code rms}, or {@code layer} where the family's norms are LayerNorms. */
  private Op norm(Operator rms, Operator layer, Layers where) {
    return norms == NormStyle.LAYER
        ? op(layer, where, new Part.Norm(Part.NormKind.LAYER, hidden, BigInteger.ONE, Part.Heads.NONE))
        : rmsnorm(rms, where);
  }

  /** The element-wise sum of two hidden states. */
  Op residualAdd(Operator op, Layers where) {
    return op(op, where, new Part.Sum(hidden, 2));
  }

  /**
   * A gated feed-forward part of {@code intermediate} features (gate and up projections,
   * activation × up, down projection) of {@code kind}, with the modules of {@code layer}: each
   * token goes through {@code perToken} of its {@code parts} parts (routed experts), or the one
   * dense or shared part; {@code biased}: each part's projections add biases.
   */
  List<Op> gatedFeedForward(
      FeedForward kind, Layers where, long layer, long intermediate, long perToken, long parts, boolean biased) {
    BigInteger i = big(intermediate);
    int act = config.hiddenAct().flopsPerElement();
    return List.of(
        op(
            kind.gateUp(),
            where,
            new Part.Gated(kind, Part.Gated.Projection.GATE_UP, layer, hidden, i, perToken, parts, parts, biased)),
        op(kind.actMul(), where, new Part.ActMul(i, act, perToken, kind == FeedForward.ROUTED_EXPERT)),
        op(
            kind.down(),
            where,
            new Part.Gated(kind, Part.Gated.Projection.DOWN, layer, hidden, i, perToken, parts, parts, biased)));
  }

  /** A gated feed-forward part without biases. */
  List<Op> gatedFeedForward(FeedForward kind, Layers where, long layer, long intermediate, long perToken, long parts) {
    return gatedFeedForward(kind, where, layer, intermediate, perToken, parts, false);
  }

  /** The feed-forward part of a dense model: norm, gated feed-forward, the norm of its output (gemma), residual add. */
  List<Op> denseFeedForward(long intermediate) {
    List<Op> ops = new ArrayList<>(6);
    ops.add(norm(Operator.FFN_RMSNORM, Operator.FFN_LAYERNORM, Layers.ALL));
    ops.addAll(gatedFeedForward(FeedForward.DENSE, Layers.ALL, 0, intermediate, 1, 1));
    return finishFeedForward(ops);
  }

  /** The norm of the feed-forward part's output where the family has one, then the residual add. */
  private List<Op> finishFeedForward(List<Op> ops) {
    if (norms == NormStyle.SANDWICH) {
      ops.add(rmsnorm(Operator.FFN_POST_RMSNORM, Layers.ALL));
    }
    ops.add(residualAdd(Operator.FFN_RESIDUAL_ADD, Layers.ALL));
    return ops;
  }

  /**
   * The feed-forward part of a mixture-of-experts model: norm; in the experts' layers the router
   * (with its bias), the routed experts, the shared expert with its gate, the sum of routed and
   * shared outputs; in the other layers a dense part of {@code denseIntermediate} features;
   * residual add. {@code first}: whose modules the two kinds of layer take.
   */
  List<Op> moeFeedForward(Experts e, long denseIntermediate, FirstLayers first) {
    Layers moe = e.where();
    List<Op> ops = new ArrayList<>(15);
    ops.add(norm(Operator.FFN_RMSNORM, Operator.FFN_LAYERNORM, Layers.ALL));
    BigInteger experts = big(e.count());
    List<Part> router = new ArrayList<>(3);
    router.add(Part.Linear.of(experts, hidden, Part.Weight.PLAIN, Part.Split.REPLICATED));
    if (e.routerBias()) {
      // One bias weight per expert, added to the scores when choosing (it costs no FLOPs here).
      router.add(new Part.Params(experts));
    }
    if (e.biases()) {
      // A bias on the router's logits, added for every token.
      router.add(new Part.Bias(experts));
    }
    ops.add(op(Operator.FFN_ROUTER, moe, router.toArray(new Part[0])));
    ops.addAll(
        gatedFeedForward(
            FeedForward.ROUTED_EXPERT, moe, first.experts(), e.intermediateSize(), e.perToken(), e.count(), e.biases()));
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
    return finishFeedForward(ops);
  }

  /**
   * The rows that occur once per step, which the original does not count: the embedding rows of
   * the step's tokens gathered (and scaled, gemma), the final norm, and the LM head's logits for
   * the last token of each query (reading the embedding table when the head is tied to it; with
   * its bias, and soft-capped, where the family has them).
   */
  List<Op> modelRows() {
    BigInteger vocab = big(config.vocabSize());
    boolean tied = config.tieWordEmbeddings();
    List<Part> embedding = new ArrayList<>(2);
    embedding.add(new Part.Gather(hidden, 1));
    if (ends.scaledEmbedding()) {
      // hidden · √H, one multiply a value, fused into the gather.
      embedding.add(new Part.Elementwise(Part.Rows.TOKENS, hidden, 1, 0, 0));
    }
    List<Part> head = new ArrayList<>(3);
    head.add(
        new Part.Linear(
            Part.Rows.LAST_TOKENS,
            BigInteger.ONE,
            vocab,
            hidden,
            Part.Weight.of(tensors.lmHead(tied, vocab, hidden)),
            Part.Split.COLUMN));
    if (ends.headBias()) {
      head.add(new Part.Bias(vocab, Part.Rows.LAST_TOKENS));
    }
    if (ends.logitSoftCapping()) {
      // c·tanh(logit / c): divide, tanh, multiply per logit, in the head's epilogue, on a device's share of them.
      head.add(new Part.Elementwise(Part.Rows.LAST_TOKENS, vocab, 3, 0, 0, Part.Split.COLUMN, BigInteger.ZERO));
    }
    Part finalNorm =
        norms == NormStyle.LAYER
            ? new Part.Norm(Part.NormKind.LAYER, hidden, BigInteger.ONE, Part.Heads.NONE)
            : Part.Norm.rms(hidden);
    return List.of(
        Op.perStep(Operator.MODEL_EMBEDDING, true, embedding.toArray(new Part[0])),
        Op.perStep(
            norms == NormStyle.LAYER ? Operator.MODEL_FINAL_LAYERNORM : Operator.MODEL_FINAL_RMSNORM, false, finalNorm),
        Op.perStep(Operator.MODEL_LM_HEAD, tied, head.toArray(new Part[0])));
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
