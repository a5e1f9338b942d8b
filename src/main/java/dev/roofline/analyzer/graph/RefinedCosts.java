package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Layers;
import java.math.BigInteger;

/**
 * What an efficient inference engine computes and moves (fused flash-style attention, grouped MoE
 * kernels, logits for the last token only): {@code 2·m·n·k} FLOPs per projection, RMSNorm weights
 * of h, the activation multiply over every token, causal, sliding or chunked attention over every
 * query head with the softmax counted and each key read once per query, the experts a batch
 * touches, and every operator where the model has it, model-level rows included.
 */
final class RefinedCosts extends CostModel {
  /** Scale, max, exp, sum and normalisation: FLOPs per attention score besides the dot products. */
  private static final BigInteger SOFTMAX_FLOPS = BigInteger.valueOf(5);

  @Override
  public String id() {
    return "refined";
  }

  @Override
  long blocks(Op op) {
    return op.blocks();
  }

  @Override
  Layers layers(Op op) {
    return op.layers();
  }

  /** One multiply and one add per multiply-accumulate. */
  @Override
  Cost matmul(BigInteger m, BigInteger n, BigInteger k, int w, BigInteger weightBytes, BigInteger inputBytes) {
    BigInteger mn = m.multiply(n);
    return new Cost(mn.multiply(k).shiftLeft(1), weightBytes, inputBytes, mn.multiply(BigInteger.valueOf(w)));
  }

  /** 4h+2 FLOPs a row; h weights. */
  @Override
  Cost rmsnorm(BigInteger width, BigInteger rows, int w) {
    BigInteger bw = BigInteger.valueOf(w);
    BigInteger bytes = width.multiply(rows).multiply(bw);
    return new Cost(width.shiftLeft(2).add(BigInteger.TWO).multiply(rows), width.multiply(bw), bytes, bytes);
  }

  /** (a+1) FLOPs an element of every token-part pair: the activation and the product. */
  @Override
  Cost actmul(BigInteger intermediate, BigInteger rows, long count, int activationFlops, int w) {
    BigInteger elements = intermediate.multiply(rows);
    BigInteger bytes = elements.multiply(BigInteger.valueOf(w));
    return new Cost(
        elements.multiply(BigInteger.valueOf(activationFlops + 1L)), BigInteger.ZERO, bytes.shiftLeft(1), bytes);
  }

  @Override
  Cost attention(Part.Attention a, Step step) {
    BigInteger kvPerToken = step.tensors.kv().bytes(a.cachedDims());
    return attention(a.window(), a.heads(), a.headDim(), a.headDim(), kvPerToken, step);
  }

  /** The absorbed form: queries of latent + rope values, outputs of latent values, the latent cache. */
  @Override
  Cost latentAttention(Part.LatentAttention a, Step step) {
    BigInteger kvPerToken = step.tensors.kv().bytes(a.cachedDims());
    return attention(Window.FULL, a.heads(), a.cachedDims(), a.latent(), kvPerToken, step);
  }

  /**
   * Over the batch: {@code nh·V_q·(2·dqk + 2·dv + 5)} FLOPs per query ({@code V_q} its key
   * visits: QKᵀ and A·V over every query head, and the softmax), its queries and each distinct
   * key it reads ({@code K_q}) in, its outputs out.
   */
  private static Cost attention(
      Window window, BigInteger heads, BigInteger qkDims, BigInteger valueDims, BigInteger kvPerToken, Step step) {
    BigInteger visits = step.sum(window::keyVisits);
    BigInteger keys = step.sum(window::distinctKeys);
    BigInteger perScore = qkDims.add(valueDims).shiftLeft(1).add(SOFTMAX_FLOPS);
    BigInteger perToken = step.tokens.multiply(heads);
    return new Cost(
        heads.multiply(visits).multiply(perScore),
        BigInteger.ZERO,
        step.bytes(perToken.multiply(qkDims)).add(keys.multiply(kvPerToken)),
        step.bytes(perToken.multiply(valueDims)));
  }

  /** The key visits of every query (causal, windowed or chunked). */
  @Override
  BigInteger scores(Window window, Step step) {
    return step.sum(window::keyVisits);
  }

  @Override
  BigInteger heldTokens(Window window, Step step) {
    return step.sum(window::held);
  }

  @Override
  long expertsRead(long held, long parts, long perToken, BigInteger tokens) {
    return Routing.touched(held, parts, perToken, tokens);
  }

  @Override
  Window span(Window window) {
    return window;
  }

  /** Idle experts only when some are: a batch that touches every expert has none. */
  @Override
  boolean listsEmpty(StorageKind kind) {
    return kind != StorageKind.ADDITIONAL_EXPERTS;
  }
}
