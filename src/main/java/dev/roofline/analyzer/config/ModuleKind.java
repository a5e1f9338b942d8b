package dev.roofline.analyzer.config;

/**
 * What a checkpoint module is, from its full name ({@code model.layers.3.self_attn.q_proj}): only
 * linear projections take a weight format; routers, norms and embeddings stay at the config dtype.
 */
enum ModuleKind {
  /**
   * A projection: a last name part ending in {@code _proj} ({@code kv_a_proj_with_mqa} too), or
   * starting with {@code in_proj_} (Qwen3-Next's {@code in_proj_qkvz}, {@code in_proj_ba}), or
   * Mixtral's {@code w1}/{@code w2}/{@code w3}.
   */
  LINEAR,
  /** An MoE router: {@code gate}, {@code router}, {@code shared_expert_gate}. */
  ROUTER,
  /** Anything else: norms, embeddings, the LM head. */
  OTHER;

  static ModuleKind of(String module) {
    String last = module.substring(module.lastIndexOf('.') + 1);
    switch (last) {
      case "gate", "router", "shared_expert_gate" -> {
        return ROUTER;
      }
      case "w1", "w2", "w3", "kv_a_proj_with_mqa" -> {
        return LINEAR;
      }
      default -> {
        return last.endsWith("_proj") || last.startsWith("in_proj_") ? LINEAR : OTHER;
      }
    }
  }
}
