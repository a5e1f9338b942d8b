package dev.roofline.analyzer.config;

import java.util.Set;

/**
 * The first layer (from 0) of each kind in a model whose layers differ: the first with a mixture
 * of experts and the first with a dense feed-forward part. One row of the graph stands for every
 * layer of its kind; it is costed with the checkpoint modules of the first of them (a
 * {@code quantization_config} may name modules layer by layer). A kind the model lacks has 0.
 */
public record FirstLayers(long experts, long dense) {

  /** Every layer alike (dense models, mixtral): layer 0 for both kinds. */
  public static final FirstLayers ZERO = new FirstLayers(0, 0);

  public FirstLayers {
    if (experts < 0 || dense < 0) {
      throw new IllegalArgumentException("layer indices must not be negative");
    }
  }

  /**
   * qwen2_moe and qwen3_moe: layer i has experts iff there are experts, i is not in {@code
   * mlp_only_layers} and (i + 1) is a multiple of {@code decoder_sparse_step} (keys that {@link
   * Experts#readQwen} has checked).
   */
  static FirstLayers readQwen(JsonFields f, long layers, Experts e) {
    if (e.layers() == 0) {
      return ZERO;
    }
    long step = f.positiveInt("decoder_sparse_step", 1);
    Set<Long> denseOnly = f.layerIndexSet("mlp_only_layers", layers);
    long first = step - 1;
    while (denseOnly.contains(first)) {
      first += step;
    }
    long dense = 0;
    if (step == 1 && !denseOnly.isEmpty()) {
      // Every layer is on the step, so the dense layers are those listed: the first of them.
      dense = Long.MAX_VALUE;
      for (long i : denseOnly) {
        dense = Math.min(dense, i);
      }
    }
    return new FirstLayers(first, dense);
  }
}
