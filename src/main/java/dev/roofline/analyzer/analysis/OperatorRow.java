package dev.roofline.analyzer.analysis;

import java.util.Objects;

/**
 * One operator of the model: its stable id ({@code attn_qkv_proj}), its display label ({@code Attn
 * - QKV_Proj}), the number of blocks it appears in, its figures for one block, and whether it
 * occurs once per step rather than in the model's blocks ({@code Model - LM_Head}).
 */
public record OperatorRow(String id, String label, long blocks, Figures perBlock, boolean perStep) {
  public OperatorRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(perBlock, "perBlock");
  }

  /** A row of the model's blocks. */
  public OperatorRow(String id, String label, long blocks, Figures perBlock) {
    this(id, label, blocks, perBlock, false);
  }
}
