package dev.roofline.analyzer.analysis;

import java.math.BigInteger;
import java.util.List;

/**
 * The step's queries: the token pattern as typed (cached and input tokens per query), the number
 * of queries the pattern is repeated to, and the totals over the whole batch. The batch itself is
 * never expanded.
 */
public record Workload(
    List<BigInteger> cachedTokens,
    List<BigInteger> inputTokens,
    BigInteger batchSize,
    BigInteger totalCachedTokens,
    BigInteger totalInputTokens) {

  public Workload {
    cachedTokens = List.copyOf(cachedTokens);
    inputTokens = List.copyOf(inputTokens);
  }
}
