package dev.roofline.analyzer.config;

import java.math.BigInteger;

/**
 * Multi-head latent attention (DeepSeek-V2/V3): {@code heads} query heads whose query is
 * projected down to {@code qLoraRank} values and up again (0: projected directly from the
 * hidden state), a cached latent of {@code kvLoraRank} values plus {@code qkRopeHeadDim} rotary
 * values per token, from which keys of {@code qkNopeHeadDim + qkRopeHeadDim} and values of
 * {@code vHeadDim} per head are projected up. Each size may be any positive {@code long}, so
 * their sums are exact integers.
 */
public record LatentAttention(
    long heads, long qLoraRank, long kvLoraRank, long qkNopeHeadDim, long qkRopeHeadDim, long vHeadDim) {

  /** Width of a query or key head: its position-free part plus its rotary part. */
  public BigInteger qkHeadDim() {
    return BigInteger.valueOf(qkNopeHeadDim).add(BigInteger.valueOf(qkRopeHeadDim));
  }

  /** Values cached per token and layer: the latent and the rotary key, shared by all heads. */
  public BigInteger cachedDims() {
    return BigInteger.valueOf(kvLoraRank).add(BigInteger.valueOf(qkRopeHeadDim));
  }
}
