package dev.roofline.analyzer.config;

import java.util.Arrays;
import java.util.Collection;

/**
 * A set of a model's layer indices (from 0): the layers of one kind, such as those with a mixture
 * of experts or a sliding window. Counted over any range of layers in constant time (or in the
 * time of a binary search for a listed set), so that a pipeline stage's share is exact for any
 * number of layers.
 */
public sealed interface Layers {

  /** No layer. */
  Layers NONE = new Listed(new long[0]);

  /** Every layer. */
  Layers ALL = new All();

  /** Whether layer {@code i} is in the set. */
  boolean contains(long i);

  /** The layers of the set among {@code from ≤ i < to} ({@code 0 ≤ from ≤ to}). */
  long count(long from, long to);

  /**
   * The first layer of the set among {@code from ≤ i < to}, or −1: a search that halves the range
   * by counts, so it costs no more than a few dozen counts.
   */
  default long first(long from, long to) {
    if (count(from, to) == 0) {
      return -1;
    }
    long lo = from;
    long hi = to;
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (count(lo, mid) > 0) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return lo;
  }

  /** Every layer. */
  record All() implements Layers {
    @Override
    public boolean contains(long i) {
      return i >= 0;
    }

    @Override
    public long count(long from, long to) {
      return to - from;
    }
  }

  /** Layers {@code i ≥ start}. */
  record From(long start) implements Layers {
    @Override
    public boolean contains(long i) {
      return i >= start;
    }

    @Override
    public long count(long from, long to) {
      return Math.max(0, to - Math.max(from, start));
    }
  }

  /** Layers {@code i} with {@code (i + 1)} a multiple of {@code step}: the step-th, 2·step-th, … */
  record Every(long step) implements Layers {
    public Every {
      if (step <= 0) {
        throw new IllegalArgumentException("step must be positive: " + step);
      }
    }

    @Override
    public boolean contains(long i) {
      return i >= 0 && i % step == step - 1;
    }

    /** Multiples of step among from + 1 … to. */
    @Override
    public long count(long from, long to) {
      return to / step - from / step;
    }
  }

  /** Even layers below {@code end}: 0, 2, 4, … */
  record EvenBelow(long end) implements Layers {
    @Override
    public boolean contains(long i) {
      return i >= 0 && i < end && i % 2 == 0;
    }

    @Override
    public long count(long from, long to) {
      long hi = Math.min(to, end);
      long lo = Math.min(from, hi);
      return ceilHalf(hi) - ceilHalf(lo);
    }

    /** Even numbers below n: ⌈n/2⌉, without overflow. */
    private static long ceilHalf(long n) {
      return n / 2 + n % 2;
    }
  }

  /** The layers a config lists by index, each once. */
  final class Listed implements Layers {
    private final long[] sorted;

    private Listed(long[] sorted) {
      this.sorted = sorted;
    }

    /** The distinct indices of {@code indices}. */
    public static Listed of(Collection<Long> indices) {
      long[] sorted = indices.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
      return new Listed(sorted);
    }

    @Override
    public boolean contains(long i) {
      return Arrays.binarySearch(sorted, i) >= 0;
    }

    @Override
    public long count(long from, long to) {
      return insertion(to) - insertion(from);
    }

    /** How many indices are below {@code i}. */
    private int insertion(long i) {
      int at = Arrays.binarySearch(sorted, i);
      return at >= 0 ? at : -at - 1;
    }

    /** Each listed index, in order, among {@code from ≤ i < to}. */
    long[] within(long from, long to) {
      return Arrays.copyOfRange(sorted, insertion(from), insertion(to));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Listed other && Arrays.equals(sorted, other.sorted);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(sorted);
    }

    @Override
    public String toString() {
      return "Listed" + Arrays.toString(sorted);
    }
  }

  /** The layers of {@code base} that {@code removed} does not list. */
  record Without(Layers base, Listed removed) implements Layers {
    @Override
    public boolean contains(long i) {
      return base.contains(i) && !removed.contains(i);
    }

    @Override
    public long count(long from, long to) {
      long count = base.count(from, to);
      for (long i : removed.within(from, to)) {
        if (base.contains(i)) {
          count--;
        }
      }
      return count;
    }
  }

  /** The layers {@code of} leaves out. */
  record Not(Layers of) implements Layers {
    @Override
    public boolean contains(long i) {
      return i >= 0 && !of.contains(i);
    }

    @Override
    public long count(long from, long to) {
      return to - from - of.count(from, to);
    }
  }
}
