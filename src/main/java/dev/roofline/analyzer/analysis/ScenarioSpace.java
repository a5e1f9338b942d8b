package dev.roofline.analyzer.analysis;

import java.math.BigInteger;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The scenarios of a sweep: the cartesian product of its axes, in the order they are given, the
 * last varying fastest; what no axis varies is the base scenario's. A swept token count is every
 * query's: it fills the pattern as wide as the other token list (a pattern of one when both are
 * swept). The scenarios are made one at a time, as they are asked for: a sweep of any size takes
 * the memory of one.
 */
public final class ScenarioSpace implements Iterable<Scenario> {

  /**
   * One swept key and its values, in order: whole numbers ({@link BigInteger}; a degree within a
   * {@code long}), or device ids for {@link SweepKey#DEVICE}.
   */
  public record Axis(SweepKey key, List<?> values) {
    public Axis {
      Objects.requireNonNull(key, "key");
      if (values.isEmpty()) {
        throw new IllegalArgumentException("an axis needs a value");
      }
      // The values are of one kind: the first says which (a range's are made when asked for).
      Object first = values.get(0);
      if (!(key.numeric() ? first instanceof BigInteger : first instanceof String)) {
        throw new IllegalArgumentException(key.id() + " cannot take " + first);
      }
    }
  }

  private final List<Axis> axes;
  private final Scenario base;
  private final int width;

  public ScenarioSpace(List<Axis> axes, Scenario base) {
    this.axes = List.copyOf(axes);
    this.base = Objects.requireNonNull(base, "base");
    boolean cached = false;
    boolean input = false;
    for (Axis a : this.axes) {
      cached |= a.key() == SweepKey.CACHED;
      input |= a.key() == SweepKey.INPUT;
    }
    this.width =
        cached && input ? 1 : cached ? base.input().size() : base.cached().size();
  }

  /** The length of every scenario's token pattern: the values a query count repeats to fill the batch. */
  public int width() {
    return width;
  }

  /** The swept keys, in the order given. */
  public List<SweepKey> keys() {
    return axes.stream().map(Axis::key).toList();
  }

  public List<Axis> axes() {
    return axes;
  }

  /** The number of scenarios: the product of the axes' sizes. */
  public BigInteger size() {
    BigInteger n = BigInteger.ONE;
    for (Axis a : axes) {
      n = n.multiply(BigInteger.valueOf(a.values().size()));
    }
    return n;
  }

  @Override
  public Iterator<Scenario> iterator() {
    return new Iterator<>() {
      private final int[] at = new int[axes.size()];
      private boolean done;

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public Scenario next() {
        if (done) {
          throw new NoSuchElementException();
        }
        Scenario s = compose(at);
        // An odometer: the last axis turns fastest; when the first wraps, every scenario is made.
        int a = at.length - 1;
        while (a >= 0 && ++at[a] == axes.get(a).values().size()) {
          at[a] = 0;
          a--;
        }
        done = a < 0;
        return s;
      }
    };
  }

  /** The scenario at value {@code at[i]} of each axis {@code i}. */
  private Scenario compose(int[] at) {
    BigInteger batch = base.batch();
    List<BigInteger> cached = base.cached();
    List<BigInteger> input = base.input();
    BigInteger output = base.output();
    long tp = base.tp();
    long dp = base.dp();
    long ep = base.ep();
    long pp = base.pp();
    String device = base.device();
    for (int i = 0; i < at.length; i++) {
      Axis axis = axes.get(i);
      Object v = axis.values().get(at[i]);
      switch (axis.key()) {
        case BATCH -> batch = (BigInteger) v;
        case CACHED -> cached = Collections.nCopies(width, (BigInteger) v);
        case INPUT -> input = Collections.nCopies(width, (BigInteger) v);
        case OUTPUT -> output = (BigInteger) v;
        case TP -> tp = ((BigInteger) v).longValueExact();
        case DP -> dp = ((BigInteger) v).longValueExact();
        case EP -> ep = ((BigInteger) v).longValueExact();
        case PP -> pp = ((BigInteger) v).longValueExact();
        case DEVICE -> device = (String) v;
      }
    }
    return new Scenario(batch, cached, input, output, tp, dp, ep, pp, device);
  }
}
