package dev.roofline.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Experts touched, {@code ⌈N·(1 − ((E−k)/E)^T)⌉}, against exact rational arithmetic, and its cost
 * for any number of tokens.
 */
class RoutingTest {

  /**
   * Every E ≤ 300, k ≤ E and T ≤ 2000, against the fraction N·(E−k)^T / E^T kept exactly as two
   * integers. x_T decreases with T, so once ⌊x_T⌋ is 0 it stays 0 and u = E for every larger T.
   */
  @Test
  void matchesExactFractionsForEverySmallCase() {
    BigInteger[] tokens = new BigInteger[2001];
    for (int t = 0; t <= 2000; t++) {
      tokens[t] = BigInteger.valueOf(t);
    }
    for (long e = 1; e <= 300; e++) {
      BigInteger experts = BigInteger.valueOf(e);
      for (long k = 0; k <= e; k++) {
        BigInteger num = experts; // N·(E−k)^T with N = E, at T = 0
        BigInteger den = BigInteger.ONE; // E^T
        boolean none = false;
        for (int t = 1; t <= 2000; t++) {
          long expected;
          if (k == 0) {
            expected = 0;
          } else {
            if (!none) {
              num = num.multiply(BigInteger.valueOf(e - k));
              den = den.multiply(experts);
              none = num.compareTo(den) < 0;
            }
            expected = none ? e : e - num.divide(den).longValueExact();
          }
          long u = Routing.touched(e, e, k, tokens[t]);
          if (u != expected) {
            throw new AssertionError("E=" + e + " k=" + k + " T=" + t + ": " + u + ", expected " + expected);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          # held, experts, k, tokens, touched
          256,    256,     8, 1,      8
          256,    256,     8, 64,     223
          8,      8,       2, 1,      2
          8,      8,       2, 64,     8
          32,     256,     8, 64,     28
          256,    256,     0, 64,     0
          256,    256,     8, 0,      0
          16,     16,      1, 1,      1
          """)
  void handComputedCases(long held, long experts, long k, long tokens, long touched) {
    // 256·(1 − (248/256)^64) = 256 − 33.56 = 222.44, read as 223; 32 of 256: 32 − 4.19, read as 28.
    assertThat(Routing.touched(held, experts, k, BigInteger.valueOf(tokens))).isEqualTo(touched);
  }

  @Test
  void deepSeekBatchOf64TouchesAbout223Of256() {
    // x = 256·(248/256)^64 exactly, as a fraction: u = 256 − ⌊x⌋.
    BigInteger x = BigInteger.valueOf(256).multiply(BigInteger.valueOf(248).pow(64)).divide(BigInteger.valueOf(256).pow(64));
    assertThat(Routing.touched(256, 256, 8, BigInteger.valueOf(64))).isEqualTo(256 - x.longValueExact());
  }

  @Test
  void aQuintillionTokensCostNoMoreThanOne() {
    BigInteger many = BigInteger.TEN.pow(18);
    assertThat(Routing.touched(256, 256, 8, many)).isEqualTo(256);
    assertThat(Routing.touched(65536, 65536, 1, many)).isEqualTo(65536);
    assertThat(Routing.touched(Long.MAX_VALUE, Long.MAX_VALUE, 1, BigInteger.TEN.pow(400))).isEqualTo(Long.MAX_VALUE);
  }

  /**
   * Between the exact range and the threshold (65,536 experts, 1 per token, 100,000 tokens: 1.6
   * million bits) the decimal path, against the integers computed once here.
   */
  @Test
  void manyTokensBelowTheThresholdStayExactAndFast() {
    long e = 65536;
    int t = 100_000;
    BigInteger x =
        BigInteger.valueOf(e).multiply(BigInteger.valueOf(e - 1).pow(t)).divide(BigInteger.valueOf(e).pow(t));
    long[] u = new long[1];
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> u[0] = Routing.touched(e, e, 1, BigInteger.valueOf(t)));
    assertThat(u[0]).isEqualTo(e - x.longValueExact());
  }

  @Test
  void refusesImpossibleArguments() {
    assertThatThrownBy(() -> Routing.touched(9, 8, 2, BigInteger.ONE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Routing.touched(8, 8, 9, BigInteger.ONE)).isInstanceOf(IllegalArgumentException.class);
  }
}
