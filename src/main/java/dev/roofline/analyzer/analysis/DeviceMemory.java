package dev.roofline.analyzer.analysis;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The memory of the fullest device of a split instance: the pipeline stage it serves (from 0), the
 * weights it holds (its shards, the replicated parts whole), the KV cache of its layers for every
 * query of its attention group, their recurrent state (linear attention's), its idle experts, its share of the embedding table, their sum, and
 * whether that fits its capacity (null when the capacity is not known).
 */
public record DeviceMemory(
    long stage,
    BigInteger weightBytes,
    BigInteger kvCacheBytes,
    BigInteger recurrentStateBytes,
    BigInteger idleExpertBytes,
    BigInteger embeddingBytes,
    BigInteger capacityBytes,
    Boolean fits) {

  public DeviceMemory {
    Objects.requireNonNull(weightBytes, "weightBytes");
    Objects.requireNonNull(kvCacheBytes, "kvCacheBytes");
    Objects.requireNonNull(recurrentStateBytes, "recurrentStateBytes");
    Objects.requireNonNull(idleExpertBytes, "idleExpertBytes");
    Objects.requireNonNull(embeddingBytes, "embeddingBytes");
    if ((capacityBytes == null) != (fits == null)) {
      throw new IllegalArgumentException("capacity and fits go together");
    }
  }

  /** The sum of the parts. */
  public BigInteger totalBytes() {
    return weightBytes.add(kvCacheBytes).add(recurrentStateBytes).add(idleExpertBytes).add(embeddingBytes);
  }
}
