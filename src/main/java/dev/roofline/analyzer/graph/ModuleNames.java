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
 * @param fusedQkv whether one tensor ({@code self_attn.qkv_proj}) holds the query, key and value
 *     projections
 * @param fusedGateUp whether one tensor ({@code gate_up_proj}, named by {@code gate} and {@code
 *     up} alike) holds the gate and up projections
 * @param expertIndex whether each routed expert is a module of its own ({@code experts.17.}), or
 *     one module holds every expert's tensor ({@code experts.})
 */
record ModuleNames(
    String layers,
    String feedForward,
    String sharedExpert,
    String gate,
    String up,
    String down,
    boolean fusedQkv,
    boolean fusedGateUp,
    boolean expertIndex) {

  /** Separate q/k/v and gate/up tensors, an expert a module. */
  ModuleNames(String layers, String feedForward, String sharedExpert, String gate, String up, String down) {
    this(layers, feedForward, sharedExpert, gate, up, down, false, false, true);
  }

  /** llama, mistral, qwen2, qwen3, qwen2_moe and qwen3_moe: {@code model.layers.N.mlp.experts.E.gate_proj}. */
  static final ModuleNames LLAMA =
      new ModuleNames("model.layers.", "mlp.", "shared_expert.", "gate_proj", "up_proj", "down_proj");

  /** llama4, as {@code Llama4ForConditionalGeneration} stores it: {@code language_model.model.layers.N.feed_forward.*}. */
  static final ModuleNames LLAMA4 =
      new ModuleNames(
          "language_model.model.layers.", "feed_forward.", "shared_expert.", "gate_proj", "up_proj", "down_proj");

  /** A llama-like text model inside a multimodal checkpoint (gemma3): {@code language_model.model.layers.N.mlp.*}. */
  static final ModuleNames MULTIMODAL =
      new ModuleNames("language_model.model.layers.", "mlp.", null, "gate_proj", "up_proj", "down_proj");

  /** mixtral and phimoe: {@code model.layers.N.block_sparse_moe.experts.E.w1} (gate), {@code w3} (up), {@code w2} (down). */
  static final ModuleNames MIXTRAL = new ModuleNames("model.layers.", "block_sparse_moe.", null, "w1", "w3", "w2");

  /** deepseek_v3, kimi_k2 and glm4_moe: shared experts under {@code mlp.shared_experts.}. */
  static final ModuleNames DEEPSEEK_V3 =
      new ModuleNames("model.layers.", "mlp.", "shared_experts.", "gate_proj", "up_proj", "down_proj");

  /** phi3: {@code self_attn.qkv_proj} and {@code mlp.gate_up_proj}, one tensor each. */
  static final ModuleNames PHI3 =
      new ModuleNames("model.layers.", "mlp.", null, "gate_up_proj", "gate_up_proj", "down_proj", true, true, true);

  /**
   * gpt_oss: every expert of a layer in {@code mlp.experts.gate_up_proj} (gate and up interleaved)
   * and {@code mlp.experts.down_proj}.
   */
  static final ModuleNames GPT_OSS =
      new ModuleNames("model.layers.", "mlp.", null, "gate_up_proj", "gate_up_proj", "down_proj", false, true, false);

  /** An attention projection, under {@code self_attn.} (or a linear-attention layer's {@code linear_attn.}). */
  enum Attention {
    Q("self_attn.q_proj"),
    K("self_attn.k_proj"),
    V("self_attn.v_proj"),
    /** Query, key and value in one tensor (phi3). */
    QKV("self_attn.qkv_proj"),
    O("self_attn.o_proj"),
    Q_A("self_attn.q_a_proj"),
    Q_B("self_attn.q_b_proj"),
    KV_A("self_attn.kv_a_proj_with_mqa"),
    KV_B("self_attn.kv_b_proj"),
    LIN_QKVZ("linear_attn.in_proj_qkvz"),
    LIN_BA("linear_attn.in_proj_ba"),
    LIN_OUT("linear_attn.out_proj");

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
    return layers + layer + "." + p.module;
  }

  /**
   * The full name of projection {@code part} of a gated part of {@code layer}: the dense part,
   * routed expert {@code expert}, or the shared expert.
   */
  String gated(FeedForward kind, long layer, long expert, Gated part) {
    String projection = part == Gated.GATE ? gate : part == Gated.UP ? up : down;
    String in = layers + layer + "." + feedForward;
    if (kind == FeedForward.ROUTED_EXPERT) {
      return expertIndex ? in + "experts." + expert + "." + projection : in + "experts." + projection;
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
