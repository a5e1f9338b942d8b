package dev.roofline.analyzer.graph;

/**
 * How a family's checkpoint names the modules of its projections, the names a {@code
 * quantization_config} targets and ignores ({@code model.layers.3.self_attn.q_proj}, {@code
 * model.layers.3.mlp.experts.17.down_proj}): the one place each family's names are spelled, chosen
 * where the family is registered ({@link Graphs}).
 *
 * @param layers the prefix of a layer's index ({@code model.layers.})
 * @param feedForward the feed-forward part's module in a layer ({@code mlp.})
 * @param sharedExpert the shared expert's module in the feed-forward part, or null when the
 *     family has none
 * @param gate the name of a gated part's gate projection ({@code gate_proj}, mixtral's {@code w1})
 * @param up the name of its up projection ({@code up_proj}, {@code w3})
 * @param down the name of its down projection ({@code down_proj}, {@code w2})
 */
record ModuleNames(String layers, String feedForward, String sharedExpert, String gate, String up, String down) {

  /** llama, mistral, qwen2, qwen3, qwen2_moe and qwen3_moe: {@code model.layers.N.mlp.experts.E.gate_proj}. */
  static final ModuleNames LLAMA =
      new ModuleNames("model.layers.", "mlp.", "shared_expert.", "gate_proj", "up_proj", "down_proj");

  /** llama4, as {@code Llama4ForConditionalGeneration} stores it: {@code language_model.model.layers.N.feed_forward.*}. */
  static final ModuleNames LLAMA4 =
      new ModuleNames(
          "language_model.model.layers.", "feed_forward.", "shared_expert.", "gate_proj", "up_proj", "down_proj");

  /** mixtral: {@code model.layers.N.block_sparse_moe.experts.E.w1} (gate), {@code w3} (up), {@code w2} (down). */
  static final ModuleNames MIXTRAL = new ModuleNames("model.layers.", "block_sparse_moe.", null, "w1", "w3", "w2");

  /** deepseek_v3 and kimi_k2: shared experts under {@code mlp.shared_experts.}. */
  static final ModuleNames DEEPSEEK_V3 =
      new ModuleNames("model.layers.", "mlp.", "shared_experts.", "gate_proj", "up_proj", "down_proj");

  /** An attention projection, under {@code self_attn.} in every family. */
  enum Attention {
    Q("q_proj"),
    K("k_proj"),
    V("v_proj"),
    O("o_proj"),
    Q_A("q_a_proj"),
    Q_B("q_b_proj"),
    KV_A("kv_a_proj_with_mqa"),
    KV_B("kv_b_proj");

    private final String module;

    Attention(String module) {
      this.module = module;
    }
  }

  /** A projection of a gated feed-forward part. */
  enum Gated {
    GATE,
    UP,
    DOWN
  }

  /** The LM head's module: {@code lm_head} beside the model's {@code model.} prefix. */
  String lmHead() {
    return layers.replace("model.layers.", "lm_head");
  }

  /** The token embedding table's module ({@code model.embed_tokens}). */
  String embedding() {
    return layers.replace("layers.", "embed_tokens");
  }

  /** The full name of attention projection {@code p} of {@code layer}. */
  String attention(long layer, Attention p) {
    return layers + layer + ".self_attn." + p.module;
  }

  /**
   * The full name of projection {@code part} of a gated part of {@code layer}: the dense part,
   * routed expert {@code expert}, or the shared expert.
   */
  String gated(FeedForward kind, long layer, long expert, Gated part) {
    String projection = part == Gated.GATE ? gate : part == Gated.UP ? up : down;
    String in = layers + layer + "." + feedForward;
    if (kind == FeedForward.ROUTED_EXPERT) {
      return in + "experts." + expert + "." + projection;
    }
    if (kind == FeedForward.SHARED_EXPERT) {
      if (sharedExpert == null) {
        throw new IllegalStateException("the family has no shared expert: " + this);
      }
      return in + sharedExpert + projection;
    }
    return in + projection;
  }
}
