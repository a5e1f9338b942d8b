package dev.roofline.analyzer.config;

/**
 * The linear-attention layers of a hybrid model (Qwen3-Next's Gated DeltaNet): {@code layers} of
 * the model's layers replace attention by a gated delta rule over a recurrent state of {@code
 * valueHeads} heads of {@code keyHeadDim × valueHeadDim} values, fed by {@code keyHeads} query
 * and key heads (repeated to the value heads) and {@code valueHeads} value heads, after a causal
 * depthwise convolution of {@code convKernel} taps. {@code firstLayer} is the first of them and
 * {@code firstAttentionLayer} the first layer of full attention (0 when there is none): a row
 * stands for every layer of its kind and takes the module names of the first. {@code where}: the
 * linear layers; the others are full attention.
 */
public record LinearAttention(
    long layers,
    long keyHeads,
    long valueHeads,
    long keyHeadDim,
    long valueHeadDim,
    long convKernel,
    long firstLayer,
    long firstAttentionLayer,
    Layers where) {

  public LinearAttention {
    java.util.Objects.requireNonNull(where, "where");
    if (layers < 0 || keyHeads <= 0 || valueHeads <= 0 || keyHeadDim <= 0 || valueHeadDim <= 0 || convKernel <= 0) {
      throw new IllegalArgumentException("bad linear attention");
    }
    if (valueHeads % keyHeads != 0) {
      throw new IllegalArgumentException(valueHeads + " value heads are not a multiple of " + keyHeads + " key heads");
    }
  }
}
