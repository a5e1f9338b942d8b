package dev.roofline.analyzer.graph;

import java.math.BigInteger;
import java.util.function.BinaryOperator;

/**
 * One step of a graph as a cost model sees it: the batch, its token totals, the config's element
 * width and the tensors' formats.
 */
final class Step {
  final Query query;
  final Tensors tensors;
  /** Bytes of one element at the config's dtype. */
  final int w;
  /** {@code w} as a BigInteger. */
  final BigInteger width;
  /** Input tokens of the whole batch ({@code T}). */
  final BigInteger tokens;
  /** Tokens the routed experts of a device's group see: those of every attention group. */
  final BigInteger moeTokens;
  /** The expert-parallel degree: the groups of experts the token-expert pairs are shared over. */
  private final BigInteger expertShards;

  Step(OperatorGraph graph, Query query) {
    this.query = query;
    this.tensors = graph.tensors();
    this.w = graph.width();
    this.width = BigInteger.valueOf(w);
    this.tokens = query.totalInputTokens();
    this.moeTokens = tokens.multiply(BigInteger.valueOf(graph.layout().dp()));
    this.expertShards = BigInteger.valueOf(graph.layout().ep());
  }

  /** Whether the step runs on one device's whole model: no share of experts or tokens. */
  boolean whole() {
    return expertShards.equals(BigInteger.ONE) && moeTokens.equals(tokens);
  }

  /**
   * The token-expert pairs of a device when each token chooses {@code perToken} experts: its
   * group's pairs shared over the expert groups, the largest share when they do not divide.
   */
  BigInteger pairs(long perToken) {
    BigInteger all = moeTokens.multiply(BigInteger.valueOf(perToken));
    return all.add(expertShards).subtract(BigInteger.ONE).divide(expertShards);
  }

  /** The activation rows of {@code rows}. */
  BigInteger rows(Part.Rows rows) {
    return rows == Part.Rows.TOKENS ? tokens : query.queriesWithInput();
  }

  /** {@code f(c, s)} summed over the queries of the batch ({@code c} cached, {@code s} input tokens). */
  BigInteger sum(BinaryOperator<BigInteger> f) {
    BigInteger sum = BigInteger.ZERO;
    for (int q = 0; q < query.cached().size(); q++) {
      sum = sum.add(f.apply(query.cached().get(q), query.input().get(q)));
    }
    return sum.multiply(query.repeat());
  }

  /** Bytes of {@code elements} values at the config's dtype. */
  BigInteger bytes(BigInteger elements) {
    return elements.multiply(width);
  }
}
