package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.analysis.ScenarioSpace;
import dev.roofline.analyzer.analysis.SweepKey;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of one {@code --sweep KEY=VALUES}: a comma list ({@code 1,8,64}; device ids for
 * {@code device}), or a range of whole numbers {@code A..B} stepping {@code :xF} (geometric, an
 * integer factor of at least 2, from an {@code A} of at least 1) or {@code :+S} (arithmetic, {@code
 * S} at least 1; without a step, {@code :+1}), {@code B} included only when a step lands on it.
 * Numbers are ASCII digits, at most {@value #MAX_DIGITS} of them. Anything else is a usage error
 * naming the argument; a value that breaks a rule of the model or the layout ({@code tp=0}) is
 * not: it makes an invalid row.
 */
final class SweepGrammar {
  private SweepGrammar() {}

  /** Longer numbers are typos, and a geometric range to one would be long. */
  static final int MAX_DIGITS = 100;

  private static final BigInteger MAX_DEGREE = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger MAX_VALUES = BigInteger.valueOf(Integer.MAX_VALUE);

  /**
   * The key and values {@code arg} gives, {@code option} naming the option in messages; device ids
   * as {@code arg} spells them.
   *
   * @throws UsageException for an unknown key, a malformed list or range, an empty range
   */
  static ScenarioSpace.Axis parse(String option, String arg) {
    int equals = arg.indexOf('=');
    if (equals < 0) {
      throw new UsageException(
          option + " '" + arg + "' must be KEY=VALUES, such as batch=1..256:x2 or tp=1,2,4,8 (keys: " + keys() + ")");
    }
    String name = arg.substring(0, equals);
    SweepKey key = SweepKey.named(name);
    if (key == null) {
      throw new UsageException(option + ": unknown key '" + name + "' in '" + arg + "' (keys: " + keys() + ")");
    }
    String text = arg.substring(equals + 1);
    String where = option + " " + arg;
    if (!key.numeric()) {
      List<String> ids = new ArrayList<>();
      for (String id : text.split(",", -1)) {
        if (id.isEmpty()) {
          throw new UsageException(where + ": a device id is missing; give ids separated by commas, such as "
              + key.id() + "=h100-sxm,mi300x");
        }
        ids.add(id);
      }
      return new ScenarioSpace.Axis(key, ids);
    }
    int dots = text.indexOf("..");
    List<BigInteger> values = dots < 0 ? list(where, text) : range(where, text, dots);
    if (key == SweepKey.TP || key == SweepKey.DP || key == SweepKey.EP || key == SweepKey.PP) {
      for (BigInteger v : dots < 0 ? values : List.of(values.get(values.size() - 1))) {
        if (v.compareTo(MAX_DEGREE) > 0) {
          throw new UsageException(where + ": " + v + " devices is more than any instance has");
        }
      }
    }
    return new ScenarioSpace.Axis(key, values);
  }

  /** The largest of {@code values}, numbers as {@link #parse} gives them (a range rises: its last). */
  static BigInteger largest(List<?> values) {
    if (values instanceof Arithmetic) {
      return (BigInteger) values.get(values.size() - 1);
    }
    BigInteger largest = BigInteger.ZERO;
    for (Object v : values) {
      largest = largest.max((BigInteger) v);
    }
    return largest;
  }

  private static List<BigInteger> list(String where, String text) {
    List<BigInteger> values = new ArrayList<>();
    for (String item : text.split(",", -1)) {
      values.add(number(where, item));
    }
    return values;
  }

  private static List<BigInteger> range(String where, String text, int dots) {
    BigInteger from = number(where, text.substring(0, dots));
    String rest = text.substring(dots + 2);
    int colon = rest.indexOf(':');
    BigInteger to = number(where, colon < 0 ? rest : rest.substring(0, colon));
    if (from.compareTo(to) > 0) {
      throw new UsageException(where + ": the range is empty (" + from + " is above " + to + ")");
    }
    String step = colon < 0 ? "+1" : rest.substring(colon + 1);
    if (step.length() < 2 || (step.charAt(0) != '+' && step.charAt(0) != 'x')) {
      throw malformed(where);
    }
    BigInteger by = number(where, step.substring(1));
    if (step.charAt(0) == '+') {
      if (by.signum() == 0) {
        throw new UsageException(where + ": an arithmetic step must be at least 1 (+1, +256)");
      }
      BigInteger count = to.subtract(from).divide(by).add(BigInteger.ONE);
      if (count.compareTo(MAX_VALUES) > 0) {
        throw new UsageException(where + ": " + count + " values, more than one key can take (" + MAX_VALUES + ")");
      }
      return new Arithmetic(from, by, count.intValueExact());
    }
    if (by.compareTo(BigInteger.TWO) < 0) {
      throw new UsageException(where + ": a geometric factor must be a whole number of at least 2 (x2, x4)");
    }
    if (from.signum() == 0) {
      throw new UsageException(where + ": a geometric range must start at 1 or more (0 times any factor stays 0)");
    }
    List<BigInteger> values = new ArrayList<>();
    for (BigInteger v = from; v.compareTo(to) <= 0; v = v.multiply(by)) {
      values.add(v);
    }
    return values;
  }

  private static BigInteger number(String where, String text) {
    if (text.isEmpty() || text.length() > MAX_DIGITS) {
      throw malformed(where);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw malformed(where);
      }
    }
    return new BigInteger(text);
  }

  private static UsageException malformed(String where) {
    return new UsageException(
        where + ": VALUES must be a list of whole numbers (1,8,64) or a range A..B, A..B:xF or A..B:+S (1..512:x2,"
            + " 0..8192:+1024)");
  }

  private static String keys() {
    List<String> ids = new ArrayList<>();
    for (SweepKey k : SweepKey.values()) {
      ids.add(k.id());
    }
    return String.join(", ", ids);
  }

  /** {@code from}, {@code from + by}, … ({@code count} values), made when asked for. */
  private static final class Arithmetic extends AbstractList<BigInteger> {
    private final BigInteger from;
    private final BigInteger by;
    private final int count;

    Arithmetic(BigInteger from, BigInteger by, int count) {
      this.from = from;
      this.by = by;
      this.count = count;
    }

    @Override
    public BigInteger get(int index) {
      if (index < 0 || index >= count) {
        throw new IndexOutOfBoundsException(index);
      }
      return from.add(by.multiply(BigInteger.valueOf(index)));
    }

    @Override
    public int size() {
      return count;
    }
  }
}
