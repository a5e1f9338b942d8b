package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.AttentionParts;
import dev.roofline.analyzer.config.Decoder;
import dev.roofline.analyzer.config.GqaConfig;
import dev.roofline.analyzer.config.SlidingWindow;
import java.math.BigInteger;

/**
 * Grouped-query attention as the graph counts it: query and key/value heads of {@code headDim}
 * values, the width of the attention output that the output projection reads ({@code
 * queryDims}), the optional parts, and the sliding-window layers.
 */
record GqaAttention(
    long heads, long kvHeads, long headDim, BigInteger queryDims, AttentionParts parts, SlidingWindow sliding) {

  /**
   * The attention of llama and llama4 as the original counts it: no optional parts, no sliding
   * layers, and queries and outputs {@code hidden} wide whatever heads × width is.
   */
  static GqaAttention original(long heads, long kvHeads, long headDim, long hidden) {
    return new GqaAttention(
        heads, kvHeads, headDim, BigInteger.valueOf(hidden), AttentionParts.NONE, SlidingWindow.NONE);
  }

  /** The attention of a grouped-query family: queries and outputs heads × width wide. */
  static GqaAttention of(GqaConfig c) {
    Decoder d = c.decoder();
    return new GqaAttention(
        d.numAttentionHeads(),
        d.numKeyValueHeads(),
        d.headDim(),
        BigInteger.valueOf(d.numAttentionHeads()).multiply(BigInteger.valueOf(d.headDim())),
        c.attentionParts(),
        c.slidingWindow());
  }

  /** The attention of these heads over the keys of {@code window}. */
  Part.Attention over(Window window) {
    return new Part.Attention(
        BigInteger.valueOf(heads), BigInteger.valueOf(kvHeads), BigInteger.valueOf(headDim), queryDims, window);
  }
}
