package dev.roofline.analyzer.graph;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * One piece of what an operator does, symbolically: its shapes, the checkpoint tensors it reads and
 * the token counts of the step it depends on, never a FLOP or a byte. A {@link CostModel} prices
 * each kind; an operator's cost is the sum of its parts'. Sizes are exact integers (a config may
 * hold any positive {@code long}, and their products exceed it).
 */
public sealed interface Part {

  /**
   * Whether the part keeps state for each query from one step to the next, whatever the context's
   * length (the recurrent state of linear attention): such a part counts in the storage.
   */
  default boolean keepsState() {
    return false;
  }

  /** Which rows of the step a projection multiplies. */
  enum Rows {
    /** Every input token of the batch ({@code T}). */
    TOKENS,
    /** The last input token of each query that has input tokens ({@code B′}): the logits a step needs. */
    LAST_TOKENS
  }

  /**
   * How tensor parallelism splits a projection over the devices of a group: not at all (each holds
   * it whole), by its outputs (column-parallel), by its inputs (row-parallel, its partial outputs
   * summed after), or by its rows of heads (an absorbed MLA projection, {@code perRow} heads).
   */
  enum Split {
    REPLICATED,
    COLUMN,
    ROW,
    HEADS
  }

  /** Whose heads a per-head part runs over: none, the query heads, or the key/value heads. */
  enum Heads {
    NONE,
    QUERY,
    KEY_VALUE
  }

  /** The kinds of normalisation over a vector of {@code width} values. */
  enum NormKind {
    /** RMSNorm with a weight per value. */
    RMS,
    /** An L2 norm without weights. */
    L2,
    /** LayerNorm with a weight and a bias per value. */
    LAYER
  }

  /**
   * A projection: {@code rows × perRow} activation rows times an {@code [n, k]} weight (per row of
   * the step, {@code perRow} rows of {@code k} values: the heads of an absorbed MLA projection).
   */
  record Linear(Rows rows, BigInteger perRow, BigInteger n, BigInteger k, Weight weight, Split split) implements Part {
    public Linear {
      Objects.requireNonNull(rows, "rows");
      Objects.requireNonNull(weight, "weight");
      Objects.requireNonNull(split, "split");
    }

    /** One row per input token, split as {@code split}. */
    static Linear of(BigInteger n, BigInteger k, Weight weight, Split split) {
      return new Linear(Rows.TOKENS, BigInteger.ONE, n, k, weight, split);
    }
  }

  /**
   * The gate and up projections ({@link Projection#GATE_UP}) or the down projection ({@link
   * Projection#DOWN}) of a gated feed-forward part of {@code kind}, with the modules of {@code
   * layer}: each token goes through {@code perToken} of its {@code parts} parts (routed experts: k of
   * E, each its own tensors; else 1 of 1), of which a device holds {@code held} (all of them on one
   * device). {@code biased}: each part's projections add a bias of their outputs' width (gpt-oss's
   * experts), one per part read.
   */
  record Gated(
      FeedForward kind,
      Projection projection,
      long layer,
      BigInteger hidden,
      BigInteger intermediate,
      long perToken,
      long parts,
      long held,
      boolean biased)
      implements Part {

    /** Which projections of a gated part. */
    public enum Projection {
      GATE_UP,
      DOWN
    }

    public Gated {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(projection, "projection");
    }

    /** Whether the parts are routed experts, of which a step reads those its tokens choose. */
    boolean routed() {
      return kind == FeedForward.ROUTED_EXPERT;
    }
  }

  /**
   * The fused activation × up-projection of {@code count} gated parts of {@code intermediate}
   * features for each token; {@code routed}: of routed experts, whose token-expert pairs a device
   * shares with its expert group.
   */
  record ActMul(BigInteger intermediate, int activationFlops, long count, boolean routed) implements Part {}

  /**
   * {@code perRow} norms of {@code width} values per input token, sharing one set of weights: one,
   * or one per head of {@code heads}.
   */
  record Norm(NormKind kind, BigInteger width, BigInteger perRow, Heads heads) implements Part {
    public Norm {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(heads, "heads");
    }

    /** One RMSNorm of {@code width} values per token. */
    static Norm rms(BigInteger width) {
      return new Norm(NormKind.RMS, width, BigInteger.ONE, Heads.NONE);
    }
  }

  /** The element-wise sum of {@code tensors} tensors of {@code elements} values per token. */
  record Sum(BigInteger elements, int tensors) implements Part {}

  /**
   * Rotary position embedding of {@code perHead} values of each of {@code queryHeads} query heads
   * and {@code kvHeads} key heads per token.
   */
  record Rope(BigInteger perHead, BigInteger queryHeads, BigInteger kvHeads) implements Part {
    /** Values rotated per token. */
    BigInteger dims() {
      return perHead.multiply(queryHeads.add(kvHeads));
    }
  }

  /** {@code elements} values per token multiplied by a per-token factor (a sigmoid gate). */
  record Scale(BigInteger elements) implements Part {}

  /**
   * A bias of {@code n} values added to a projection's output for every row, in its epilogue; split
   * with its projection's outputs where that is column-parallel.
   */
  record Bias(BigInteger n, Rows rows) implements Part {
    public Bias {
      Objects.requireNonNull(rows, "rows");
    }

    /** A bias added for every input token. */
    Bias(BigInteger n) {
      this(n, Rows.TOKENS);
    }
  }

  /**
   * An element-wise operation on {@code elements} values per row of {@code rows}: {@code flops}
   * FLOPs per value, reading {@code reads} and writing {@code writes} tensors of that size (0 when
   * fused into a neighbour's kernel, as gemma's embedding scale or soft-capping). {@code split}: how
   * tensor parallelism divides the values (column-parallel: a device's share of {@code heads}
   * heads, or of the values when 0; replicated: all of them).
   */
  record Elementwise(Rows rows, BigInteger elements, int flops, int reads, int writes, Split split, BigInteger heads)
      implements Part {
    public Elementwise {
      Objects.requireNonNull(rows, "rows");
      Objects.requireNonNull(split, "split");
      Objects.requireNonNull(heads, "heads");
    }

    /** An operation every device of a group does whole. */
    Elementwise(Rows rows, BigInteger elements, int flops, int reads, int writes) {
      this(rows, elements, flops, reads, writes, Split.REPLICATED, BigInteger.ZERO);
    }

    /** An operation on the values of {@code heads} heads, each device on its own. */
    static Elementwise perHead(BigInteger elements, int flops, int reads, int writes, BigInteger heads) {
      return new Elementwise(Rows.TOKENS, elements, flops, reads, writes, Split.COLUMN, heads);
    }
  }

  /**
   * Soft-capping of the attention scores of {@code heads} heads over the keys of {@code window}
   * ({@code c·tanh(score / c)}: divide, tanh, multiply, in the attention kernel).
   */
  record SoftCap(BigInteger heads, Window window) implements Part {
    public SoftCap {
      Objects.requireNonNull(window, "window");
    }
  }

  /**
   * A causal depthwise convolution of {@code kernel} taps without bias over the channels of {@code
   * keyHeads} query and key heads of {@code keyDim} and {@code valueHeads} value heads of {@code
   * valueDim}, then SiLU; each query keeps its last {@code kernel − 1} inputs per channel as state.
   */
  record Conv(BigInteger keyHeads, BigInteger keyDim, BigInteger valueHeads, BigInteger valueDim, BigInteger kernel)
      implements Part {
    @Override
    public boolean keepsState() {
      return true;
    }

    /** Channels: queries, keys and values. */
    BigInteger channels() {
      return keyHeads.multiply(keyDim).shiftLeft(1).add(valueHeads.multiply(valueDim));
    }
  }

  /**
   * The gated delta rule of {@code valueHeads} heads, each a recurrent state of {@code keyDim ×
   * valueDim} float32 values, fed by {@code keyHeads} query and key heads of {@code keyDim} values
   * (repeated to the value heads) and value heads of {@code valueDim}: per token and head the
   * state's decay, read-out, delta and rank-one update, the output, the L2 norms and scale of query
   * and key, and the gates.
   */
  record DeltaRule(BigInteger keyHeads, BigInteger valueHeads, BigInteger keyDim, BigInteger valueDim)
      implements Part {
    @Override
    public boolean keepsState() {
      return true;
    }

    /** State values of one query, float32 whatever the model's dtype. */
    BigInteger stateElements() {
      return valueHeads.multiply(keyDim).multiply(valueDim);
    }
  }

  /**
   * {@code elements} parameters a step reads and nothing else (a router's correction bias, the
   * attention sinks); {@code heads}: the heads they belong to, one each, which tensor parallelism
   * splits (0: none, every device holds them all).
   */
  record Params(BigInteger elements, BigInteger heads) implements Part {
    /** Parameters every device of a group holds whole. */
    Params(BigInteger elements) {
      this(elements, BigInteger.ZERO);
    }
  }

  /**
   * Grouped-query attention over the keys of {@code window}: {@code heads} query heads and {@code
   * kvHeads} key/value heads of {@code headDim} values; {@code queryDims} is the width of the
   * queries and outputs as the original counts them (the hidden size for llama and llama4).
   */
  record Attention(BigInteger heads, BigInteger kvHeads, BigInteger headDim, BigInteger queryDims, Window window)
      implements Part {
    public Attention {
      Objects.requireNonNull(window, "window");
    }

    /** Width of the keys (and of the values) of one token: head width × key/value heads. */
    BigInteger kvDims() {
      return headDim.multiply(kvHeads);
    }

    /** Values cached per token: a key and a value per key/value head. */
    BigInteger cachedDims() {
      return kvDims().shiftLeft(1);
    }
  }

  /**
   * Multi-head latent attention in the absorbed form: {@code heads} heads score queries of {@code
   * latent + rope} values against the cached latent and rotary key of every token and mix the
   * cached latents; the cache holds {@code latent + rope} values per token, shared by the heads.
   */
  record LatentAttention(BigInteger heads, BigInteger latent, BigInteger rope) implements Part {
    /** Values cached per token. */
    BigInteger cachedDims() {
      return latent.add(rope);
    }
  }

  /**
   * The embedding rows of the step's tokens gathered from the table, {@code hidden} values each;
   * the table split by vocabulary over {@code shards} devices, each gathering its share of them.
   */
  record Gather(BigInteger hidden, long shards) implements Part {}

  /**
   * The weight a projection reads: plain values at the config's dtype (a router), checkpoint
   * tensors at the run's precision (read once, at the first's input type), or a share of one
   * tensor (MLA's {@code kv_b_proj}, split between the queries' and the outputs' absorption).
   */
  sealed interface Weight {

    /** The projection's own {@code [n, k]} weight at the config's dtype, its input too. */
    record Plain() implements Weight {}

    /** Checkpoint tensors, summed; their input is read once, at the first's input type. */
    record Tensors(List<Tensor> tensors) implements Weight {
      public Tensors {
        tensors = List.copyOf(tensors);
        if (tensors.isEmpty()) {
          throw new IllegalArgumentException("no tensor");
        }
      }
    }

    /**
     * {@code ⌊bytes·num/den⌋} of {@code tensor} ({@code rest} false), or the rest of its bytes
     * ({@code rest} true).
     */
    record Share(Tensor tensor, BigInteger num, BigInteger den, boolean rest) implements Weight {}

    Weight PLAIN = new Plain();

    static Weight of(Tensor... tensors) {
      return new Tensors(List.of(tensors));
    }
  }

  /**
   * A checkpoint tensor: its module's full name, its shape {@code [n, k]}, and the number of heads
   * its split dimension is made of (0: none, split by values).
   */
  record Tensor(String module, BigInteger n, BigInteger k, BigInteger heads) {
    public Tensor {
      Objects.requireNonNull(module, "module");
      Objects.requireNonNull(heads, "heads");
    }

    /** A tensor whose dimensions are not made of heads. */
    Tensor(String module, BigInteger n, BigInteger k) {
      this(module, n, k, BigInteger.ZERO);
    }
  }
}
