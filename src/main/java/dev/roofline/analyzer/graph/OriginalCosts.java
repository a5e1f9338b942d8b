package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Layers;
import java.math.BigInteger;

/**
 * The original tool's conventions, quirks included, which the default output keeps byte for byte
 * ({@link Ops}' primitives): 2k−1 FLOPs per output of a projection, RMSNorm weights of h+1, an
 * activation multiply of (a+1)·I + T, attention over the full rectangle of keys with the value mix over the key/value
 * heads, the first k routed experts read, and the operators the original counts where it sees the
 * model otherwise ({@link Op#originalBlocks}).
 */
final class OriginalCosts extends CostModel {

  @Override
  public String id() {
    return "original";
  }

  @Override
  long blocks(Op op) {
    return op.originalBlocks();
  }

  @Override
  Layers layers(Op op) {
    return op.originalLayers();
  }

  @Override
  Cost matmul(BigInteger m, BigInteger n, BigInteger k, int w, BigInteger weightBytes, BigInteger inputBytes) {
    return Ops.proj(m, n, k, w, weightBytes, inputBytes);
  }

  @Override
  Cost rmsnorm(BigInteger width, BigInteger rows, int w) {
    return Ops.rmsnorm(width, rows, w);
  }

  @Override
  Cost actmul(BigInteger intermediate, BigInteger rows, long count, int activationFlops, int w) {
    return Ops.actmul(intermediate, rows, count, activationFlops, w);
  }

  /**
   * Per query of s input tokens and L cached plus input tokens (windowed on a sliding layer):
   * P = Q·Kᵀ costs s·L·(2·qo−1) and O = S·V costs s·kv·(2L−1); it reads Q and the cached K and V,
   * and writes O. Chunked attention is full attention here: the original knows no chunks.
   */
  @Override
  Cost attention(Part.Attention a, Step step) {
    return Ops.sdpa(seen(a.window(), step), a.queryDims(), a.kvDims(), step.w, step.tensors.kv());
  }

  /** The queries as a layer over {@code window} sees them: a sliding layer's cache holds its window. */
  private static Query seen(Window window, Step step) {
    return window.kind() == Window.Kind.SLIDING ? step.query.window(window.size()) : step.query;
  }

  /** s·L a query: its input tokens times the keys it spans, windowed on a sliding layer. */
  @Override
  BigInteger scores(Window window, Step step) {
    Query query = seen(window, step);
    BigInteger sum = BigInteger.ZERO;
    for (int q = 0; q < query.input().size(); q++) {
      BigInteger s = query.input().get(q);
      sum = sum.add(s.multiply(query.cached().get(q).add(s)));
    }
    return sum.multiply(query.repeat());
  }

  @Override
  Cost latentAttention(Part.LatentAttention a, Step step) {
    return Ops.latentSdpa(step.query, a.heads(), a.latent(), a.rope(), step.w, step.tensors.kv());
  }

  @Override
  BigInteger heldTokens(Window window, Step step) {
    if (window.kind() == Window.Kind.SLIDING) {
      return step.query.window(window.size()).totalContextTokens();
    }
    return step.query.totalContextTokens();
  }

  /** The first k experts, whatever the batch (those a device holds, when it holds fewer). */
  @Override
  long expertsRead(long held, long parts, long perToken, BigInteger tokens) {
    return Math.min(perToken, held);
  }

  /** The original knows sliding windows, and no chunks: a chunked layer attends to every key. */
  @Override
  Window span(Window window) {
    return window.kind() == Window.Kind.CHUNKED ? Window.FULL : window;
  }

  /** Every term the model has, zero or not. */
  @Override
  boolean listsEmpty(StorageKind kind) {
    return true;
  }
}
