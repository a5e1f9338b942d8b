package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.ElementType;
import java.math.BigInteger;

/**
 * The cost primitives the graph builders compose. {@code w} is the element width in bytes. Each
 * formula the original tool has is the original's, so that the default report is identical to
 * its; those it never had (LayerNorm, element-wise gates, the linear-attention layers) are the
 * same under every convention. All sizes are exact integers: a config may hold any positive
 * {@code long}, and their products exceed it.
 */
public final class Ops {
  private static final BigInteger ONE = BigInteger.ONE;
  private static final BigInteger TWO = BigInteger.TWO;

  private Ops() {}

  /**
   * An m×k activation times a k×n weight: 2k−1 FLOPs per output element (k multiplies, k−1 adds).
   */
  public static Cost proj(BigInteger m, BigInteger n, BigInteger k, int w) {
    BigInteger bw = BigInteger.valueOf(w);
    BigInteger mn = m.multiply(n);
    return new Cost(
        mn.multiply(k.multiply(TWO).subtract(ONE)),
        k.multiply(n).multiply(bw),
        m.multiply(k).multiply(bw),
        mn.multiply(bw));
  }

  /**
   * As {@link #proj(BigInteger, BigInteger, BigInteger, int)}, with the weight's stored bytes and the
   * input's bytes given (a quantized weight, an input at the activation type): FLOPs and output
   * bytes as there.
   */
  public static Cost proj(BigInteger m, BigInteger n, BigInteger k, int w, BigInteger weightBytes, BigInteger inputBytes) {
    BigInteger mn = m.multiply(n);
    return new Cost(mn.multiply(k.multiply(TWO).subtract(ONE)), weightBytes, inputBytes, mn.multiply(BigInteger.valueOf(w)));
  }

  /**
   * A bias of {@code n} values added to each of {@code tokens} outputs of a projection: one add an
   * element and its n weights; it runs in the projection's epilogue, so it moves no activations.
   */
  public static Cost bias(BigInteger n, BigInteger tokens, int w) {
    return new Cost(n.multiply(tokens), n.multiply(BigInteger.valueOf(w)), BigInteger.ZERO, BigInteger.ZERO);
  }

  /** {@code elements} values multiplied by a per-token factor (a sigmoid gate): one FLOP each. */
  public static Cost scale(BigInteger elements, int w) {
    BigInteger bytes = elements.multiply(BigInteger.valueOf(w));
    return new Cost(elements, BigInteger.ZERO, bytes, bytes);
  }

  /** Element-wise sum of {@code tensors} tensors of {@code elements} elements each. */
  public static Cost sum(BigInteger elements, int tensors, int w) {
    BigInteger bytes = elements.multiply(BigInteger.valueOf(w));
    return new Cost(
        elements.multiply(BigInteger.valueOf(tensors - 1L)),
        BigInteger.ZERO,
        bytes.multiply(BigInteger.valueOf(tensors)),
        bytes);
  }

  /** Rotary position embedding of {@code dims} dimensions for {@code tokens} tokens: 3 FLOPs each. */
  public static Cost rope(BigInteger dims, BigInteger tokens, int w) {
    BigInteger elements = dims.multiply(tokens);
    BigInteger bytes = elements.multiply(BigInteger.valueOf(w));
    return new Cost(elements.multiply(BigInteger.valueOf(3)), BigInteger.ZERO, bytes, bytes);
  }

  /**
   * RMSNorm over {@code hidden} features for {@code tokens} tokens: square, sum, mean and epsilon,
   * square root, divide, scale (4h+2 FLOPs a token); h+1 weights.
   */
  public static Cost rmsnorm(BigInteger hidden, BigInteger tokens, int w) {
    BigInteger bw = BigInteger.valueOf(w);
    BigInteger bytes = hidden.multiply(tokens).multiply(bw);
    return new Cost(
        hidden.shiftLeft(2).add(TWO).multiply(tokens), hidden.add(ONE).multiply(bw), bytes, bytes);
  }

  /**
   * An L2 norm without weights over {@code width} values for {@code rows} rows: square, sum,
   * epsilon, square root, divide (3h+2 FLOPs a row).
   */
  public static Cost l2norm(BigInteger width, BigInteger rows, int w) {
    BigInteger bytes = width.multiply(rows).multiply(BigInteger.valueOf(w));
    return new Cost(width.multiply(BigInteger.valueOf(3)).add(TWO).multiply(rows), BigInteger.ZERO, bytes, bytes);
  }

  /**
   * LayerNorm with weight and bias over {@code width} values for {@code rows} rows: mean, subtract,
   * square, sum, rsqrt, scale, weight, bias (7h+2 FLOPs a row); 2h weights.
   */
  public static Cost layernorm(BigInteger width, BigInteger rows, int w) {
    BigInteger bw = BigInteger.valueOf(w);
    BigInteger bytes = width.multiply(rows).multiply(bw);
    return new Cost(width.multiply(BigInteger.valueOf(7)).add(TWO).multiply(rows), width.shiftLeft(1).multiply(bw), bytes, bytes);
  }

  /**
   * {@code elements} values, {@code flops} FLOPs each, reading {@code reads} and writing {@code
   * writes} tensors of that many values; no weights.
   */
  public static Cost elementwise(BigInteger elements, int flops, int reads, int writes, int w) {
    BigInteger bytes = elements.multiply(BigInteger.valueOf(w));
    return new Cost(
        elements.multiply(BigInteger.valueOf(flops)),
        BigInteger.ZERO,
        bytes.multiply(BigInteger.valueOf(reads)),
        bytes.multiply(BigInteger.valueOf(writes)));
  }

  /**
   * A causal depthwise convolution of {@code kernel} taps over {@code channels} channels for
   * {@code tokens} tokens, then SiLU: K multiplies, K−1 adds and 4 for SiLU per value (2K+3); K
   * weights a channel. It reads the new tokens' values and, for each of the {@code withPast}
   * queries with cached tokens, the K−1 previous columns of each channel; it writes the outputs and
   * the last K−1 columns of each of the {@code queries} queries.
   */
  public static Cost conv(BigInteger channels, BigInteger kernel, BigInteger tokens, BigInteger withPast, BigInteger queries, int w) {
    BigInteger bw = BigInteger.valueOf(w);
    BigInteger values = tokens.multiply(channels).multiply(bw);
    BigInteger state = channels.multiply(kernel.subtract(ONE)).multiply(bw);
    return new Cost(
        tokens.multiply(channels).multiply(kernel.shiftLeft(1).add(BigInteger.valueOf(3))),
        channels.multiply(kernel).multiply(bw),
        values.add(withPast.multiply(state)),
        values.add(queries.multiply(state)));
  }

  /**
   * The gated delta rule of {@code valueHeads} heads over {@code tokens} tokens, counted per token
   * and value head from its recurrent form: decay S·g (dk·dv), read-out kᵀS (2·dk·dv − dv), δ =
   * β(v − kᵀS) (2·dv), update S + k·δᵀ (2·dk·dv), output qᵀS (2·dk·dv − dv): 7·dk·dv; the L2 norms
   * of q and k (3·dk + 2 each), q's scale (dk) and the gates (10): 7·dk + 14. Weights: A_log and
   * dt_bias, one each per head. It reads q, k, v and the two gate inputs of each token and, for
   * each of the {@code withPast} queries with cached tokens, the float32 state (4 bytes a value);
   * it writes the outputs and the state of each of the {@code queries} queries.
   */
  public static Cost deltaRule(Part.DeltaRule d, BigInteger tokens, BigInteger withPast, BigInteger queries, int w) {
    BigInteger bw = BigInteger.valueOf(w);
    BigInteger dk = d.keyDim();
    BigInteger dv = d.valueDim();
    BigInteger nv = d.valueHeads();
    BigInteger keys = d.keyHeads().multiply(dk);
    BigInteger values = nv.multiply(dv);
    BigInteger perHead =
        BigInteger.valueOf(7).multiply(dk).multiply(dv).add(BigInteger.valueOf(7).multiply(dk)).add(BigInteger.valueOf(14));
    BigInteger state = d.stateElements().shiftLeft(2);
    BigInteger inputs = keys.shiftLeft(1).add(values).add(nv.shiftLeft(1));
    return new Cost(
        tokens.multiply(nv).multiply(perHead),
        nv.shiftLeft(1).multiply(bw),
        tokens.multiply(inputs).multiply(bw).add(withPast.multiply(state)),
        tokens.multiply(values).multiply(bw).add(queries.multiply(state)));
  }

  /**
   * The fused activation × up-projection of a gated feed-forward part, for {@code intermediate}
   * features and {@code tokens} tokens. Its compute, (a+1)·I + T, adds the token count where a
   * product is meant; it is kept as the original computes it.
   */
  public static Cost actmul(BigInteger intermediate, BigInteger tokens, int activationFlops, int w) {
    return actmul(intermediate, tokens, 1, activationFlops, w);
  }

  /**
   * {@code count} gated parts' activation × up-projection over {@code rows} token-part pairs (count
   * per token on one device): (a+1)·I per part plus the rows, as {@link #actmul(BigInteger,
   * BigInteger, int, int)} counts each part.
   */
  public static Cost actmul(BigInteger intermediate, BigInteger rows, long count, int activationFlops, int w) {
    BigInteger bytes = intermediate.multiply(rows).multiply(BigInteger.valueOf(w));
    return new Cost(
        BigInteger.valueOf(activationFlops + 1L).multiply(intermediate).multiply(BigInteger.valueOf(count)).add(rows),
        BigInteger.ZERO,
        bytes.multiply(TWO),
        bytes);
  }

  /**
   * Scaled dot-product attention, summed over the queries of the batch: per query, P = Q·Kᵀ costs
   * s·L·(2·qo−1) and O = S·V costs s·kv·(2L−1), with s its input tokens and L its cached plus input
   * tokens; it reads Q and the cached K and V, and writes O. Work is proportional to the typed
   * pattern, not to the batch size.
   */
  public static Cost sdpa(Query query, BigInteger qoDims, BigInteger kvDims, int w) {
    return sdpa(query, qoDims, kvDims, w, kvDims.shiftLeft(1).multiply(BigInteger.valueOf(w)));
  }

  /** As {@link #sdpa(Query, BigInteger, BigInteger, int)}, with the cached keys and values of type {@code kv}. */
  public static Cost sdpa(Query query, BigInteger qoDims, BigInteger kvDims, int w, ElementType kv) {
    return sdpa(query, qoDims, kvDims, w, kv.bytes(kvDims.shiftLeft(1)));
  }

  private static Cost sdpa(Query query, BigInteger qoDims, BigInteger kvDims, int w, BigInteger kvBytesPerToken) {
    BigInteger qoBytes = qoDims.multiply(BigInteger.valueOf(w));
    return attention(query, qoDims.multiply(TWO).subtract(ONE), kvDims, qoBytes, kvBytesPerToken, qoBytes);
  }

  /**
   * Multi-head latent attention in the absorbed form, summed over the queries of the batch: each
   * of {@code heads} heads scores its query of {@code latent + rope} values against every cached
   * latent and rotary key (s·L·(2·(latent+rope)−1) FLOPs a head) and sums the cached latents
   * weighted by the scores (s·latent·(2L−1)); it reads the queries and each cached latent once
   * (shared by all heads), each of type {@code kv}, and writes a latent per head and token.
   */
  public static Cost latentSdpa(Query query, BigInteger heads, BigInteger latent, BigInteger rope, int w, ElementType kv) {
    BigInteger bw = BigInteger.valueOf(w);
    BigInteger cached = latent.add(rope);
    return attention(
        query,
        heads.multiply(cached.multiply(TWO).subtract(ONE)),
        heads.multiply(latent),
        heads.multiply(cached).multiply(bw),
        kv.bytes(cached),
        heads.multiply(latent).multiply(bw));
  }

  /**
   * Attention's cost over the pattern, then times its repeat: per query of s input tokens and L
   * cached plus input tokens, s·L·{@code scoreFlops} + s·{@code mixDims}·(2L−1) FLOPs, s·{@code
   * queryBytes} + L·{@code keyBytes} bytes in and s·{@code outputBytes} out, all per token.
   */
  private static Cost attention(
      Query query, BigInteger scoreFlops, BigInteger mixDims, BigInteger queryBytes, BigInteger keyBytes, BigInteger outputBytes) {
    Cost pattern = Cost.ZERO;
    for (int q = 0; q < query.input().size(); q++) {
      BigInteger s = query.input().get(q);
      BigInteger len = query.cached().get(q).add(s);
      BigInteger flops = s.multiply(len).multiply(scoreFlops).add(s.multiply(mixDims).multiply(len.multiply(TWO).subtract(ONE)));
      BigInteger in = s.multiply(queryBytes).add(len.multiply(keyBytes));
      pattern = pattern.plus(new Cost(flops, BigInteger.ZERO, in, s.multiply(outputBytes)));
    }
    return pattern.times(query.repeat());
  }
}
