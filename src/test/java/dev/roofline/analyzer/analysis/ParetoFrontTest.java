package dev.roofline.analyzer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The streamed Pareto front against the definition, checked pair by pair. */
class ParetoFrontTest {

  private static Rational r(long num, long den) {
    return new Rational(BigInteger.valueOf(num), BigInteger.valueOf(den));
  }

  /** Whether {@code a} dominates {@code b}: at least as good on both, better on one. */
  private static boolean dominates(Rational[] a, Rational[] b) {
    int x = a[0].compareTo(b[0]);
    int y = a[1].compareTo(b[1]);
    return x >= 0 && y >= 0 && (x > 0 || y > 0);
  }

  /** The indices of the points no other point dominates, by brute force. */
  private static List<Integer> bruteForce(List<Rational[]> points) {
    List<Integer> front = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      boolean dominated = false;
      for (int j = 0; j < points.size() && !dominated; j++) {
        dominated = dominates(points.get(j), points.get(i));
      }
      if (!dominated) {
        front.add(i);
      }
    }
    return front;
  }

  /** Random points on a small grid, so that ties on one or both coordinates are common. */
  @RepeatedTest(200)
  void equalsTheBruteForceFront(RepetitionInfo repetition) {
    Random random = new Random(repetition.getCurrentRepetition());
    int n = 1 + random.nextInt(60);
    int grid = 2 + random.nextInt(12);
    List<Rational[]> points = new ArrayList<>();
    ParetoFront<Integer> front = new ParetoFront<>();
    for (int i = 0; i < n; i++) {
      Rational[] p = {r(random.nextInt(grid), 1 + random.nextInt(3)), r(random.nextInt(grid), 1 + random.nextInt(3))};
      points.add(p);
      front.offer(p[0], p[1], i);
    }
    List<Integer> streamed = new ArrayList<>(front.items());
    streamed.sort(null);
    assertThat(streamed).isEqualTo(bruteForce(points));
    assertThat(front.size()).isEqualTo(streamed.size());
  }

  @Test
  void keepsEqualPointsAndDropsDominatedOnes() {
    ParetoFront<String> front = new ParetoFront<>();
    assertThat(front.offer(r(1, 1), r(5, 1), "a")).isTrue();
    assertThat(front.offer(r(1, 1), r(5, 1), "a again")).isTrue();
    assertThat(front.offer(r(1, 1), r(4, 1), "below a")).isFalse();
    assertThat(front.offer(r(3, 1), r(2, 1), "right")).isTrue();
    assertThat(front.offer(r(2, 1), r(2, 1), "between, no higher")).isFalse();
    assertThat(front.offer(r(3, 1), r(5, 1), "over all")).isTrue();
    assertThat(front.items()).containsExactly("over all");
  }
}
