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
   * The batch of {@code cached} and {@code input} token counts per query, repeated to {@code
   * batchSize} queries when it is given (null: the lists as they are).
   *
   * @throws Invalid saying which rule the lists break
   */
  public static Query of(List<BigInteger> cached, List<BigInteger> input, BigInteger batchSize) {
    if (cached.size() != input.size()) {
      throw new Invalid(Invalid.Problem.LENGTHS_DIFFER, BigInteger.valueOf(input.size()));
    }
    for (BigInteger n : cached) {
      if (n.signum() < 0) {
        throw new Invalid(Invalid.Problem.NEGATIVE_CACHED, n);
      }
    }
    for (BigInteger n : input) {
      if (n.signum() < 0) {
        throw new Invalid(Invalid.Problem.NEGATIVE_INPUT, n);
      }
    }
    BigInteger repeat = BigInteger.ONE;
    if (batchSize != null) {
      BigInteger[] qr = batchSize.divideAndRemainder(BigInteger.valueOf(cached.size()));
      if (batchSize.signum() <= 0 || qr[1].signum() != 0) {
        throw new Invalid(Invalid.Problem.BATCH_NOT_A_MULTIPLE, batchSize);
      }
      repeat = qr[0];
    }
    Query query = new Query(cached, input, repeat);
    if (query.totalInputTokens().signum() == 0) {
      throw new Invalid(Invalid.Problem.NO_INPUT_TOKENS, BigInteger.ZERO);
    }
    return query;
  }

  /** Token lists that make no batch: which rule they break, and the offending value. */
  public static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The rules of a batch. */
    public enum Problem {
      /** The two lists differ in length; the value is the input list's length. */
      LENGTHS_DIFFER,
      /** A negative cached count; the value is that count. */
      NEGATIVE_CACHED,
      /** A negative input count; the value is that count. */
      NEGATIVE_INPUT,
      /** The batch size is not a positive multiple of the lists' length; the value is the size. */
      BATCH_NOT_A_MULTIPLE,
      /** The input counts add up to zero. */
      NO_INPUT_TOKENS
    }

    private final Problem problem;
    private final transient BigInteger value;

    Invalid(Problem problem, BigInteger value) {
      super(problem + " (" + value + ")");
      this.problem = problem;
      this.value = value;
    }

    public Problem problem() {
      return problem;
    }

    public BigInteger value() {
      return value;
    }
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

  /**
   * One of {@code parts} equal shares of the batch (an attention group's micro-batch): the same
   * pattern, repeated {@code repeat / parts} times.
   *
   * @throws IllegalArgumentException when the repeats do not divide into {@code parts}
   */
  public Query share(BigInteger parts) {
    BigInteger[] qr = repeat.divideAndRemainder(parts);
    if (qr[1].signum() != 0 || qr[0].signum() == 0) {
      throw new IllegalArgumentException("the batch does not split into " + parts + " equal shares");
    }
    return new Query(cached, input, qr[0]);
  }

  /**
   * Decode step {@code j} (from 1) after this step: each query has its cached and input tokens and
   * the {@code j − 1} tokens decoded since in its cache, and feeds one token.
   */
  public Query decode(BigInteger j) {
    List<BigInteger> after = new ArrayList<>(cached.size());
    List<BigInteger> one = new ArrayList<>(cached.size());
    for (int q = 0; q < cached.size(); q++) {
      after.add(cached.get(q).add(input.get(q)).add(j).subtract(BigInteger.ONE));
      one.add(BigInteger.ONE);
    }
    return new Query(after, one, repeat);
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

  /** Queries of the batch that feed at least one token ({@code B′}): each needs its next token's logits. */
  public BigInteger queriesWithInput() {
    return queriesWithSome(input);
  }

  /** Queries of the batch that have cached tokens: each reads its recurrent state. */
  public BigInteger queriesWithCache() {
    return queriesWithSome(cached);
  }

  /** Queries of the batch whose count in {@code counts} (the pattern's) is positive. */
  private BigInteger queriesWithSome(List<BigInteger> counts) {
    long n = 0;
    for (BigInteger c : counts) {
      if (c.signum() > 0) {
        n++;
      }
    }
    return repeat.multiply(BigInteger.valueOf(n));
  }

  /** Tokens already in the KV cache, over the whole batch. */
  public BigInteger totalCachedTokens() {
    BigInteger sum = BigInteger.ZERO;
    for (BigInteger n : cached) {
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
