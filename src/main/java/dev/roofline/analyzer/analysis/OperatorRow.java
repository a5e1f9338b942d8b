package dev.roofline.analyzer.analysis;

import java.util.Objects;

/**
 * One operator of the model: its stable id ({@code attn_qkv_proj}), its display label ({@code Attn
 * - QKV_Proj}), the number of blocks it appears in, and its figures for one block.
 */
public record OperatorRow(String id, String label, long blocks, Figures perBlock) {
  public OperatorRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(perBlock, "perBlock");
  }
}
