package dev.roofline.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The closed forms of key visits, distinct keys and held tokens against loops over positions, for
 * every small case of cached tokens, input tokens, window and chunk sizes.
 */
class WindowTest {

  /** The keys the token at position {@code p} attends to, by definition. */
  private static long keysAt(Window w, long p) {
    return switch (w.kind()) {
      case FULL -> p + 1;
      case SLIDING -> Math.min(p + 1, w.size());
      case CHUNKED -> (p % w.size()) + 1;
    };
  }

  /** The first key position the token at {@code p} attends to. */
  private static long firstKey(Window w, long p) {
    return p + 1 - keysAt(w, p);
  }

  private static void check(Window w, long c, long s) {
    long visits = 0;
    long first = Long.MAX_VALUE;
    for (long p = c; p < c + s; p++) {
      visits += keysAt(w, p);
      first = Math.min(first, firstKey(w, p));
    }
    // Keys first … c+s−1 are read, each once; a query without new tokens reads none.
    long distinct = s == 0 ? 0 : c + s - first;
    BigInteger bc = BigInteger.valueOf(c);
    BigInteger bs = BigInteger.valueOf(s);
    String at = w + " c=" + c + " s=" + s;
    assertThat(w.keyVisits(bc, bs)).as(at).isEqualTo(BigInteger.valueOf(visits));
    assertThat(w.distinctKeys(bc, bs)).as(at).isEqualTo(BigInteger.valueOf(distinct));
  }

  @Test
  void fullAttentionMatchesALoopOverPositions() {
    for (long c = 0; c <= 60; c++) {
      for (long s = 0; s <= 60; s++) {
        check(Window.FULL, c, s);
      }
    }
  }

  @Test
  void slidingWindowsMatchALoopOverPositions() {
    for (long size = 1; size <= 20; size++) {
      for (long c = 0; c <= 45; c++) {
        for (long s = 0; s <= 45; s++) {
          check(Window.sliding(size), c, s);
        }
      }
    }
  }

  @Test
  void chunksMatchALoopOverPositions() {
    for (long size = 1; size <= 20; size++) {
      for (long c = 0; c <= 45; c++) {
        for (long s = 0; s <= 45; s++) {
          check(Window.chunked(size), c, s);
        }
      }
    }
  }

  /** Tokens held after the step: full every one; sliding the last W − 1 cached and the new; chunked the current chunk's. */
  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          # kind,   size, cached, input, held
          FULL,     0,    100,    5,     105
          SLIDING,  4096, 100,    5,     105
          SLIDING,  4096, 10000,  1,     4096
          SLIDING,  4096, 4095,   0,     4095
          CHUNKED,  8192, 20000,  1,     3617
          CHUNKED,  8192, 16383,  1,     8192
          CHUNKED,  8192, 16384,  1,     1
          CHUNKED,  8192, 0,      8192,  8192
          """)
  void heldTokens(Window.Kind kind, long size, long cached, long input, long held) {
    assertThat(new Window(kind, size).held(BigInteger.valueOf(cached), BigInteger.valueOf(input)))
        .isEqualTo(BigInteger.valueOf(held));
  }

  @Test
  void hugeCountsStayExact() {
    BigInteger c = BigInteger.TEN.pow(30);
    BigInteger s = BigInteger.TEN.pow(20);
    // Full: s·c + s·(s+1)/2.
    assertThat(Window.FULL.keyVisits(c, s))
        .isEqualTo(s.multiply(c).add(s.multiply(s.add(BigInteger.ONE)).shiftRight(1)));
    // Sliding past its window: W keys for every token.
    assertThat(Window.sliding(4096).keyVisits(c, s)).isEqualTo(s.multiply(BigInteger.valueOf(4096)));
  }
}
