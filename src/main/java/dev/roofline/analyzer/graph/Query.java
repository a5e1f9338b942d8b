package dev.roofline.analyzer.graph;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The queries of one inference step: a pattern of (cached, input) token counts, one pair per
 * query, repeated {@code repeat} times to make the batch. The expanded batch is never built: every
 * quantity is a sum over queries, hence the pattern's sum times {@code repeat}.
 */
public record Query(List<BigInteger> cached, List<BigInteger> input, BigInteger repeat) {

  public Query {
    cached = List.copyOf(cached);
    input = List.copyOf(input);
    if (cached.isEmpty() || cached.size() != input.size()) {
      throw new IllegalArgumentException("cached and input token lists must have the same length");
    }
    if (repeat.signum() <= 0) {
      throw new IllegalArgumentException("repeat must be positive");
    }
    for (int q = 0; q < cached.size(); q++) {
      if (cached.get(q).signum() < 0 || input.get(q).signum() < 0) {
        throw new IllegalArgumentException("token counts must not be negative");
      }
    }
  }

  /**
   * The batch of the command line: {@code cached} and {@code input} per query, repeated to {@code
   * batchSize} queries when it is given (null: the lists as they are).
   *
   * @throws IllegalArgumentException with a message for the user when the lists do not make a batch
   */
  public static Query of(List<BigInteger> cached, List<BigInteger> input, BigInteger batchSize) {
    if (cached.size() != input.size()) {
      throw new IllegalArgumentException(
          "--cached-tokens and --input-tokens must have the same number of values (got "
              + cached.size()
              + " and "
              + input.size()
              + ")");
    }
    for (List<BigInteger> list : List.of(cached, input)) {
      for (BigInteger n : list) {
        if (n.signum() < 0) {
          throw new IllegalArgumentException(
              (list == cached ? "--cached-tokens" : "--input-tokens")
                  + " must not be negative (got "
                  + n
                  + ")");
        }
      }
    }
    BigInteger repeat = BigInteger.ONE;
    if (batchSize != null) {
      BigInteger[] qr = batchSize.divideAndRemainder(BigInteger.valueOf(cached.size()));
      if (batchSize.signum() <= 0 || qr[1].signum() != 0) {
        throw new IllegalArgumentException(
            "--batch-size must be a positive multiple of the number of values in --cached-tokens"
                + " and --input-tokens ("
                + cached.size()
                + "), got "
                + batchSize);
      }
      repeat = qr[0];
    }
    Query query = new Query(cached, input, repeat);
    if (query.totalInputTokens().signum() == 0) {
      throw new IllegalArgumentException(
          "--input-tokens must add up to at least 1 token (every intensity would divide by zero)");
    }
    return query;
  }

  /**
   * The queries as a sliding-window layer of {@code window} tokens sees them: each keeps at most
   * {@code window − 1} past tokens (transformers' cache), so its cached count is capped there. The
   * pattern is capped; the batch is still not expanded.
   */
  public Query window(long window) {
    if (window <= 0) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    BigInteger kept = BigInteger.valueOf(window - 1);
    List<BigInteger> capped = new ArrayList<>(cached.size());
    for (BigInteger c : cached) {
      capped.add(c.min(kept));
    }
    return new Query(capped, input, repeat);
  }

  /** Number of queries in the expanded batch. */
  public BigInteger batchSize() {
    return repeat.multiply(BigInteger.valueOf(cached.size()));
  }

  /** Tokens fed in this step over the whole batch ({@code T}). */
  public BigInteger totalInputTokens() {
    BigInteger sum = BigInteger.ZERO;
    for (BigInteger n : input) {
      sum = sum.add(n);
    }
    return repeat.multiply(sum);
  }

  /** Tokens whose keys and values are held after this step, over the whole batch. */
  public BigInteger totalContextTokens() {
    BigInteger sum = BigInteger.ZERO;
    for (int q = 0; q < cached.size(); q++) {
      sum = sum.add(cached.get(q)).add(input.get(q));
    }
    return repeat.multiply(sum);
  }
}
