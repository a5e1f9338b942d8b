package dev.roofline.analyzer.graph;

/**
 * The operators a decoder block is made of, across every supported architecture, and those that
 * occur once per step ({@code Model - …}): the stable
 * identity of a row of the analysis. Each has the label the original tool prints for it; a new
 * architecture adds a constant here only for an operator no other architecture has.
 */
public enum Operator {
  ATTN_RMSNORM("Attn - RMSNorm"),
  /** The norm before attention where it is a LayerNorm. */
  ATTN_LAYERNORM("Attn - LayerNorm"),
  /** Linear attention (Gated DeltaNet): the query, key, value and output-gate projection. */
  ATTN_LIN_QKVZ_PROJ("Attn - Lin_QKVZ_Proj"),
  /** Linear attention: the projection to the per-head update strength (β) and decay (a). */
  ATTN_LIN_BA_PROJ("Attn - Lin_BA_Proj"),
  /** Linear attention: the causal depthwise convolution of queries, keys and values. */
  ATTN_LIN_CONV1D("Attn - Lin_Conv1d"),
  /** Linear attention: the gated delta rule over the recurrent state. */
  ATTN_LIN_DELTA_RULE("Attn - Lin_DeltaRule"),
  /** Linear attention: the RMS norm of each value head, gated by SiLU of the output gate. */
  ATTN_LIN_GATED_RMSNORM("Attn - Lin_GatedRMSNorm"),
  /** Linear attention: the output projection. */
  ATTN_LIN_OUT_PROJ("Attn - Lin_Out_Proj"),
  ATTN_Q_A_PROJ("Attn - Q_A_Proj"),
  ATTN_Q_A_RMSNORM("Attn - Q_A_RMSNorm"),
  ATTN_Q_B_PROJ("Attn - Q_B_Proj"),
  ATTN_Q_PROJ("Attn - Q_Proj"),
  ATTN_KV_A_PROJ("Attn - KV_A_Proj"),
  ATTN_KV_A_RMSNORM("Attn - KV_A_RMSNorm"),
  ATTN_QKV_PROJ("Attn - QKV_Proj"),
  ATTN_QK_NORM("Attn - QK_Norm"),
  ATTN_ROPE("Attn - RoPE"),
  ATTN_Q_ABSORB("Attn - Q_Absorb"),
  /** Attention when every layer attends to the same span of keys. */
  ATTN_SDPA("Attn - SDPA"),
  /** Attention of the full-attention layers of a model that also has sliding-window layers. */
  ATTN_SDPA_FULL("Attn - SDPA (Full)"),
  /** Attention of the sliding-window layers of a model that also has full-attention layers. */
  ATTN_SDPA_SLIDING("Attn - SDPA (Sliding)"),
  /** Attention of the chunked-attention layers of a model that also has full-attention layers. */
  ATTN_SDPA_CHUNKED("Attn - SDPA (Chunked)"),
  /** The attention output times the sigmoid of its gate. */
  ATTN_OUTPUT_GATE("Attn - Output_Gate"),
  ATTN_V_ABSORB("Attn - V_Absorb"),
  ATTN_O_PROJ("Attn - O_Proj"),
  /** The norm of the attention output, before the residual add. */
  ATTN_POST_RMSNORM("Attn - Post_RMSNorm"),
  ATTN_RESIDUAL_ADD("Attn - ResidualAdd"),
  FFN_RMSNORM("Ffn - RMSNorm"),
  /** The norm before the feed-forward part where it is a LayerNorm. */
  FFN_LAYERNORM("Ffn - LayerNorm"),
  FFN_ROUTER("Ffn - Router"),
  FFN_GATE_UP_PROJ("Ffn - GateUp_Proj"),
  FFN_ACT_MUL("Ffn - ActMul"),
  FFN_DOWN_PROJ("Ffn - Down_Proj"),
  FFN_ROUTED_EXP_GATE_UP_PROJ("Ffn - RoutedExp_GateUp_Proj"),
  FFN_ROUTED_EXP_ACT_MUL("Ffn - RoutedExp_ActMul"),
  FFN_ROUTED_EXP_DOWN_PROJ("Ffn - RoutedExp_Down_Proj"),
  FFN_SHARED_EXP_GATE_UP_PROJ("Ffn - SharedExp_GateUp_Proj"),
  FFN_SHARED_EXP_ACT_MUL("Ffn - SharedExp_ActMul"),
  FFN_SHARED_EXP_DOWN_PROJ("Ffn - SharedExp_Down_Proj"),
  FFN_SHARED_EXP_GATE("Ffn - SharedExp_Gate"),
  FFN_ROUTED_SHARED_EXP_ADD("Ffn - RoutedSharedExpAdd"),
  FFN_NON_MOE_GATE_UP_PROJ("Ffn - NonMoE_GateUp_Proj"),
  FFN_NON_MOE_ACT_MUL("Ffn - NonMoE_ActMul"),
  FFN_NON_MOE_DOWN_PROJ("Ffn - NonMoE_Down_Proj"),
  /** The norm of the feed-forward output, before the residual add. */
  FFN_POST_RMSNORM("Ffn - Post_RMSNorm"),
  FFN_RESIDUAL_ADD("Ffn - ResidualAdd"),
  /** The embedding rows of the step's tokens, gathered once per step. */
  MODEL_EMBEDDING("Model - Embedding", true),
  /** The norm after the last block, once per step. */
  MODEL_FINAL_RMSNORM("Model - Final_RMSNorm", true),
  /** The norm after the last block where it is a LayerNorm, once per step. */
  MODEL_FINAL_LAYERNORM("Model - Final_LayerNorm", true),
  /** The logits of each query's last token, once per step. */
  MODEL_LM_HEAD("Model - LM_Head", true);

  private final String label;
  private final boolean perStep;

  Operator(String label) {
    this(label, false);
  }

  Operator(String label, boolean perStep) {
    this.label = label;
    this.perStep = perStep;
  }

  /** Whether the operator occurs once per step, outside the blocks ({@code Model - …}). */
  public boolean perStep() {
    return perStep;
  }

  /** The row's name in every output: {@code Attn - QKV_Proj}. */
  public String label() {
    return label;
  }
}
