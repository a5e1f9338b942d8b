package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.AttentionParts;
import dev.roofline.analyzer.config.Experts;
import dev.roofline.analyzer.config.FirstLayers;
import dev.roofline.analyzer.config.LatentAttention;
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
    long layers = linear == null ? blocks : blocks - linear.layers();
    long layer = linear == null ? 0 : linear.firstAttentionLayer();
    BigInteger d = big(a.headDim());
    BigInteger heads = big(a.heads());
    BigInteger kvHeads = big(a.kvHeads());
    // With an output gate the query projection yields each head's query and its gate.
    BigInteger queries = d.multiply(heads).multiply(extras.outputGate() ? BigInteger.TWO : BigInteger.ONE);
    BigInteger keys = d.multiply(kvHeads);
    BigInteger qkv = queries.add(keys.shiftLeft(1));
    List<Op> ops = new ArrayList<>(12);
    ops.add(norm(Operator.ATTN_RMSNORM, Operator.ATTN_LAYERNORM, blocks));
    if (linear != null) {
      ops.addAll(linearAttention(linear));
    }
    // q, k and v are three tensors that read the same input, once (at q's input type), or one.
    Part.Weight weight =
        tensors.fusedQkv()
            ? Part.Weight.of(tensors.attention(layer, ModuleNames.Attention.QKV, qkv, hidden))
            : Part.Weight.of(
                tensors.attention(layer, ModuleNames.Attention.Q, queries, hidden),
                tensors.attention(layer, ModuleNames.Attention.K, keys, hidden),
                tensors.attention(layer, ModuleNames.Attention.V, keys, hidden));
    Part qkvProj = Part.Linear.of(qkv, hidden, weight);
    ops.add(
        extras.qkvBias()
            ? Op.of(Operator.ATTN_QKV_PROJ, layers, qkvProj, new Part.Bias(qkv))
            : Op.of(Operator.ATTN_QKV_PROJ, layers, qkvProj));
    if (extras.qkNorm()) {
      // One norm of d features per query head and per key head of every token: two norms, each with its weights.
      ops.add(
          Op.of(
              Operator.ATTN_QK_NORM,
              layers,
              new Part.Norm(Part.NormKind.RMS, d, heads),
              new Part.Norm(Part.NormKind.RMS, d, kvHeads)));
    }
    // Only the rotated part of each head costs (partial rotary: the rest passes through).
    ops.add(Op.of(Operator.ATTN_ROPE, layers, new Part.Rope(extras.rotatedDims(a.headDim()).multiply(heads.add(kvHeads)))));
    ops.addAll(sdpa(a, layers));
    if (extras.outputGate()) {
      // attention · sigmoid(gate): the sigmoid and the product, as silu is counted; reads both.
      ops.add(Op.of(Operator.ATTN_OUTPUT_GATE, layers, new Part.Elementwise(Part.Rows.TOKENS, a.queryDims(), 4, 2, 1)));
    }
    Part oProj =
        Part.Linear.of(
            hidden, a.queryDims(), Part.Weight.of(tensors.attention(layer, ModuleNames.Attention.O, hidden, a.queryDims())));
    ops.add(
        extras.outputBias()
            ? Op.of(Operator.ATTN_O_PROJ, layers, oProj, new Part.Bias(hidden))
            : Op.of(Operator.ATTN_O_PROJ, layers, oProj));
    if (norms == NormStyle.SANDWICH) {
      ops.add(rmsnorm(Operator.ATTN_POST_RMSNORM, layers));
    }
    ops.add(residualAdd(Operator.ATTN_RESIDUAL_ADD, blocks));
    return ops;
  }

  /**
   * The rows of the layers of linear attention (Gated DeltaNet): the projections to queries, keys,
   * values and the output gate and to the update strength and decay; the causal convolution of
   * queries, keys and values; the delta rule; the gated norm of each value head; the output
   * projection.
   */
  private List<Op> linearAttention(LinearAttention l) {
    long layers = l.layers();
    long layer = l.firstLayer();
    BigInteger keys = big(l.keyHeads()).multiply(big(l.keyHeadDim()));
    BigInteger valueHeads = big(l.valueHeads());
    BigInteger values = valueHeads.multiply(big(l.valueHeadDim()));
    BigInteger qkvz = keys.add(values).shiftLeft(1);
    BigInteger ba = valueHeads.shiftLeft(1);
    return List.of(
        Op.of(
            Operator.ATTN_LIN_QKVZ_PROJ,
            layers,
            Part.Linear.of(qkvz, hidden, Part.Weight.of(tensors.attention(layer, ModuleNames.Attention.LIN_QKVZ, qkvz, hidden)))),
        Op.of(
            Operator.ATTN_LIN_BA_PROJ,
            layers,
            Part.Linear.of(ba, hidden, Part.Weight.of(tensors.attention(layer, ModuleNames.Attention.LIN_BA, ba, hidden)))),
        Op.of(Operator.ATTN_LIN_CONV1D, layers, new Part.Conv(keys.shiftLeft(1).add(values), big(l.convKernel()))),
        Op.of(
            Operator.ATTN_LIN_DELTA_RULE,
            layers,
            new Part.DeltaRule(big(l.keyHeads()), valueHeads, big(l.keyHeadDim()), big(l.valueHeadDim()))),
        // An RMS norm per value head, then · silu(z): silu 4 and the product 1 per value, reading z.
        Op.of(
            Operator.ATTN_LIN_GATED_RMSNORM,
            layers,
            new Part.Norm(Part.NormKind.RMS, big(l.valueHeadDim()), valueHeads),
            new Part.Elementwise(Part.Rows.TOKENS, values, 5, 1, 0)),
        Op.of(
            Operator.ATTN_LIN_OUT_PROJ,
            layers,
            Part.Linear.of(hidden, values, Part.Weight.of(tensors.attention(layer, ModuleNames.Attention.LIN_OUT, hidden, values)))));
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
    ops.add(rmsnorm(Operator.ATTN_RMSNORM, blocks));
    if (a.qLoraRank() > 0) {
      BigInteger rank = big(a.qLoraRank());
      ops.add(attentionProj(Operator.ATTN_Q_A_PROJ, ModuleNames.Attention.Q_A, rank, hidden));
      ops.add(Op.of(Operator.ATTN_Q_A_RMSNORM, blocks, Part.Norm.rms(rank)));
      ops.add(attentionProj(Operator.ATTN_Q_B_PROJ, ModuleNames.Attention.Q_B, queries, rank));
    } else {
      ops.add(attentionProj(Operator.ATTN_Q_PROJ, ModuleNames.Attention.Q, queries, hidden));
    }
    ops.add(attentionProj(Operator.ATTN_KV_A_PROJ, ModuleNames.Attention.KV_A, cached, hidden));
    ops.add(Op.of(Operator.ATTN_KV_A_RMSNORM, blocks, Part.Norm.rms(latent)));
    ops.add(Op.of(Operator.ATTN_ROPE, blocks, new Part.Rope(rope.multiply(heads.add(BigInteger.ONE)))));
    // kv_b_proj is one [nh·(nope + vd), kvl] tensor: its key rows are absorbed into the queries,
    // its value rows into the outputs. Its bytes are split in proportion, exactly: Q_Absorb takes
    // ⌊bytes·nope/(nope + vd)⌋ and V_Absorb the rest. nh heads of proj(T, kvl, nope) and of
    // proj(T, vd, kvl): one projection of T·nh rows each.
    Part.Tensor kvB = tensors.attention(0, ModuleNames.Attention.KV_B, heads.multiply(nope.add(values)), latent);
    BigInteger perHead = nope.add(values);
    ops.add(
        Op.of(
            Operator.ATTN_Q_ABSORB,
            blocks,
            new Part.Linear(Part.Rows.TOKENS, heads, latent, nope, new Part.Weight.Share(kvB, nope, perHead, false))));
    ops.add(Op.of(Operator.ATTN_SDPA, blocks, new Part.LatentAttention(heads, latent, rope)));
    ops.add(
        Op.of(
            Operator.ATTN_V_ABSORB,
            blocks,
            new Part.Linear(Part.Rows.TOKENS, heads, values, latent, new Part.Weight.Share(kvB, nope, perHead, true))));
    ops.add(attentionProj(Operator.ATTN_O_PROJ, ModuleNames.Attention.O, hidden, heads.multiply(values)));
    ops.add(residualAdd(Operator.ATTN_RESIDUAL_ADD, blocks));
    return ops;
  }

  /** An attention projection of one tensor, {@code [n, k]}, in every block. */
  private Op attentionProj(Operator op, ModuleNames.Attention module, BigInteger n, BigInteger k) {
    return Op.of(op, blocks, Part.Linear.of(n, k, Part.Weight.of(tensors.attention(0, module, n, k))));
  }

  /**
   * Attention of the {@code layers} attention layers, full layers over every cached token and
   * sliding layers over the last {@code window − 1}: one row when all layers are of one kind, else
   * a row for each kind; each with the family's soft-capping of scores and sinks.
   */
  private List<Op> sdpa(GqaAttention a, long layers) {
    long sliding = a.sliding().layers();
    Op full = sdpa(Operator.ATTN_SDPA, layers, a, Window.FULL);
    if (sliding == 0) {
      return List.of(full);
    }
    Window window = Window.sliding(a.sliding().window());
    if (sliding == layers) {
      return List.of(sdpa(Operator.ATTN_SDPA, layers, a, window));
    }
    return List.of(
        sdpa(Operator.ATTN_SDPA_FULL, layers - sliding, a, Window.FULL),
        sdpa(Operator.ATTN_SDPA_SLIDING, sliding, a, window));
  }

  /** One attention row over {@code window}, with soft-capped scores and sinks where the family has them. */
  private static Op sdpa(Operator id, long layers, GqaAttention a, Window window) {
    Part attention = a.over(window);
    AttentionParts extras = a.parts();
    if (!extras.softCapping() && !extras.sinks()) {
      return Op.of(id, layers, attention);
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
      parts.add(new Part.Elementwise(Part.Rows.TOKENS, heads, 3, 0, 0));
      parts.add(new Part.Params(heads));
    }
    return new Op(id, layers, layers, false, parts);
  }

  Op rmsnorm(Operator op, long blocks) {
    return Op.of(op, blocks, Part.Norm.rms(hidden));
  }

  /** The norm of the hidden state in {@code blocks} blocks: {@code rms}, or {@code layer} where the family's norms are LayerNorms. */
  private Op norm(Operator rms, Operator layer, long blocks) {
    return norms == NormStyle.LAYER
        ? Op.of(layer, blocks, new Part.Norm(Part.NormKind.LAYER, hidden, BigInteger.ONE))
        : rmsnorm(rms, blocks);
  }

  /** The element-wise sum of two hidden states. */
  Op residualAdd(Operator op, long blocks) {
    return Op.of(op, blocks, new Part.Sum(hidden, 2));
  }

  /**
   * A gated feed-forward part of {@code intermediate} features (gate and up projections,
   * activation × up, down projection) of {@code kind}, with the modules of {@code layer}: each
   * token goes through {@code perToken} of its {@code parts} parts (routed experts), or the one
   * dense or shared part; {@code biased}: each part's projections add biases.
   */
  List<Op> gatedFeedForward(
      FeedForward kind, long blocks, long layer, long intermediate, long perToken, long parts, boolean biased) {
    BigInteger i = big(intermediate);
    int act = config.hiddenAct().flopsPerElement();
    return List.of(
        Op.of(
            kind.gateUp(),
            blocks,
            new Part.Gated(kind, Part.Gated.Projection.GATE_UP, layer, hidden, i, perToken, parts, biased)),
        Op.of(kind.actMul(), blocks, new Part.ActMul(i, act, perToken)),
        Op.of(
            kind.down(),
            blocks,
            new Part.Gated(kind, Part.Gated.Projection.DOWN, layer, hidden, i, perToken, parts, biased)));
  }

  /** A gated feed-forward part without biases. */
  List<Op> gatedFeedForward(FeedForward kind, long blocks, long layer, long intermediate, long perToken, long parts) {
    return gatedFeedForward(kind, blocks, layer, intermediate, perToken, parts, false);
  }

  /** The feed-forward part of a dense model: norm, gated feed-forward, the norm of its output (gemma), residual add. */
  List<Op> denseFeedForward(long intermediate) {
    List<Op> ops = new ArrayList<>(6);
    ops.add(norm(Operator.FFN_RMSNORM, Operator.FFN_LAYERNORM, blocks));
    ops.addAll(gatedFeedForward(FeedForward.DENSE, blocks, 0, intermediate, 1, 1));
    return finishFeedForward(ops);
  }

  /** The norm of the feed-forward part's output where the family has one, then the residual add. */
  private List<Op> finishFeedForward(List<Op> ops) {
    if (norms == NormStyle.SANDWICH) {
      ops.add(rmsnorm(Operator.FFN_POST_RMSNORM, blocks));
    }
    ops.add(residualAdd(Operator.FFN_RESIDUAL_ADD, blocks));
    return ops;
  }

  /**
   * The feed-forward part of a mixture-of-experts model: norm; in the experts' layers the router
   * (with its bias), the routed experts, the shared expert with its gate, the sum of routed and
   * shared outputs; in the other layers a dense part of {@code denseIntermediate} features;
   * residual add. {@code first}: whose modules the two kinds of layer take.
   */
  List<Op> moeFeedForward(Experts e, long denseIntermediate, FirstLayers first) {
    long moe = e.layers();
    List<Op> ops = new ArrayList<>(15);
    ops.add(norm(Operator.FFN_RMSNORM, Operator.FFN_LAYERNORM, blocks));
    BigInteger experts = big(e.count());
    List<Part> router = new ArrayList<>(2);
    router.add(Part.Linear.of(experts, hidden, Part.Weight.PLAIN));
    if (e.routerBias()) {
      // One bias weight per expert, added to the scores when choosing (it costs no FLOPs here).
      router.add(new Part.Params(experts));
    }
    if (e.biases()) {
      // A bias on the router's logits, added for every token.
      router.add(new Part.Bias(experts));
    }
    ops.add(new Op(Operator.FFN_ROUTER, moe, moe, false, router));
    ops.addAll(
        gatedFeedForward(
            FeedForward.ROUTED_EXPERT, moe, first.experts(), e.intermediateSize(), e.perToken(), e.count(), e.biases()));
    if (e.sharedIntermediateSize() > 0) {
      ops.addAll(gatedFeedForward(FeedForward.SHARED_EXPERT, moe, first.experts(), e.sharedIntermediateSize(), 1, 1));
      if (e.sharedGate()) {
        // sigmoid(x·g) per token, times the shared expert's output.
        ops.add(
            Op.of(
                Operator.FFN_SHARED_EXP_GATE,
                moe,
                Part.Linear.of(BigInteger.ONE, hidden, Part.Weight.PLAIN),
                new Part.Scale(hidden)));
      }
      ops.add(residualAdd(Operator.FFN_ROUTED_SHARED_EXP_ADD, moe));
    }
    ops.addAll(gatedFeedForward(FeedForward.NON_MOE, blocks - moe, first.dense(), denseIntermediate, 1, 1));
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
    embedding.add(new Part.Gather(hidden));
    if (ends.scaledEmbedding()) {
      // hidden · √H, one multiply a value, fused into the gather.
      embedding.add(new Part.Elementwise(Part.Rows.TOKENS, hidden, 1, 0, 0));
    }
    List<Part> head = new ArrayList<>(3);
    head.add(
        new Part.Linear(
            Part.Rows.LAST_TOKENS, BigInteger.ONE, vocab, hidden, Part.Weight.of(tensors.lmHead(tied, vocab, hidden))));
    if (ends.headBias()) {
      head.add(new Part.Bias(vocab, Part.Rows.LAST_TOKENS));
    }
    if (ends.logitSoftCapping()) {
      // c·tanh(logit / c): divide, tanh, multiply per logit, in the head's epilogue.
      head.add(new Part.Elementwise(Part.Rows.LAST_TOKENS, vocab, 3, 0, 0));
    }
    return List.of(
        new Op(Operator.MODEL_EMBEDDING, 1, 0, true, embedding),
        norm(Operator.MODEL_FINAL_RMSNORM, Operator.MODEL_FINAL_LAYERNORM, 1).originally(0),
        new Op(Operator.MODEL_LM_HEAD, 1, 0, tied, head));
  }

  /**
   * The graph of the blocks' {@code ops} followed by the model-level rows, with the storage terms
   * {@code storage} beyond the weights.
   */
  OperatorGraph graph(List<Op> ops, StorageKind... storage) {
    List<Op> all = new ArrayList<>(ops.size() + 3);
    all.addAll(ops);
    all.addAll(modelRows());
    BigInteger table = hidden.multiply(big(config.vocabSize())).multiply(big(config.dtype().bytes()));
    return new OperatorGraph(all, blocks, List.of(storage), config.dtype().bytes(), table, tensors);
  }

  /**
   * The operators of {@code original} as the original counts them and those of {@code actual} as
   * the model has them, where the two differ (llama's attention, whose {@code head_dim} the
   * original ignores).
   */
  static List<Op> eitherOr(List<Op> original, List<Op> actual) {
    List<Op> ops = new ArrayList<>(original.size() + actual.size());
    for (Op op : original) {
      ops.add(op.inBlocks(0));
    }
    for (Op op : actual) {
      ops.add(op.originally(0));
    }
    return ops;
  }
}
